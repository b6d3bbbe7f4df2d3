import { createHash, randomUUID } from "node:crypto";
import { mapWithLimit } from "../../shared/concurrency.ts";
import type { Booking, SlotView } from "../../shared/contracts/booking.ts";
import {
  type ChangeGuard,
  newOutboxEvent,
  type StoredBooking,
} from "../../shared/data/bookings-repository.ts";
import type { StoredSlot } from "../../shared/data/slots-repository.ts";
import { isInFuture } from "../../shared/domain/booking/booking-input.ts";
import { addDays, datesBetween, daysBetween, localDate } from "../../shared/domain/booking/local-date.ts";
import { defaultPotentialClass, type PotentialClass } from "../../shared/domain/booking/outcomes.ts";
import { pointsForSlot } from "../../shared/domain/booking/points.ts";
import { HttpError, invalidRequest } from "../../shared/http/errors.ts";
import type { Principal } from "../../shared/http/principal.ts";
import { bookingEvents } from "./booking-events.ts";
import type { BookingStore } from "./booking-store.ts";

const dayMs = 86_400_000;
/** A week view needs 7 days, a month report ~31; longer ranges are exports. */
const maxAvailabilityDays = 62;
const maxListDays = 120;
/** Day partitions queried at once for the all-agents list: a 120-day list in a few round trips, not one burst. */
const dayQueryConcurrency = 8;

function checkRange(from: string, to: string, maxDays: number) {
  const days = daysBetween(from, to);
  if (days < 0) throw invalidRequest({ "query.to": "range.toBeforeFrom" });
  if (days > maxDays)
    throw invalidRequest({ "query.to": { id: "range.tooManyDays", params: { max: maxDays } } });
}

/** Public view of a stored booking (the response schema strips internal fields too). */
export function toBooking(stored: StoredBooking): Booking {
  const { eventId: _eventId, recall: _recall, ...booking } = stored;
  return booking;
}

const slotFull = () =>
  new HttpError("conflict", "booking.slotFull", {
    fields: { "body.time": "booking.slotFullField" },
  });
const changedMeanwhile = () => new HttpError("conflict", "booking.changedMeanwhile");
const bookingInPast = () => new HttpError("booking_in_past", "error.booking_in_past");
const bookingHasOutcome = () => new HttpError("booking_has_outcome", "error.booking_has_outcome");
const idempotencyKeyReused = () =>
  new HttpError("idempotency_key_reused", "booking.idempotencyKeyReused", {
    fields: { "Idempotency-Key": "booking.idempotencyKeyReusedField" },
  });

/** Why a booking is closed to agents: past or with an outcome; undefined while open. */
function closedBecause(
  booking: StoredBooking,
  now: Date,
): "booking_in_past" | "booking_has_outcome" | undefined {
  if (!isInFuture(booking.start, now)) return "booking_in_past";
  if (booking.outcome !== "pending") return "booking_has_outcome";
  return undefined;
}

const closedError = (reason: "booking_in_past" | "booking_has_outcome") =>
  reason === "booking_in_past" ? bookingInPast() : bookingHasOutcome();

/**
 * Agents may change (reschedule, cancel) only future bookings without an
 * outcome: a past no-show moved ahead would earn points again. Admins may
 * correct any booking; the correction is named in the audit entry. The check
 * here answers early; the guard makes the write itself conditional, so a
 * booking that closes in between is still refused.
 */
function changeRule(
  current: StoredBooking,
  principal: Principal,
  now: Date,
): { guard?: ChangeGuard; correction?: "booking_in_past" | "booking_has_outcome" } {
  const reason = closedBecause(current, now);
  if (principal.role === "admin") return reason ? { correction: reason } : {};
  if (reason) throw closedError(reason);
  return { guard: { startsAfter: now.toISOString() } };
}

export interface NewBooking {
  date: string;
  time: string;
  firstName: string;
  lastName: string;
  phone: string;
  note?: string | undefined;
  potential?: PotentialClass | undefined;
}

/** The request an idempotency key is bound to: the parsed body, keys sorted. */
export function bookingRequestHash(input: NewBooking): string {
  const fields = Object.entries(input)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return createHash("sha256").update(JSON.stringify(fields)).digest("base64url");
}

/** The booking rules over a store (DynamoDB in the handler, in memory in unit tests). */
export function bookingService(store: BookingStore) {
  async function availability(from: string, to: string): Promise<{ timeZone: string; slots: SlotView[] }> {
    checkRange(from, to, maxAvailabilityDays);
    const [slots, rule, timeZone] = await Promise.all([
      store.listSlots(from, to),
      store.pointsRule(),
      store.timeZone(),
    ]);
    return {
      timeZone,
      slots: slots.map((slot) => ({
        date: slot.date,
        time: slot.time,
        start: slot.start,
        end: slot.end,
        capacity: slot.capacity,
        booked: slot.booked,
        free: Math.max(0, slot.capacity - slot.booked),
        points: pointsForSlot(rule, slot),
      })),
    };
  }

  /** The slot, if it is offered and still ahead; otherwise a 4xx naming the field. */
  async function bookableSlot(date: string, time: string, now: Date): Promise<StoredSlot> {
    const slot = (await store.listSlots(date, date)).find((candidate) => candidate.time === time);
    if (!slot || slot.capacity === 0) {
      throw new HttpError("conflict", "booking.slotNotOffered", {
        fields: { "body.time": "booking.slotNotOfferedField" },
      });
    }
    if (!isInFuture(slot.start, now)) {
      throw invalidRequest({ "body.time": "booking.slotInPast" });
    }
    return slot;
  }

  async function book(
    input: NewBooking,
    agent: Principal,
    idempotencyKey: string | undefined,
    now = new Date(),
  ): Promise<{ booking: Booking; replayed: boolean }> {
    const claim = idempotencyKey ? { key: idempotencyKey, bodyHash: bookingRequestHash(input) } : undefined;
    if (claim) {
      const earlier = await store.idempotencyRecord(agent.username, claim.key);
      if (earlier?.bodyHash !== undefined && earlier.bodyHash !== claim.bodyHash)
        throw idempotencyKeyReused();
      const booking = earlier ? await store.getBooking(earlier.bookingId) : undefined;
      if (booking) return { booking: toBooking(booking), replayed: true };
    }
    const slot = await bookableSlot(input.date, input.time, now);
    if (slot.booked >= slot.capacity) throw slotFull();
    const rule = await store.pointsRule();
    const potentialClass = input.potential ?? defaultPotentialClass;
    const id = randomUUID().replaceAll("-", "");
    const at = now.toISOString();
    const booking: StoredBooking = {
      id,
      // Google event ids allow base32hex (0-9, a-v): a hex id qualifies as it is.
      eventId: `sb${id}`,
      date: slot.date,
      time: slot.time,
      start: slot.start,
      end: slot.end,
      firstName: input.firstName,
      lastName: input.lastName,
      phone: input.phone,
      ...(input.note ? { note: input.note } : {}),
      agent: agent.username,
      status: "booked",
      outcome: "pending",
      potentialClass,
      points: pointsForSlot(rule, slot, potentialClass === "recall"),
      sync: { state: "pending", attempts: 0 },
      createdAt: at,
      updatedAt: at,
    };
    const result = await store.createBooking(
      booking,
      newOutboxEvent(bookingEvents.created, { bookingId: id }, at),
      claim,
      {
        actor: agent.username,
        action: "booking.created",
        target: id,
        at,
        detail: { slot: `${slot.date} ${slot.time}` },
      },
    );
    if (result.kind === "full") throw slotFull();
    if (result.kind === "key_reused") throw idempotencyKeyReused();
    // Random 128-bit ids do not collide; a duplicate here would be a bug, not a user error.
    if (result.kind === "duplicate") throw new Error("booking id collision");
    return { booking: toBooking(result.booking), replayed: result.kind === "replayed" };
  }

  /** The booking if the principal may see it: its agent or an admin. Others get 404, not a hint it exists. */
  async function visibleBooking(id: string, principal: Principal): Promise<StoredBooking> {
    const booking = await store.getBooking(id);
    if (!booking || (principal.role !== "admin" && booking.agent !== principal.username)) {
      throw new HttpError("not_found", "booking.notFound");
    }
    return booking;
  }

  /** After a guarded write failed its condition: name why (closed meanwhile) or report a concurrent change. */
  async function refusal(id: string, guard: ChangeGuard | undefined, now: Date): Promise<HttpError> {
    const fresh = guard ? await store.getBooking(id) : undefined;
    const reason = fresh ? closedBecause(fresh, now) : undefined;
    return reason ? closedError(reason) : changedMeanwhile();
  }

  async function listBookings(
    query: {
      from?: string | undefined;
      to?: string | undefined;
      agent?: string | undefined;
      consultant?: string | undefined;
    },
    principal: Principal,
    now = new Date(),
  ): Promise<Booking[]> {
    const today = localDate(now, await store.timeZone());
    const from = query.from ?? addDays(today, -30);
    const to = query.to ?? addDays(today, 60);
    checkRange(from, to, maxListDays);
    const agent = principal.role === "admin" ? query.agent : principal.username;
    let bookings: StoredBooking[];
    if (agent) {
      // The agent index sorts by UTC start; widen by a day each side, then filter by local date.
      const fromIso = new Date(Date.parse(from) - dayMs).toISOString();
      const toIso = new Date(Date.parse(to) + 2 * dayMs).toISOString();
      bookings = (await store.listBookingsOfAgent(agent, fromIso, toIso)).filter(
        (b) => b.date >= from && b.date <= to,
      );
    } else {
      bookings = (
        await mapWithLimit(datesBetween(from, to), dayQueryConcurrency, store.listBookingsOnDay)
      ).flat();
    }
    if (query.consultant) {
      // Capacity is pooled, so a booking belongs to no single consultant: this keeps the
      // bookings in slots the consultant offers (one more Query for the slots of the range).
      const consultant = query.consultant;
      const offered = new Set(
        (await store.listSlots(from, to))
          .filter((slot) => slot.consultants.includes(consultant))
          .map((slot) => `${slot.date} ${slot.time}`),
      );
      bookings = bookings.filter((booking) => offered.has(`${booking.date} ${booking.time}`));
    }
    return bookings.sort((a, b) => a.start.localeCompare(b.start)).map(toBooking);
  }

  async function reschedule(
    id: string,
    target: { date: string; time: string },
    principal: Principal,
    now = new Date(),
  ) {
    const current = await visibleBooking(id, principal);
    if (current.status !== "booked") throw new HttpError("conflict", "booking.cancelledNoReschedule");
    const { guard, correction } = changeRule(current, principal, now);
    if (current.date === target.date && current.time === target.time) return toBooking(current);
    const slot = await bookableSlot(target.date, target.time, now);
    const rule = await store.pointsRule();
    const result = await store.rescheduleBooking(
      current,
      {
        date: slot.date,
        time: slot.time,
        start: slot.start,
        end: slot.end,
        points: pointsForSlot(rule, slot, current.potentialClass === "recall" || current.recall === true),
      },
      newOutboxEvent(
        bookingEvents.rescheduled,
        { bookingId: id, from: { date: current.date, time: current.time } },
        now.toISOString(),
      ),
      {
        actor: principal.username,
        action: "booking.rescheduled",
        target: id,
        detail: {
          from: `${current.date} ${current.time}`,
          to: `${slot.date} ${slot.time}`,
          ...(correction ? { correction, outcome: current.outcome } : {}),
        },
      },
      guard,
    );
    if (result.kind === "full") throw slotFull();
    if (result.kind === "stale") throw await refusal(id, guard, now);
    return toBooking(result.booking);
  }

  async function cancel(id: string, principal: Principal, now = new Date()) {
    const current = await visibleBooking(id, principal);
    if (current.status === "cancelled") return toBooking(current);
    const { guard, correction } = changeRule(current, principal, now);
    const result = await store.cancelBooking(
      current,
      newOutboxEvent(bookingEvents.cancelled, { bookingId: id }, now.toISOString()),
      {
        actor: principal.username,
        action: "booking.cancelled",
        target: id,
        ...(correction ? { detail: { correction, outcome: current.outcome } } : {}),
      },
      "cancelled",
      guard,
    );
    if (result.kind === "stale") throw await refusal(id, guard, now);
    return toBooking(result.booking);
  }

  /** An admin sets or corrects the outcome: history kept, audited, and the outcome job leaves it alone from now on. */
  async function recordOutcome(
    id: string,
    input: {
      outcome: Exclude<Booking["outcome"], "pending">;
      potentialClass?: Booking["potentialClass"] | undefined;
      reason?: string | undefined;
    },
    principal: Principal,
    now = new Date(),
  ) {
    const current = await visibleBooking(id, principal);
    const change = {
      outcome: input.outcome,
      potentialClass: input.potentialClass,
      source: "manual" as const,
      by: principal.username,
      reason: input.reason,
      at: now.toISOString(),
    };
    const result = await store.setOutcome(
      current,
      change,
      newOutboxEvent(
        bookingEvents.outcomeSet,
        {
          bookingId: id,
          from: current.outcome,
          to: input.outcome,
          outcome: input.outcome,
          source: "manual",
          by: principal.username,
          ...(input.potentialClass ? { potentialClass: input.potentialClass } : {}),
        },
        change.at,
      ),
      {
        actor: principal.username,
        action: "booking.outcome_set",
        target: id,
        at: change.at,
        detail: {
          from: current.outcome,
          outcome: input.outcome,
          ...(input.potentialClass ? { potentialClass: input.potentialClass } : {}),
          ...(input.reason ? { reason: input.reason } : {}),
        },
      },
    );
    if (result.kind !== "changed") throw changedMeanwhile();
    return toBooking(result.booking);
  }

  return { availability, book, visibleBooking, listBookings, reschedule, cancel, recordOutcome };
}

export type BookingService = ReturnType<typeof bookingService>;
