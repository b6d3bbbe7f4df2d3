import { config } from "../config.ts";
import { getBooking, type StoredBooking, setSyncState } from "../data/bookings-repository.ts";
import { getConsultant } from "../data/consultants-repository.ts";
import { clearSyncRetry, scheduleSyncRetry } from "../data/sync-retry-repository.ts";
import { defaultPotentialClass, potentialColors } from "../domain/booking/outcomes.ts";
import { createObservability, emitMetric, metricNames, type Observability } from "../http/observability.ts";
import { removeEvent, upsertEvent } from "./events.ts";
import { calendarErrorCause, describeCalendarError } from "./retry.ts";

const maxBackoffMs = 60 * 60 * 1000;

let observability: Pick<Observability, "logger"> | undefined;
const syncObservability = () => (observability ??= createObservability("slot-booking-calendar-sync"));

/** 30 s, 1 min, 2 min, … up to an hour between attempts. */
export function nextAttemptAt(attempts: number, now = Date.now()): string {
  return new Date(now + Math.min(maxBackoffMs, 30_000 * 2 ** Math.max(0, attempts - 1))).toISOString();
}

export function eventTitle(booking: Pick<StoredBooking, "firstName" | "lastName">): string {
  return `${booking.lastName}, ${booking.firstName}`;
}

/** Note, the consultant the appointment is with (name, else id), then who booked it. */
export function eventDescription(
  booking: Pick<StoredBooking, "note" | "agent" | "consultant">,
  consultantName?: string,
): string {
  const consultant = consultantName ?? booking.consultant;
  return [
    booking.note?.trim(),
    consultant ? `Berater: ${consultant}` : undefined,
    `[Booked by: ${booking.agent}]`,
  ]
    .filter(Boolean)
    .join("\n\n");
}

/** The event colour is the booking's potential class (bookings from before classes count as standard). */
export function eventColor(booking: Pick<StoredBooking, "potentialClass">): string {
  return potentialColors[booking.potentialClass ?? defaultPotentialClass];
}

export type SyncResult = "synced" | "failed" | "missing";

/**
 * Brings the central calendar in line with the booking as it is now (not as
 * the event that triggered this said), so late, repeated or out-of-order
 * deliveries all converge. Used by the outbox consumer and the retry job.
 * Failures are logged (sanitised), counted, recorded on the booking and
 * retried later; nothing is thrown, so one bad booking never blocks the stream.
 */
export async function syncBookingToCalendar(bookingId: string): Promise<SyncResult> {
  const booking = await getBooking(bookingId);
  if (!booking) return "missing";
  const { CENTRAL_CALENDAR_ID, TIMEZONE } = config();
  const attempts = booking.sync.attempts + 1;
  try {
    if (booking.status === "booked") {
      await upsertEvent(CENTRAL_CALENDAR_ID, {
        id: booking.eventId,
        summary: eventTitle(booking),
        description: eventDescription(
          booking,
          booking.consultant ? (await getConsultant(booking.consultant))?.name : undefined,
        ),
        start: booking.start,
        end: booking.end,
        timeZone: TIMEZONE,
        colorId: eventColor(booking),
      });
    } else {
      await removeEvent(CENTRAL_CALENDAR_ID, booking.eventId);
    }
    await setSyncState(booking.id, { state: "synced", attempts });
    await clearSyncRetry(booking.id);
    return "synced";
  } catch (error) {
    const { logger } = syncObservability();
    // The booking id and the cause only: the error object carries the request with the customer's name.
    logger.warn("calendar sync failed", {
      bookingId: booking.id,
      attempts,
      cause: calendarErrorCause(error),
    });
    emitMetric(metricNames.calendarSyncFailed);
    await setSyncState(booking.id, { state: "failed", reason: describeCalendarError(error), attempts });
    await scheduleSyncRetry(booking.id, nextAttemptAt(attempts));
    return "failed";
  }
}
