import { isoWeekday } from "../booking/local-date.ts";
import { type Outcome, outcomeValues, type PotentialClass } from "../booking/outcome-values.ts";

/**
 * The dimensions aggregates are kept by, each per local slot date.
 * `agentSlotTime` (agent × slot time) is what a personal dashboard's "best
 * slot times" needs without reading bookings.
 */
export const aggregateDimensions = [
  "day",
  "agent",
  "consultant",
  "slotTime",
  "weekday",
  "potential",
  "agentSlotTime",
] as const;
export type AggregateDimension = (typeof aggregateDimensions)[number];

/** Outcomes a booking can be counted under (`pending` until resolved). */
export const countedOutcomes = outcomeValues;

/** What one aggregate row (or any sum of rows) holds. */
export interface Counts {
  bookings: number;
  pending: number;
  completed: number;
  overhang: number;
  no_show: number;
  ghost: number;
  cancelled: number;
  rescheduled: number;
  consultant_change: number;
  /** Points of bookings whose points stand (provisional or confirmed). */
  points: number;
  /** Points confirmed by an outcome that took place (completed, overhang). */
  pointsConfirmed: number;
}

export const countFields = [
  "bookings",
  ...countedOutcomes,
  "points",
  "pointsConfirmed",
] as const satisfies readonly (keyof Counts)[];

export function emptyCounts(): Counts {
  return {
    bookings: 0,
    pending: 0,
    completed: 0,
    overhang: 0,
    no_show: 0,
    ghost: 0,
    cancelled: 0,
    rescheduled: 0,
    consultant_change: 0,
    points: 0,
    pointsConfirmed: 0,
  };
}

export function addCounts(into: Counts, add: Counts, sign: 1 | -1 = 1): Counts {
  for (const field of countFields) into[field] += sign * add[field];
  return into;
}

export function sumCounts(rows: Iterable<Counts>): Counts {
  const total = emptyCounts();
  for (const row of rows) addCounts(total, row);
  return total;
}

export function isZero(counts: Counts): boolean {
  return countFields.every((field) => counts[field] === 0);
}

/** The facts of a booking that aggregates count (a booking item has them all). */
export interface CountableBooking {
  id: string;
  date: string;
  time: string;
  agent: string;
  consultant?: string | undefined;
  potentialClass?: PotentialClass | undefined;
  status: "booked" | "cancelled";
  outcome: Outcome;
  points: number;
}

/** One booking as counted: which row of each dimension it adds to, and what it adds. */
export interface Contribution {
  date: string;
  /** Dimension → value of this booking. */
  values: Record<AggregateDimension, string>;
  counts: Counts;
}

export const unassignedConsultant = "unassigned";

/**
 * The outcome a booking counts under. A cancelled booking whose outcome was
 * never set (cancelled before any outcome existed) counts as cancelled.
 */
export function countedOutcome(booking: Pick<CountableBooking, "status" | "outcome">): Outcome {
  return booking.status === "cancelled" && booking.outcome === "pending" ? "cancelled" : booking.outcome;
}

/**
 * Points stand unless the outcome reversed them (no-show, ghost, a
 * cancellation); they are confirmed by an appointment that took place.
 */
const reversingOutcomes: ReadonlySet<Outcome> = new Set(["no_show", "ghost", "cancelled"]);
const confirmingOutcomes: ReadonlySet<Outcome> = new Set(["completed", "overhang"]);

export function contributionOf(booking: CountableBooking): Contribution {
  const outcome = countedOutcome(booking);
  const counts = emptyCounts();
  counts.bookings = 1;
  counts[outcome] = 1;
  counts.points = reversingOutcomes.has(outcome) ? 0 : booking.points;
  counts.pointsConfirmed = confirmingOutcomes.has(outcome) ? booking.points : 0;
  return {
    date: booking.date,
    values: {
      day: booking.date,
      agent: booking.agent,
      consultant: booking.consultant ?? unassignedConsultant,
      slotTime: booking.time,
      weekday: String(isoWeekday(booking.date)),
      potential: booking.potentialClass ?? "standard",
      agentSlotTime: `${booking.agent}|${booking.time}`,
    },
    counts,
  };
}

/** Identifies one aggregate row: dimension, local date, value. */
export function rowId(dimension: AggregateDimension, date: string, value: string): string {
  return `${dimension}\u0000${date}\u0000${value}`;
}

export function parseRowId(id: string): { dimension: AggregateDimension; date: string; value: string } {
  const [dimension, date, value] = id.split("\u0000") as [AggregateDimension, string, string];
  return { dimension, date, value };
}

/**
 * The row deltas that turn `before`'s counting into `after`'s (either may be
 * absent): an outcome correction moves one count from the old outcome to the
 * new, a reschedule moves the booking from one day/slot row to another.
 * Rows whose delta is all zero are left out.
 */
export function contributionDelta(
  before: Contribution | undefined,
  after: Contribution | undefined,
): Map<string, Counts> {
  const deltas = new Map<string, Counts>();
  const apply = (contribution: Contribution | undefined, sign: 1 | -1) => {
    if (!contribution) return;
    for (const dimension of aggregateDimensions) {
      const id = rowId(dimension, contribution.date, contribution.values[dimension]);
      const row = deltas.get(id) ?? emptyCounts();
      addCounts(row, contribution.counts, sign);
      deltas.set(id, row);
    }
  };
  apply(before, -1);
  apply(after, 1);
  for (const [id, row] of deltas) if (isZero(row)) deltas.delete(id);
  return deltas;
}

/** All rows recomputed from bookings (what the rebuild job writes and the tests compare with). */
export function aggregateBookings(bookings: Iterable<CountableBooking>): Map<string, Counts> {
  const rows = new Map<string, Counts>();
  for (const booking of bookings) {
    for (const [id, delta] of contributionDelta(undefined, contributionOf(booking))) {
      const row = rows.get(id) ?? emptyCounts();
      addCounts(row, delta);
      rows.set(id, row);
    }
  }
  return rows;
}
