import type { BookingStore } from "../../functions/booking/booking-store.ts";
import type { Consultant } from "../../shared/contracts/booking.ts";
import type { AuditInput } from "../../shared/data/audit-repository.ts";
import type {
  ChangeGuard,
  IdempotencyRecord,
  PlaceRef,
  PlaceRules,
  StoredBooking,
} from "../../shared/data/bookings-repository.ts";
import type { StoredSlot } from "../../shared/data/slots-repository.ts";
import { isoWeekOf } from "../../shared/domain/booking/assignment.ts";
import { type BookingRules, defaultBookingRules } from "../../shared/domain/booking/booking-rules.ts";
import { defaultPointsRule, type PointsRule } from "../../shared/domain/booking/points.ts";
import { defaultTimeZone } from "../../shared/domain/booking/slot-template.ts";
import type { OutboxEvent } from "../../shared/events/outbox.ts";

/**
 * The booking store in memory, with the same all-or-nothing conditions as the
 * DynamoDB adapter (capacity, optimistic `updatedAt`, must-be-booked, the
 * agents' guard, idempotency keys bound to a body hash). Unit tests drive the
 * booking service through it; the integration tests prove the DynamoDB side.
 */
export function inMemoryBookingStore(
  options: {
    slots?: StoredSlot[];
    timeZone?: string;
    rule?: PointsRule;
    rules?: BookingRules;
    consultants?: Consultant[];
  } = {},
) {
  const slotKey = (date: string, time: string) => `${date} ${time}`;
  const slots = new Map((options.slots ?? []).map((slot) => [slotKey(slot.date, slot.time), { ...slot }]));
  const bookings = new Map<string, StoredBooking>();
  const idempotency = new Map<string, IdempotencyRecord>();
  const audit: AuditInput[] = [];
  const events: OutboxEvent[] = [];
  const copy = <T>(value: T): T => structuredClone(value);

  const dayLoads = new Map<string, number>();
  const weekLoads = new Map<string, { count: number; lastAssignedAt?: string }>();
  const hasRoom = (place: PlaceRef, rules: PlaceRules = {}) => {
    const slot = slots.get(slotKey(place.date, place.time));
    if (!slot || slot.booked >= slot.capacity) return false;
    if (rules.startsAfter && !(slot.start > rules.startsAfter)) return false;
    const c = place.consultant;
    return c === undefined || (slot.bookedBy[c] ?? 0) < (slot.places[c] ?? 0);
  };
  const atDayLimit = (place: PlaceRef, maxPerDay: number | undefined) =>
    maxPerDay !== undefined &&
    place.consultant !== undefined &&
    (dayLoads.get(`${place.consultant} ${place.date}`) ?? 0) >= maxPerDay;
  const move = (place: PlaceRef, by: number, at = "") => {
    const slot = slots.get(slotKey(place.date, place.time));
    if (slot) slot.booked += by;
    const c = place.consultant;
    if (c === undefined) return;
    if (slot) slot.bookedBy[c] = (slot.bookedBy[c] ?? 0) + by;
    const day = `${c} ${place.date}`;
    dayLoads.set(day, (dayLoads.get(day) ?? 0) + by);
    const week = `${c} ${isoWeekOf(place.date)}`;
    const load = weekLoads.get(week) ?? { count: 0 };
    weekLoads.set(week, { ...load, count: load.count + by, ...(by > 0 ? { lastAssignedAt: at } : {}) });
  };
  /** The optimistic and guard conditions of a booking replace. */
  const unchanged = (seen: StoredBooking, guard: ChangeGuard | undefined) => {
    const stored = bookings.get(seen.id);
    if (!stored || stored.updatedAt !== seen.updatedAt || stored.status !== "booked") return false;
    if (guard?.startsAfter && !(stored.start > guard.startsAfter && stored.outcome === "pending"))
      return false;
    return true;
  };
  const commit = (booking: StoredBooking, event: OutboxEvent, entry: AuditInput | undefined) => {
    bookings.set(booking.id, copy(booking));
    events.push(event);
    if (entry) audit.push(entry);
  };

  const store: BookingStore = {
    async listSlots(from, to) {
      return [...slots.values()]
        .filter((slot) => slot.date >= from && slot.date <= to)
        .sort((a, b) => a.start.localeCompare(b.start))
        .map(copy);
    },
    async getSlot(date, time) {
      return copy(slots.get(slotKey(date, time)));
    },
    async listConsultants() {
      return copy(options.consultants ?? []);
    },
    async consultantLoads(ids, date) {
      return new Map(
        ids.map((id) => {
          const week = weekLoads.get(`${id} ${isoWeekOf(date)}`);
          return [
            id,
            {
              day: dayLoads.get(`${id} ${date}`) ?? 0,
              week: week?.count ?? 0,
              ...(week?.lastAssignedAt ? { lastAssignedAt: week.lastAssignedAt } : {}),
            },
          ];
        }),
      );
    },
    async bookingRules() {
      return options.rules ?? defaultBookingRules;
    },
    async pointsRule() {
      return options.rule ?? defaultPointsRule;
    },
    async timeZone() {
      return options.timeZone ?? defaultTimeZone;
    },
    async idempotencyRecord(agent, key) {
      return copy(idempotency.get(`${agent}#${key}`));
    },
    async getBooking(id) {
      return copy(bookings.get(id));
    },
    async createBooking(booking, event, claim, entry, rules = {}) {
      const recordKey = claim ? `${booking.agent}#${claim.key}` : undefined;
      const record = recordKey ? idempotency.get(recordKey) : undefined;
      if (claim && record) {
        if (record.bodyHash !== undefined && record.bodyHash !== claim.bodyHash)
          return { kind: "key_reused" };
        const replayed = bookings.get(record.bookingId);
        if (replayed) return { kind: "replayed", booking: copy(replayed) };
      }
      if (!hasRoom(booking, rules)) return { kind: "full" };
      if (bookings.has(booking.id)) return { kind: "duplicate" };
      if (atDayLimit(booking, rules.maxPerDay)) return { kind: "day_limit" };
      move(booking, 1, booking.createdAt);
      commit(booking, event, entry);
      if (recordKey && claim) idempotency.set(recordKey, { bookingId: booking.id, bodyHash: claim.bodyHash });
      return { kind: "created", booking: copy(booking) };
    },
    async listBookingsOfAgent(agent, fromIso, toIso) {
      return [...bookings.values()]
        .filter((booking) => booking.agent === agent && booking.start >= fromIso && booking.start <= toIso)
        .map(copy);
    },
    async listBookingsOnDay(date) {
      return [...bookings.values()].filter((booking) => booking.date === date).map(copy);
    },
    async rescheduleBooking(current, next, event, entry, guard, rules = {}) {
      // Transaction order as in DynamoDB: the booking's own condition decides "stale" first.
      if (!unchanged(current, guard)) return { kind: "stale" };
      if (!hasRoom(next, rules)) return { kind: "full" };
      const sameDay = current.consultant === next.consultant && current.date === next.date;
      if (!sameDay && atDayLimit(next, rules.maxPerDay)) return { kind: "day_limit" };
      const { overCapacity: _cleared, ...rest } = current;
      const moved: StoredBooking = {
        ...rest,
        ...next,
        updatedAt: event.occurredAt,
        sync: { state: "pending", attempts: 0 },
      };
      if (next.consultant === undefined) delete moved.consultant;
      move(current, -1);
      move(next, 1, event.occurredAt);
      commit(moved, event, entry);
      return { kind: "changed", booking: copy(moved) };
    },
    async cancelBooking(current, event, entry, outcome, guard) {
      if (!unchanged(current, guard)) return { kind: "stale" as const };
      const cancelled: StoredBooking = {
        ...current,
        status: "cancelled",
        ...(outcome ? { outcome } : {}),
        updatedAt: event.occurredAt,
        sync: { state: "pending", attempts: 0 },
      };
      move(current, -1);
      commit(cancelled, event, entry);
      return { kind: "changed" as const, booking: copy(cancelled) };
    },
    async reassignBooking(current, to, event, entry) {
      if (!unchanged(current, undefined)) return "stale";
      const slot = slots.get(slotKey(current.date, current.time));
      if (!slot || (slot.bookedBy[to] ?? 0) >= (slot.places[to] ?? 0)) return "stale";
      const { overCapacity: _cleared, ...rest } = current;
      const moved: StoredBooking = { ...rest, consultant: to, updatedAt: event.occurredAt };
      move({ ...current, time: "-" }, -1);
      move({ ...moved, time: "-" }, 1, event.occurredAt);
      slot.bookedBy[to] = (slot.bookedBy[to] ?? 0) + 1;
      if (current.consultant !== undefined)
        slot.bookedBy[current.consultant] = (slot.bookedBy[current.consultant] ?? 0) - 1;
      commit(moved, event, entry);
      return "changed";
    },
    async setOutcome(current, change, event, entry) {
      // As the repository: conditional on the outcome as read, touching only the outcome fields.
      const stored = bookings.get(current.id);
      if (!stored || stored.outcome !== current.outcome) return { kind: "stale" };
      if (change.source === "calendar" && stored.outcomeSource === "manual") return { kind: "stale" };
      const updated: StoredBooking = {
        ...stored,
        outcome: change.outcome,
        ...(change.potentialClass ? { potentialClass: change.potentialClass } : {}),
        outcomeSource: change.source,
        outcomeHistory: [
          ...(stored.outcomeHistory ?? []),
          {
            at: change.at,
            by: change.by,
            from: stored.outcome,
            to: change.outcome,
            ...(change.reason ? { reason: change.reason } : {}),
          },
        ],
        updatedAt: change.at,
      };
      commit(updated, event, entry);
      return { kind: "changed", booking: copy(updated) };
    },
  };

  return {
    store,
    audit,
    events,
    slot: (date: string, time: string) => copy(slots.get(slotKey(date, time))),
    /** Puts a booking as it would be stored (e.g. one that already lies in the past). */
    putBooking(booking: StoredBooking) {
      bookings.set(booking.id, copy(booking));
      move(booking, 1, booking.createdAt);
    },
    stored: (id: string) => copy(bookings.get(id)),
  };
}
