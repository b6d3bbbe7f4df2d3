import { listEvents } from "../../shared/calendar/events.ts";
import { mapWithLimit } from "../../shared/concurrency.ts";
import { config } from "../../shared/config.ts";
import { currentSlotTemplate } from "../../shared/data/booking-settings.ts";
import {
  bookingsForOutcomes,
  newOutboxEvent,
  type OutcomeWrite,
  releaseBooking,
  type StoredBooking,
  setOutcome,
} from "../../shared/data/bookings-repository.ts";
import { addDays, datesBetween, daysBetween } from "../../shared/domain/booking/local-date.ts";
import {
  calendarChange,
  eventOutcome,
  type OutcomeReading,
  outcomeJobActor,
} from "../../shared/domain/booking/outcomes.ts";
import { dayBounds, localDate } from "../../shared/domain/booking/slot-template.ts";
import { bookingEvents, type OutcomeSetPayload } from "../../shared/events/booking-events.ts";

/** An on-demand run reads at most this many days at once (one calendar read, one Query per day). */
export const maxOutcomeRangeDays = 62;
/** Day partitions queried at once. */
const dayQueryConcurrency = 4;

export interface OutcomeRunOptions {
  /** A single local date (the admin's "run now" for one day). */
  date?: string | undefined;
  /** A local date range, inclusive; default: the look-back window up to today. */
  from?: string | undefined;
  to?: string | undefined;
  /** Days before today the default window starts (default `OUTCOME_LOOKBACK_DAYS`, 14). */
  lookbackDays?: number | undefined;
}

export interface OutcomeRun {
  from: string;
  to: string;
  events: number;
  bookings: number;
  matched: number;
  /** Outcome (or class) changes written. */
  updated: number;
  /** Bookings that left their slot by a calendar marker. */
  released: number;
  /** Left alone because an admin set the outcome by hand. */
  manual: number;
  /** Changed by someone else between read and write: left for the next run. */
  stale: number;
  /** Old outcome values renamed on the way. */
  converted: number;
  googleCalls: number;
}

/** The inclusive local date range a run covers. */
export function outcomeWindow(options: OutcomeRunOptions, today: string): { from: string; to: string } {
  if (options.date) return { from: options.date, to: options.date };
  const lookback = options.lookbackDays ?? config().OUTCOME_LOOKBACK_DAYS;
  const to = options.to ?? today;
  const from = options.from ?? addDays(to, -lookback);
  const days = daysBetween(from, to);
  if (days < 0) throw new RangeError(`outcome range ends before it starts (${from}..${to})`);
  if (days >= maxOutcomeRangeDays)
    throw new RangeError(`outcome range longer than ${maxOutcomeRangeDays} days`);
  return { from, to };
}

/**
 * Resolves every booking in the window from the central calendar: each
 * booking whose slot has ended gets the outcome its event's title or colour
 * says (and the potential class a completed colour names); a withdrawal marker
 * frees the place at any time. Reads the calendar once for the whole range and
 * the bookings by day (one Query per date). Writes only what changed: a re-run
 * over an unchanged calendar writes nothing; an outcome set by hand, or one
 * the calendar no longer states (no colour), is never touched.
 */
export async function checkOutcomes(options: OutcomeRunOptions = {}, now = new Date()): Promise<OutcomeRun> {
  const template = await currentSlotTemplate();
  const { from, to } = outcomeWindow(options, localDate(now, template.timeZone));
  let googleCalls = 0;
  const [events, days] = await Promise.all([
    listEvents(
      config().CENTRAL_CALENDAR_ID,
      dayBounds(from, template.timeZone).start,
      dayBounds(to, template.timeZone).end,
      () => googleCalls++,
    ),
    mapWithLimit(datesBetween(from, to), dayQueryConcurrency, bookingsForOutcomes),
  ]);
  const bookings = days.flatMap((day) => day.bookings);
  const byEventId = new Map(bookings.map((booking) => [booking.eventId, booking]));
  const run: OutcomeRun = {
    from,
    to,
    events: events.length,
    bookings: bookings.length,
    matched: 0,
    updated: 0,
    released: 0,
    manual: 0,
    stale: 0,
    converted: days.reduce((sum, day) => sum + day.converted, 0),
    googleCalls: 0,
  };
  const at = now.toISOString();
  for (const event of events) {
    const booking = event.id ? byEventId.get(event.id) : undefined;
    if (booking?.status !== "booked") continue;
    run.matched++;
    if (booking.outcomeSource === "manual") {
      run.manual++;
      continue;
    }
    const reading = eventOutcome(event);
    const result = reading.freesSlot
      ? await release(booking, reading, at)
      : Date.parse(booking.end) <= now.getTime()
        ? await resolve(booking, reading, at)
        : "unchanged";
    if (result === "changed") {
      if (reading.freesSlot) run.released++;
      else run.updated++;
    } else if (result === "stale") run.stale++;
  }
  run.googleCalls = googleCalls;
  return run;
}

type WriteResult = "changed" | "unchanged" | "stale";

function outcomeEvent(type: string, booking: StoredBooking, change: OutcomeWrite) {
  const payload: OutcomeSetPayload = {
    bookingId: booking.id,
    from: booking.outcome,
    to: change.outcome,
    outcome: change.outcome,
    source: change.source,
    by: change.by,
    ...(change.potentialClass ? { potentialClass: change.potentialClass } : {}),
  };
  return newOutboxEvent(type, payload, change.at);
}

async function resolve(booking: StoredBooking, reading: OutcomeReading, at: string): Promise<WriteResult> {
  const next = calendarChange(booking, reading);
  if (!next) return "unchanged";
  const change: OutcomeWrite = { ...next, source: "calendar", by: outcomeJobActor, at };
  const result = await setOutcome(booking, change, outcomeEvent(bookingEvents.outcomeSet, booking, change));
  return result.kind === "changed" ? "changed" : "stale";
}

async function release(booking: StoredBooking, reading: OutcomeReading, at: string): Promise<WriteResult> {
  const change: OutcomeWrite = { outcome: reading.outcome, source: "calendar", by: outcomeJobActor, at };
  const result = await releaseBooking(
    booking,
    change,
    outcomeEvent(bookingEvents.released, booking, change),
    {
      actor: outcomeJobActor,
      action: "booking.released",
      target: booking.id,
      at,
      detail: { source: "calendar", outcome: reading.outcome },
    },
  );
  return result.kind === "changed" ? "changed" : "stale";
}
