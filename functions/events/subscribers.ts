import type { OutboxSubscribers } from "../../shared/events/outbox.ts";
import { calendarRelevantEvents } from "../booking/booking-events.ts";
import { syncBookingToCalendar } from "../booking/calendar-sync.ts";

const syncCalendar = async (event: { payload: unknown }) => {
  await syncBookingToCalendar((event.payload as { bookingId: string }).bookingId);
};

/** Event type → what reacts to it. Features add their reactions here. */
export const subscribers: OutboxSubscribers = Object.fromEntries(
  calendarRelevantEvents.map((type) => [type, [syncCalendar]]),
);
