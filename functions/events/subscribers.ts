import { syncBookingToCalendar } from "../../shared/calendar/booking-sync.ts";
import { countBookingEvent } from "../../shared/data/analytics/aggregates-repository.ts";
import { bookingEvents, calendarRelevantEvents } from "../../shared/events/booking-events.ts";
import type { OutboxSubscriber, OutboxSubscribers } from "../../shared/events/outbox.ts";

const syncCalendar = async (event: { payload: unknown }) => {
  await syncBookingToCalendar((event.payload as { bookingId: string }).bookingId);
};

const calendar: OutboxSubscribers = Object.fromEntries(
  calendarRelevantEvents.map((type) => [type, [syncCalendar]]),
);

/** Adds reactions to event types, keeping those already there. */
function also(
  into: OutboxSubscribers,
  types: readonly string[],
  subscriber: OutboxSubscriber,
): OutboxSubscribers {
  for (const type of types) into[type] = [...(into[type] ?? []), subscriber];
  return into;
}

/** Event type → what reacts to it. Features add their reactions here. */
export const subscribers: OutboxSubscribers = calendar;
// Analytics aggregates: every booking event (exactly once per event id).
also(subscribers, Object.values(bookingEvents), countBookingEvent);
