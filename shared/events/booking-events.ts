import type { Outcome, OutcomeSource, PotentialClass } from "../domain/booking/outcomes.ts";

/** Domain event types of bookings, as written to the outbox. */
export const bookingEvents = {
  created: "booking.created",
  rescheduled: "booking.rescheduled",
  cancelled: "booking.cancelled",
  /** Every outcome change, by hand or from the calendar: payload `OutcomeSetPayload`. */
  outcomeSet: "booking.outcome_set",
  /** Moved to another consultant in the same slot: the event names the consultant. */
  reassigned: "booking.reassigned",
  /** Freed by a marker in the calendar: the calendar already shows it, so no sync. Payload `OutcomeSetPayload`. */
  released: "booking.released",
} as const;

/** What consumers (points ledger, aggregates) need to count an outcome change exactly once. */
export interface OutcomeSetPayload {
  bookingId: string;
  from: Outcome;
  to: Outcome;
  source: OutcomeSource;
  /** Admin username or `job:check-outcomes`. */
  by: string;
  potentialClass?: PotentialClass;
  /** Back-compat with consumers that read `outcome`: the new outcome. */
  outcome: Outcome;
}

/** The events after which the central calendar must match the booking again. */
export const calendarRelevantEvents = [
  bookingEvents.created,
  bookingEvents.rescheduled,
  bookingEvents.cancelled,
  bookingEvents.reassigned,
];
