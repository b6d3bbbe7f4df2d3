import { listEvents } from "../../shared/calendar/events.ts";
import { config } from "../../shared/config.ts";
import { currentSlotTemplate } from "../../shared/data/booking-settings.ts";
import {
  cancelBooking,
  listBookingsOnDay,
  newOutboxEvent,
  setOutcome,
} from "../../shared/data/bookings-repository.ts";
import { eventOutcome } from "../../shared/domain/booking/outcomes.ts";
import { dayBounds, localDate } from "../../shared/domain/booking/slot-template.ts";
import { bookingEvents } from "../../shared/events/booking-events.ts";

export interface OutcomeRun {
  date: string;
  events: number;
  matched: number;
  updated: number;
  released: number;
  googleCalls: number;
}

/**
 * Reads one local day of the central calendar and carries each booked
 * event's colour or title marker over to its booking (matched by the
 * deterministic event id). Unchanged bookings are not written again.
 */
export async function checkOutcomes(date?: string, now = new Date()): Promise<OutcomeRun> {
  const template = await currentSlotTemplate();
  const day = date ?? localDate(now, template.timeZone);
  const { start, end } = dayBounds(day, template.timeZone);
  let googleCalls = 0;
  const [events, bookings] = await Promise.all([
    listEvents(config().CENTRAL_CALENDAR_ID, start, end, () => googleCalls++),
    listBookingsOnDay(day),
  ]);
  const byEventId = new Map(bookings.map((booking) => [booking.eventId, booking]));
  const run: OutcomeRun = {
    date: day,
    events: events.length,
    matched: 0,
    updated: 0,
    released: 0,
    googleCalls: 0,
  };
  for (const event of events) {
    const booking = event.id ? byEventId.get(event.id) : undefined;
    if (!booking) continue;
    run.matched++;
    const result = eventOutcome(event);
    if (result.freesSlot) {
      if (booking.status !== "booked") continue;
      const released = await cancelBooking(
        booking,
        newOutboxEvent(bookingEvents.released, { bookingId: booking.id, source: "calendar" }),
        { actor: "system", action: "booking.released", target: booking.id, detail: { source: "calendar" } },
        "cancelled",
      );
      if (released.kind === "changed") run.released++;
      continue;
    }
    if (result.outcome === booking.outcome && result.potentialClass === booking.potentialClass) continue;
    const updated = await setOutcome(
      booking,
      { outcome: result.outcome, potentialClass: result.potentialClass, points: booking.points },
      newOutboxEvent(bookingEvents.outcomeSet, {
        bookingId: booking.id,
        outcome: result.outcome,
        source: "calendar",
      }),
    );
    if (updated.kind === "changed") run.updated++;
  }
  run.googleCalls = googleCalls;
  return run;
}
