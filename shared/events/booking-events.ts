/** Domain event types of bookings, as written to the outbox. */
export const bookingEvents = {
  created: "booking.created",
  rescheduled: "booking.rescheduled",
  cancelled: "booking.cancelled",
  outcomeSet: "booking.outcome_set",
  /** Freed by a marker in the calendar: the calendar already shows it, so no sync. */
  released: "booking.released",
} as const;

/** The events after which the central calendar must match the booking again. */
export const calendarRelevantEvents = [
  bookingEvents.created,
  bookingEvents.rescheduled,
  bookingEvents.cancelled,
];
