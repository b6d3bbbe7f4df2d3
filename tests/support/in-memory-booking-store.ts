import type { BookingStore } from "../../functions/booking/booking-store.ts";
import type { AuditInput } from "../../shared/data/audit-repository.ts";
import type { ChangeGuard, IdempotencyRecord, StoredBooking } from "../../shared/data/bookings-repository.ts";
import type { StoredSlot } from "../../shared/data/slots-repository.ts";
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
  options: { slots?: StoredSlot[]; timeZone?: string; rule?: PointsRule } = {},
) {
  const slotKey = (date: string, time: string) => `${date} ${time}`;
  const slots = new Map((options.slots ?? []).map((slot) => [slotKey(slot.date, slot.time), { ...slot }]));
  const bookings = new Map<string, StoredBooking>();
  const idempotency = new Map<string, IdempotencyRecord>();
  const audit: AuditInput[] = [];
  const events: OutboxEvent[] = [];
  const copy = <T>(value: T): T => structuredClone(value);

  const hasRoom = (date: string, time: string) => {
    const slot = slots.get(slotKey(date, time));
    return slot !== undefined && slot.booked < slot.capacity;
  };
  const move = (date: string, time: string, by: number) => {
    const slot = slots.get(slotKey(date, time));
    if (slot) slot.booked += by;
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
    async createBooking(booking, event, claim, entry) {
      const recordKey = claim ? `${booking.agent}#${claim.key}` : undefined;
      const record = recordKey ? idempotency.get(recordKey) : undefined;
      if (claim && record) {
        if (record.bodyHash !== undefined && record.bodyHash !== claim.bodyHash)
          return { kind: "key_reused" };
        const replayed = bookings.get(record.bookingId);
        if (replayed) return { kind: "replayed", booking: copy(replayed) };
      }
      if (!hasRoom(booking.date, booking.time)) return { kind: "full" };
      if (bookings.has(booking.id)) return { kind: "duplicate" };
      move(booking.date, booking.time, 1);
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
    async rescheduleBooking(current, next, event, entry, guard) {
      // Transaction order as in DynamoDB: the booking's own condition decides "stale" first.
      if (!unchanged(current, guard)) return { kind: "stale" };
      if (!hasRoom(next.date, next.time)) return { kind: "full" };
      const moved: StoredBooking = {
        ...current,
        ...next,
        updatedAt: event.occurredAt,
        sync: { state: "pending", attempts: 0 },
      };
      move(current.date, current.time, -1);
      move(next.date, next.time, 1);
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
      move(current.date, current.time, -1);
      commit(cancelled, event, entry);
      return { kind: "changed" as const, booking: copy(cancelled) };
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
      move(booking.date, booking.time, 1);
    },
    stored: (id: string) => copy(bookings.get(id)),
  };
}
