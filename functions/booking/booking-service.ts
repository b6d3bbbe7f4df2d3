import { createHash, randomUUID } from "node:crypto";
import { mapWithLimit } from "../../shared/concurrency.ts";
import type { Booking, SlotView } from "../../shared/contracts/booking.ts";
import {
  type ChangeGuard,
  newOutboxEvent,
  type StoredBooking,
} from "../../shared/data/bookings-repository.ts";
import type { StoredSlot } from "../../shared/data/slots-repository.ts";
import { chooseConsultant } from "../../shared/domain/booking/assignment.ts";
import { isInFuture } from "../../shared/domain/booking/booking-input.ts";
import { type BookingRules, earliestBookableStart } from "../../shared/domain/booking/booking-rules.ts";
import { addDays, datesBetween, daysBetween, localDate } from "../../shared/domain/booking/local-date.ts";
import { defaultPotentialClass, type PotentialClass } from "../../shared/domain/booking/outcomes.ts";
import { pointsForSlot } from "../../shared/domain/booking/points.ts";
import { bookingEvents } from "../../shared/events/booking-events.ts";
import { HttpError, invalidRequest } from "../../shared/http/errors.ts";
import type { Principal } from "../../shared/http/principal.ts";
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
    fields: { "headers.idempotency-key": "booking.idempotencyKeyReusedField" },
  });
const consultantNotOffering = () =>
  new HttpError("conflict", "booking.consultantNotOffering", {
    fields: { "body.consultant": "booking.consultantNotOfferingField" },
  });
const consultantFull = () =>
  new HttpError("conflict", "booking.consultantFull", {
    fields: { "body.consultant": "booking.consultantFullField" },
  });
const consultantDayLimit = (max: number) =>
  new HttpError(
    "conflict",
    { id: "booking.consultantDayLimit", params: { max } },
    {
      fields: { "body.consultant": { id: "booking.consultantDayLimitField", params: { max } } },
    },
  );
const everyConsultantAtDayLimit = (max: number) =>
  new HttpError(
    "conflict",
    { id: "booking.everyConsultantDayLimit", params: { max } },
    {
      fields: { "body.time": { id: "booking.everyConsultantDayLimitField", params: { max } } },
    },
  );

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
  consultant?: string | undefined;
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
  /** `from`+`to`, or `date` for one day (exactly one form). */
  function availabilityRange(query: {
    from?: string | undefined;
    to?: string | undefined;
    date?: string | undefined;
  }) {
    if (query.date !== undefined) {
      if (query.from !== undefined || query.to !== undefined) {
        throw invalidRequest({ "query.date": "availability.dateOrRange" });
      }
      return { from: query.date, to: query.date };
    }
    if (query.from === undefined) throw invalidRequest({ "query.from": "availability.fromMissing" });
    if (query.to === undefined) throw invalidRequest({ "query.to": "field.required" });
    return { from: query.from, to: query.to };
  }

  async function availability(query: {
    from?: string | undefined;
    to?: string | undefined;
    date?: string | undefined;
  }): Promise<{ timeZone: string; slots: SlotView[] }> {
    const { from, to } = availabilityRange(query);
    checkRange(from, to, maxAvailabilityDays);
    const [slots, rule, timeZone, consultants] = await Promise.all([
      store.listSlots(from, to),
      store.pointsRule(),
      store.timeZone(),
      store.listConsultants(),
    ]);
    const names = new Map(consultants.map((consultant) => [consultant.id, consultant.name]));
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
        consultants: Object.entries(slot.places)
          .filter(([, places]) => places > 0)
          .map(([id, places]) => {
            const booked = slot.bookedBy[id] ?? 0;
            return { id, name: names.get(id) ?? id, places, booked, free: Math.max(0, places - booked) };
          })
          .sort((a, b) => a.name.localeCompare(b.name, "de")),
      })),
    };
  }

  /** The slot, if it is offered and far enough ahead; otherwise a 4xx naming the field. */
  async function bookableSlot(
    date: string,
    time: string,
    now: Date,
    rules: BookingRules,
  ): Promise<StoredSlot> {
    const slot = (await store.listSlots(date, date)).find((candidate) => candidate.time === time);
    if (!slot || slot.capacity === 0) {
      throw new HttpError("conflict", "booking.slotNotOffered", {
        fields: { "body.time": "booking.slotNotOfferedField" },
      });
    }
    checkNotice(slot, now, rules);
    return slot;
  }

  function checkNotice(slot: StoredSlot, now: Date, rules: BookingRules) {
    if (!isInFuture(slot.start, now)) {
      throw invalidRequest({ "body.time": "booking.slotInPast" });
    }
    if (slot.start <= earliestBookableStart(rules, now)) {
      throw invalidRequest({
        "body.time": { id: "booking.minNotice", params: { minutes: rules.minNoticeMinutes } },
      });
    }
  }

  /**
   * Takes a place for a consultant: the chosen one, else the one `chooseConsultant`
   * picks. A condition that fails under concurrency is re-read and, for an
   * automatic choice, retried with the next consultant (bounded by their number),
   * so a 409 means the slot (or the chosen consultant) really is full.
   */
  async function withAssignment<R extends { kind: string; slot?: StoredSlot | null }>(
    slot: StoredSlot,
    chosen: string | undefined,
    now: Date,
    rules: BookingRules,
    attempt: (consultant: string, slot: StoredSlot) => Promise<R>,
  ): Promise<Exclude<R, { kind: "full" | "day_limit" }>> {
    if (chosen !== undefined && !((slot.places[chosen] ?? 0) > 0)) throw consultantNotOffering();
    const tried = new Set<string>();
    const maxPerDay = rules.maxBookingsPerConsultantPerDay;
    let current = slot;
    for (let round = 0; round <= Object.keys(slot.places).length; round++) {
      if (current.booked >= current.capacity) throw slotFull();
      let consultant = chosen;
      if (consultant === undefined) {
        const ids = Object.keys(current.places);
        const loads = await store.consultantLoads(ids, current.date);
        const candidates = ids.map((id) => ({
          id,
          places: current.places[id] ?? 0,
          booked: current.bookedBy[id] ?? 0,
          weekLoad: loads.get(id)?.week ?? 0,
          dayLoad: loads.get(id)?.day ?? 0,
          lastAssignedAt: loads.get(id)?.lastAssignedAt,
        }));
        consultant = chooseConsultant(candidates, { maxPerDay, exclude: tried });
        if (consultant === undefined) {
          const roomWithoutLimit = candidates.some((c) => !tried.has(c.id) && c.booked < c.places);
          throw maxPerDay !== undefined && roomWithoutLimit
            ? everyConsultantAtDayLimit(maxPerDay)
            : slotFull();
        }
      } else if ((current.bookedBy[consultant] ?? 0) >= (current.places[consultant] ?? 0)) {
        throw consultantFull();
      }
      const result = await attempt(consultant, current);
      if (result.kind === "day_limit") {
        if (chosen !== undefined || maxPerDay === undefined) throw consultantDayLimit(maxPerDay ?? 0);
        tried.add(consultant);
        continue;
      }
      if (result.kind !== "full") return result as Exclude<R, { kind: "full" | "day_limit" }>;
      // Lost a race: the failed condition returned the slot as it saw it (else read it) to find out why.
      const fresh =
        result.slot === undefined
          ? await store.getSlot(current.date, current.time)
          : (result.slot ?? undefined);
      if (!fresh || fresh.capacity === 0) throw slotFull();
      checkNotice(fresh, now, rules);
      if (fresh.booked >= fresh.capacity) throw slotFull();
      if (chosen !== undefined) {
        if (!((fresh.places[chosen] ?? 0) > 0)) throw consultantNotOffering();
        throw consultantFull();
      }
      tried.add(consultant);
      current = fresh;
    }
    throw slotFull();
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
    const rules = await store.bookingRules();
    const slot = await bookableSlot(input.date, input.time, now, rules);
    const pointsRule = await store.pointsRule();
    const potentialClass = input.potential ?? defaultPotentialClass;
    const id = randomUUID().replaceAll("-", "");
    const at = now.toISOString();
    const result = await withAssignment(slot, input.consultant, now, rules, (consultant, current) => {
      const booking: StoredBooking = {
        id,
        // Google event ids allow base32hex (0-9, a-v): a hex id qualifies as it is.
        eventId: `sb${id}`,
        date: current.date,
        time: current.time,
        start: current.start,
        end: current.end,
        firstName: input.firstName,
        lastName: input.lastName,
        phone: input.phone,
        ...(input.note ? { note: input.note } : {}),
        agent: agent.username,
        consultant,
        status: "booked",
        outcome: "pending",
        potentialClass,
        points: pointsForSlot(pointsRule, current, potentialClass === "recall"),
        sync: { state: "pending", attempts: 0 },
        createdAt: at,
        updatedAt: at,
      };
      return store.createBooking(
        booking,
        newOutboxEvent(bookingEvents.created, { bookingId: id }, at),
        claim,
        {
          actor: agent.username,
          action: "booking.created",
          target: id,
          at,
          detail: { slot: `${current.date} ${current.time}`, consultant },
        },
        {
          startsAfter: earliestBookableStart(rules, now),
          maxPerDay: rules.maxBookingsPerConsultantPerDay,
        },
      );
    });
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
      const consultant = query.consultant;
      bookings = bookings.filter((booking) => booking.consultant === consultant);
    }
    return bookings.sort((a, b) => a.start.localeCompare(b.start)).map(toBooking);
  }

  async function reschedule(
    id: string,
    target: { date: string; time: string; consultant?: string | undefined },
    principal: Principal,
    now = new Date(),
  ) {
    const current = await visibleBooking(id, principal);
    if (current.status !== "booked") throw new HttpError("conflict", "booking.cancelledNoReschedule");
    const { guard, correction } = changeRule(current, principal, now);
    const sameSlot = current.date === target.date && current.time === target.time;
    if (sameSlot && (target.consultant === undefined || target.consultant === current.consultant))
      return toBooking(current);
    const rules = await store.bookingRules();
    const slot = await bookableSlot(target.date, target.time, now, rules);
    const detail = (consultant: string) => ({
      from: `${current.date} ${current.time}`,
      to: `${slot.date} ${slot.time}`,
      ...(current.consultant ? { fromConsultant: current.consultant } : {}),
      consultant,
      ...(correction ? { correction, outcome: current.outcome } : {}),
    });
    if (sameSlot && target.consultant !== undefined) {
      // Another consultant in the same slot: one conditional move of the place.
      const to = target.consultant;
      if (!((slot.places[to] ?? 0) > 0)) throw consultantNotOffering();
      if ((slot.bookedBy[to] ?? 0) >= (slot.places[to] ?? 0)) throw consultantFull();
      const moved = await store.reassignBooking(
        current,
        to,
        newOutboxEvent(
          bookingEvents.reassigned,
          { bookingId: id, from: current.consultant, to },
          now.toISOString(),
        ),
        { actor: principal.username, action: "booking.reassigned", target: id, detail: detail(to) },
      );
      if (moved === "stale") {
        const fresh = await store.getSlot(slot.date, slot.time);
        if (fresh && (fresh.bookedBy[to] ?? 0) >= (fresh.places[to] ?? 0)) throw consultantFull();
        throw await refusal(id, guard, now);
      }
      return toBooking((await store.getBooking(id)) ?? current);
    }
    const pointsRule = await store.pointsRule();
    const result = await withAssignment(slot, target.consultant, now, rules, (consultant, fresh) =>
      store.rescheduleBooking(
        current,
        {
          date: fresh.date,
          time: fresh.time,
          start: fresh.start,
          end: fresh.end,
          points: pointsForSlot(
            pointsRule,
            fresh,
            current.potentialClass === "recall" || current.recall === true,
          ),
          consultant,
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
          detail: detail(consultant),
        },
        guard,
        { startsAfter: earliestBookableStart(rules, now), maxPerDay: rules.maxBookingsPerConsultantPerDay },
      ),
    );
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
