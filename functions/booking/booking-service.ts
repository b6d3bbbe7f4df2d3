import { randomUUID } from "node:crypto";
import type { Booking, SlotView } from "../../shared/contracts/booking.ts";
import { currentPointsRule } from "../../shared/data/booking-settings.ts";
import {
  bookingForIdempotencyKey,
  cancelBooking,
  createBooking,
  getBooking,
  listBookingsOfAgent,
  listBookingsOnDay,
  newOutboxEvent,
  rescheduleBooking,
  type StoredBooking,
  setOutcome,
} from "../../shared/data/bookings-repository.ts";
import { listSlots, type StoredSlot } from "../../shared/data/slots-repository.ts";
import { isInFuture } from "../../shared/domain/booking/booking-input.ts";
import { pointsForBooking } from "../../shared/domain/booking/points.ts";
import { HttpError, invalidRequest } from "../../shared/http/errors.ts";
import type { Principal } from "../../shared/http/principal.ts";
import { bookingEvents } from "./booking-events.ts";

const dayMs = 86_400_000;
/** A week view needs 7 days, a month report ~31; longer ranges are exports. */
const maxAvailabilityDays = 62;
const maxListDays = 120;

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);
}

function checkRange(from: string, to: string, maxDays: number) {
  const days = daysBetween(from, to);
  if (days < 0) throw invalidRequest({ "query.to": "Liegt vor dem Startdatum" });
  if (days > maxDays) throw invalidRequest({ "query.to": `Höchstens ${maxDays} Tage auf einmal` });
}

/** Public view of a stored booking (the response schema strips internal fields too). */
export function toBooking(stored: StoredBooking): Booking {
  const { eventId: _eventId, recall: _recall, ...booking } = stored;
  return booking;
}

export async function availability(from: string, to: string): Promise<SlotView[]> {
  checkRange(from, to, maxAvailabilityDays);
  const [slots, rule] = await Promise.all([listSlots(from, to), currentPointsRule()]);
  return slots.map((slot) => ({
    date: slot.date,
    time: slot.time,
    start: slot.start,
    end: slot.end,
    capacity: slot.capacity,
    booked: slot.booked,
    free: Math.max(0, slot.capacity - slot.booked),
    points: pointsForBooking(rule, {
      booked: slot.booked,
      capacity: slot.capacity,
      time: slot.time,
      recall: false,
    }),
  }));
}

/** The slot, if it is offered and still ahead; otherwise a 4xx naming the field. */
async function bookableSlot(date: string, time: string, now: Date): Promise<StoredSlot> {
  const slot = (await listSlots(date, date)).find((candidate) => candidate.time === time);
  if (!slot || slot.capacity === 0) {
    throw new HttpError("conflict", "Dieser Termin wird nicht angeboten.", {
      fields: { "body.time": "Nicht angeboten" },
    });
  }
  if (!isInFuture(slot.start, now)) {
    throw invalidRequest({ "body.time": "Der Termin liegt in der Vergangenheit" });
  }
  return slot;
}

const slotFull = () =>
  new HttpError("conflict", "Dieser Termin ist leider schon ausgebucht.", {
    fields: { "body.time": "Ausgebucht" },
  });
const changedMeanwhile = () =>
  new HttpError("conflict", "Die Buchung wurde inzwischen geändert. Bitte neu laden.");

export interface NewBooking {
  date: string;
  time: string;
  firstName: string;
  lastName: string;
  phone: string;
  note?: string | undefined;
}

export async function book(
  input: NewBooking,
  agent: Principal,
  idempotencyKey: string | undefined,
  now = new Date(),
): Promise<{ booking: Booking; replayed: boolean }> {
  if (idempotencyKey) {
    const earlier = await bookingForIdempotencyKey(agent.username, idempotencyKey);
    if (earlier) return { booking: toBooking(earlier), replayed: true };
  }
  const slot = await bookableSlot(input.date, input.time, now);
  if (slot.booked >= slot.capacity) throw slotFull();
  const rule = await currentPointsRule();
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
    points: pointsForBooking(rule, {
      booked: slot.booked,
      capacity: slot.capacity,
      time: slot.time,
      recall: false,
    }),
    sync: { state: "pending", attempts: 0 },
    createdAt: at,
    updatedAt: at,
  };
  const result = await createBooking(
    booking,
    newOutboxEvent(bookingEvents.created, { bookingId: id }, at),
    idempotencyKey,
    {
      actor: agent.username,
      action: "booking.created",
      target: id,
      at,
      detail: { slot: `${slot.date} ${slot.time}` },
    },
  );
  if (result.kind === "full") throw slotFull();
  // Random 128-bit ids do not collide; a duplicate here would be a bug, not a user error.
  if (result.kind === "duplicate") throw new Error("booking id collision");
  return { booking: toBooking(result.booking), replayed: result.kind === "replayed" };
}

/** The booking if the principal may see it: its agent or an admin. Others get 404, not a hint it exists. */
export async function visibleBooking(id: string, principal: Principal): Promise<StoredBooking> {
  const booking = await getBooking(id);
  if (!booking || (principal.role !== "admin" && booking.agent !== principal.username)) {
    throw new HttpError("not_found", "Diese Buchung gibt es nicht.");
  }
  return booking;
}

export async function listBookings(
  query: {
    from?: string | undefined;
    to?: string | undefined;
    agent?: string | undefined;
    consultant?: string | undefined;
  },
  principal: Principal,
  now = new Date(),
): Promise<Booking[]> {
  const from = query.from ?? new Date(now.getTime() - 30 * dayMs).toISOString().slice(0, 10);
  const to = query.to ?? new Date(now.getTime() + 60 * dayMs).toISOString().slice(0, 10);
  checkRange(from, to, maxListDays);
  const agent = principal.role === "admin" ? query.agent : principal.username;
  let bookings: StoredBooking[];
  if (agent) {
    // The agent index sorts by UTC start; widen by a day each side, then filter by local date.
    const fromIso = new Date(Date.parse(from) - dayMs).toISOString();
    const toIso = new Date(Date.parse(to) + 2 * dayMs).toISOString();
    bookings = (await listBookingsOfAgent(agent, fromIso, toIso)).filter(
      (b) => b.date >= from && b.date <= to,
    );
  } else {
    const days = Array.from({ length: daysBetween(from, to) + 1 }, (_, index) =>
      new Date(Date.parse(from) + index * dayMs).toISOString().slice(0, 10),
    );
    bookings = (await Promise.all(days.map(listBookingsOnDay))).flat();
  }
  if (query.consultant) {
    // Capacity is pooled, so a booking belongs to no single consultant: this keeps the
    // bookings in slots the consultant offers (one more Query for the slots of the range).
    const offered = new Set(
      (await listSlots(from, to))
        .filter((slot) => slot.consultants.includes(query.consultant!))
        .map((slot) => `${slot.date} ${slot.time}`),
    );
    bookings = bookings.filter((booking) => offered.has(`${booking.date} ${booking.time}`));
  }
  return bookings.sort((a, b) => a.start.localeCompare(b.start)).map(toBooking);
}

export async function reschedule(
  id: string,
  target: { date: string; time: string },
  principal: Principal,
  now = new Date(),
) {
  const current = await visibleBooking(id, principal);
  if (current.status !== "booked")
    throw new HttpError("conflict", "Eine stornierte Buchung kann nicht verschoben werden.");
  if (current.date === target.date && current.time === target.time) return toBooking(current);
  const slot = await bookableSlot(target.date, target.time, now);
  const rule = await currentPointsRule();
  const result = await rescheduleBooking(
    current,
    {
      date: slot.date,
      time: slot.time,
      start: slot.start,
      end: slot.end,
      points: pointsForBooking(rule, {
        booked: slot.booked,
        capacity: slot.capacity,
        time: slot.time,
        recall: false,
      }),
    },
    newOutboxEvent(bookingEvents.rescheduled, {
      bookingId: id,
      from: { date: current.date, time: current.time },
    }),
    {
      actor: principal.username,
      action: "booking.rescheduled",
      target: id,
      detail: { from: `${current.date} ${current.time}`, to: `${slot.date} ${slot.time}` },
    },
  );
  if (result.kind === "full") throw slotFull();
  if (result.kind === "stale") throw changedMeanwhile();
  return toBooking(result.booking);
}

export async function cancel(id: string, principal: Principal) {
  const current = await visibleBooking(id, principal);
  if (current.status === "cancelled") return toBooking(current);
  const result = await cancelBooking(
    current,
    newOutboxEvent(bookingEvents.cancelled, { bookingId: id }),
    { actor: principal.username, action: "booking.cancelled", target: id },
    "cancelled",
  );
  if (result.kind === "stale") throw changedMeanwhile();
  return toBooking(result.booking);
}

export async function recordOutcome(
  id: string,
  input: {
    outcome: Exclude<Booking["outcome"], "pending">;
    potentialClass?: Booking["potentialClass"] | undefined;
  },
  principal: Principal,
) {
  const current = await visibleBooking(id, principal);
  const result = await setOutcome(
    current,
    {
      outcome: input.outcome,
      potentialClass: input.outcome === "appeared" ? input.potentialClass : undefined,
      points: current.points,
    },
    newOutboxEvent(bookingEvents.outcomeSet, {
      bookingId: id,
      outcome: input.outcome,
      source: "manual",
      by: principal.username,
    }),
    {
      actor: principal.username,
      action: "booking.outcome_set",
      target: id,
      detail: { outcome: input.outcome },
    },
  );
  if (result.kind !== "changed") throw changedMeanwhile();
  return toBooking(result.booking);
}
