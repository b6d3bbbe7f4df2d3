import { syncBookingToCalendar } from "../../shared/calendar/booking-sync.ts";
import { countBookingEvent } from "../../shared/data/analytics/aggregates-repository.ts";
import { applyBookingEvent, creditEvents } from "../../shared/data/gamification/ledger-bookings.ts";
import { levelUpEventType } from "../../shared/data/gamification/ledger-repository.ts";
import { bookingEvents, calendarRelevantEvents } from "../../shared/events/booking-events.ts";
import type { OutboxSubscriber, OutboxSubscribers } from "../../shared/events/outbox.ts";
import {
  badgesOnBookingCancelled,
  badgesOnBookingChanged,
  badgesOnBookingCreated,
  badgesOnLevelUp,
} from "../../shared/gamification/achievements.ts";

const syncCalendar = async (event: { payload: unknown }) => {
  await syncBookingToCalendar((event.payload as { bookingId: string }).bookingId);
};

const bookingPoints: OutboxSubscriber = async (event) => {
  await applyBookingEvent(event);
};

/** Adds a reaction to event types, after those already there (order matters: badges read the points). */
function subscribe(table: OutboxSubscribers, types: readonly string[], subscriber: OutboxSubscriber): void {
  for (const type of types) table[type] = [...(table[type] ?? []), subscriber];
}

/**
 * Event type → what reacts to it, in order. Every reaction applies an event
 * at most once (keyed by the event id), so a redelivered record — or a retry
 * after a later reaction failed — changes nothing twice.
 */
export const subscribers: OutboxSubscribers = Object.fromEntries(
  calendarRelevantEvents.map((type) => [type, [syncCalendar]]),
);
// --- gamification: points ledger ---
subscribe(subscribers, creditEvents, bookingPoints);
// --- badges (after the points ledger's reactions: they read its totals) ---
subscribe(subscribers, [bookingEvents.created], badgesOnBookingCreated);
subscribe(subscribers, [bookingEvents.cancelled], badgesOnBookingCancelled);
subscribe(
  subscribers,
  [bookingEvents.outcomeSet, bookingEvents.rescheduled, bookingEvents.released],
  badgesOnBookingChanged,
);
subscribe(subscribers, [levelUpEventType], badgesOnLevelUp);
// --- analytics: aggregates follow every booking event (exactly once per event id) ---
subscribe(subscribers, Object.values(bookingEvents), countBookingEvent);
