import type { Outcome } from "../booking/outcomes.ts";

/**
 * What one booking credits its agent, as a function of the booking as it
 * stands: the events handler applies the difference to what was credited
 * before (so a redelivered or late event adds nothing), and the rebuild sums
 * the same function over all bookings, which is why both agree.
 *
 * - booked and pending (or a consultant change): the booking's points, provisional;
 * - took place (`completed`, `overhang`): confirmed, resolved and shown;
 * - `no_show`, `ghost`: no points, resolved, not shown;
 * - cancelled (by the agent or an admin, or released by the calendar as
 *   `cancelled`/`rescheduled`): nothing at all, the booking no longer counts.
 */
export interface BookingCredit {
  provisional: number;
  confirmed: number;
  /** Effective XP of the confirmed points. */
  xp: number;
  bookings: number;
  resolved: number;
  shown: number;
}

export const noCredit: BookingCredit = {
  provisional: 0,
  confirmed: 0,
  xp: 0,
  bookings: 0,
  resolved: 0,
  shown: 0,
};

export interface CreditedBooking {
  status: "booked" | "cancelled";
  outcome: Outcome;
  points: number;
}

const shownOutcomes: ReadonlySet<Outcome> = new Set(["completed", "overhang"]);
const missedOutcomes: ReadonlySet<Outcome> = new Set(["no_show", "ghost"]);
const withdrawnOutcomes: ReadonlySet<Outcome> = new Set(["cancelled", "rescheduled"]);

/** `xpPerPoint` is the effective XP per confirmed point (base × season × prestige of the booking's instant). */
export function creditFor(booking: CreditedBooking, xpPerPoint: number): BookingCredit {
  if (booking.status === "cancelled" || withdrawnOutcomes.has(booking.outcome)) return noCredit;
  const points = Math.max(0, booking.points);
  if (shownOutcomes.has(booking.outcome)) {
    return {
      ...noCredit,
      confirmed: points,
      xp: Math.round(points * xpPerPoint),
      bookings: 1,
      resolved: 1,
      shown: 1,
    };
  }
  if (missedOutcomes.has(booking.outcome)) return { ...noCredit, bookings: 1, resolved: 1 };
  return { ...noCredit, provisional: points, bookings: 1 };
}

export function creditDelta(next: BookingCredit, previous: BookingCredit): BookingCredit {
  return {
    provisional: next.provisional - previous.provisional,
    confirmed: next.confirmed - previous.confirmed,
    xp: next.xp - previous.xp,
    bookings: next.bookings - previous.bookings,
    resolved: next.resolved - previous.resolved,
    shown: next.shown - previous.shown,
  };
}

export function isZeroCredit(credit: BookingCredit): boolean {
  return Object.values(credit).every((value) => value === 0);
}
