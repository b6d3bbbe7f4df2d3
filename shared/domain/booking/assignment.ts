import { DateTime } from "luxon";

/**
 * Which consultant a booking goes to, and how a slot's bookings are spread
 * when its consultants or their places change. Plain functions over counts:
 * the repositories read the counts, the transaction re-checks them.
 */

/** The ISO week of a local date, `2026-W49` (weeks start Monday; the week-year may differ from the date's year). */
export function isoWeekOf(date: string): string {
  const parsed = DateTime.fromISO(date, { zone: "utc" });
  return `${parsed.weekYear}-W${String(parsed.weekNumber).padStart(2, "0")}`;
}

export interface Candidate {
  id: string;
  /** Places this consultant has in the slot. */
  places: number;
  /** Bookings this consultant has in the slot. */
  booked: number;
  /** Bookings this consultant has in the slot's ISO week. */
  weekLoad: number;
  /** Bookings this consultant has on the slot's day (for the per-day limit). */
  dayLoad: number;
  /** When this consultant was last assigned a booking; undefined = never. */
  lastAssignedAt?: string | undefined;
}

/** Whether the consultant can take one more booking in this slot under the per-day limit. */
export function hasRoom(candidate: Candidate, maxPerDay?: number): boolean {
  if (candidate.booked >= candidate.places) return false;
  return maxPerDay === undefined || candidate.dayLoad < maxPerDay;
}

/**
 * The consultant with a free place and the fewest bookings that week; ties go
 * round robin: the one assigned longest ago (never assigned first), then by id
 * so the choice is deterministic. Undefined when nobody has room.
 */
export function chooseConsultant(
  candidates: readonly Candidate[],
  options: { maxPerDay?: number | undefined; exclude?: ReadonlySet<string> } = {},
): string | undefined {
  const open = candidates.filter(
    (candidate) => !options.exclude?.has(candidate.id) && hasRoom(candidate, options.maxPerDay),
  );
  open.sort(
    (a, b) =>
      a.weekLoad - b.weekLoad ||
      (a.lastAssignedAt ?? "").localeCompare(b.lastAssignedAt ?? "") ||
      a.id.localeCompare(b.id),
  );
  return open[0]?.id;
}

export interface SlotBooking {
  id: string;
  consultant?: string | undefined;
  createdAt: string;
  overCapacity?: boolean | undefined;
}

export interface RebalancePlan {
  /** Bookings that move to another consultant with room in the same slot. */
  moves: { bookingId: string; from: string | undefined; to: string }[];
  /** Bookings that fit nowhere: flagged, never dropped. */
  flag: string[];
  /** Flagged bookings that fit again (their consultant has room once more). */
  unflag: string[];
}

/**
 * Spreads a slot's active bookings over its consultants' places. Each
 * consultant keeps their earliest bookings up to their places; the rest (and
 * bookings without a consultant) move to the consultant with the most room
 * left, and what fits nowhere is flagged over capacity.
 */
export function rebalanceSlot(
  places: Readonly<Record<string, number>>,
  bookings: readonly SlotBooking[],
): RebalancePlan {
  const plan: RebalancePlan = { moves: [], flag: [], unflag: [] };
  const used = new Map<string, number>();
  const excess: SlotBooking[] = [];
  const byAge = [...bookings].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
  for (const booking of byAge) {
    const own = booking.consultant;
    const count = own === undefined ? 0 : (used.get(own) ?? 0);
    if (own !== undefined && count < (places[own] ?? 0)) {
      used.set(own, count + 1);
      if (booking.overCapacity) plan.unflag.push(booking.id);
    } else excess.push(booking);
  }
  for (const booking of excess) {
    const target = Object.keys(places)
      .map((id) => ({ id, room: (places[id] ?? 0) - (used.get(id) ?? 0) }))
      .filter((candidate) => candidate.room > 0)
      .sort((a, b) => b.room - a.room || a.id.localeCompare(b.id))[0];
    if (target) {
      used.set(target.id, (used.get(target.id) ?? 0) + 1);
      plan.moves.push({ bookingId: booking.id, from: booking.consultant, to: target.id });
    } else if (!booking.overCapacity) plan.flag.push(booking.id);
  }
  return plan;
}
