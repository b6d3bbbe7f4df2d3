import { syncBookingToCalendar } from "../../shared/calendar/booking-sync.ts";
import {
  applyTelefonieCredits,
  telefonieChangedEvent,
} from "../../shared/data/gamification/telefonie-repository.ts";
import { calendarRelevantEvents } from "../../shared/events/booking-events.ts";
import type { OutboxSubscribers } from "../../shared/events/outbox.ts";

const syncCalendar = async (event: { payload: unknown }) => {
  await syncBookingToCalendar((event.payload as { bookingId: string }).bookingId);
};

/** Event type → what reacts to it. Features add their reactions here. */
export const subscribers: OutboxSubscribers = {
  ...Object.fromEntries(calendarRelevantEvents.map((type) => [type, [syncCalendar]])),
  // Telefonie entries credit the gamification ledger (counters telefonie, telefonieWeeksAtGoal).
  [telefonieChangedEvent]: [applyTelefonieCredits],
};
