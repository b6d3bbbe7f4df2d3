import { describe, expect, it } from "vitest";
import { bookingService } from "../../../functions/booking/booking-service.ts";
import type { StoredBooking } from "../../../shared/data/bookings-repository.ts";
import type { StoredSlot } from "../../../shared/data/slots-repository.ts";
import { HttpError } from "../../../shared/http/errors.ts";
import type { Principal } from "../../../shared/http/principal.ts";
import { inMemoryBookingStore } from "../../support/in-memory-booking-store.ts";

const anna: Principal = {
  username: "anna",
  role: "agent",
  displayName: "Anna",
  sessionId: "s",
  csrfToken: "t",
};
const boss: Principal = { ...anna, username: "boss", role: "admin" };
const now = new Date("2026-06-01T10:00:00Z");

/** A slot of `capacity / 4` consultants × 4 places, the booked ones filling c1 first. */
function slot(date: string, time: string, start: string, capacity = 4, booked = 0): StoredSlot {
  const end = new Date(Date.parse(start) + 2 * 3_600_000).toISOString();
  const consultants = Array.from({ length: capacity / 4 }, (_, index) => `c${index + 1}`);
  const places = Object.fromEntries(consultants.map((id) => [id, 4]));
  const bookedBy = Object.fromEntries(
    consultants.map((id, index) => [id, Math.max(0, Math.min(4, booked - index * 4))]),
  );
  return { date, time, start, end, consultants, places, capacity, booked, bookedBy, updatedAt: "x" };
}

const past = slot("2026-05-29", "09:00", "2026-05-29T07:00:00.000Z");
const ahead = slot("2026-06-02", "11:00", "2026-06-02T09:00:00.000Z", 12, 4);
const later = slot("2026-06-03", "14:00", "2026-06-03T12:00:00.000Z", 12, 0);
const customer = { firstName: "Erika", lastName: "Muster", phone: "+491711234567" };

function setup(timeZone?: string) {
  const memory = inMemoryBookingStore({ slots: [past, ahead, later], ...(timeZone ? { timeZone } : {}) });
  return { ...memory, service: bookingService(memory.store) };
}

/** The HttpError a promise rejects with (fails the test if it resolves or throws something else). */
async function refusal(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
}

function storedBooking(overrides: Partial<StoredBooking> = {}): StoredBooking {
  return {
    id: "a".repeat(32),
    eventId: `sb${"a".repeat(32)}`,
    date: past.date,
    time: past.time,
    start: past.start,
    end: past.end,
    ...customer,
    agent: "anna",
    status: "booked",
    outcome: "pending",
    points: 5,
    sync: { state: "synced", attempts: 1 },
    createdAt: "2026-05-20T10:00:00.000Z",
    updatedAt: "2026-05-20T10:00:00.000Z",
    ...overrides,
  };
}

describe("availability (service over the store)", () => {
  it("merges stored slots with free places, the points a booking earns now and the template's zone", async () => {
    const { service } = setup("America/New_York");
    const result = await service.availability({ from: "2026-06-02", to: "2026-06-03" });
    expect(result.timeZone).toBe("America/New_York");
    expect(result.slots).toEqual([
      // 4 of 12 booked = one third: 5 points, +2 at 11:00.
      expect.objectContaining({
        date: "2026-06-02",
        time: "11:00",
        capacity: 12,
        booked: 4,
        free: 8,
        points: 7,
      }),
      expect.objectContaining({ date: "2026-06-03", time: "14:00", free: 12, points: 7 }),
    ]);
  });
});

describe("book", () => {
  it("takes a place and stores the points of the slot's fill before the booking", async () => {
    const { service, slot: slotNow } = setup();
    const { booking } = await service.book(
      { date: ahead.date, time: ahead.time, ...customer },
      anna,
      undefined,
      now,
    );
    expect(booking).toMatchObject({ agent: "anna", start: ahead.start, points: 7, outcome: "pending" });
    expect(slotNow(ahead.date, ahead.time)?.booked).toBe(5);
  });

  it("answers 400 naming body.time for a slot that has started, and books nothing", async () => {
    const { service, slot: slotNow } = setup();
    const error = await refusal(
      service.book({ date: past.date, time: past.time, ...customer }, anna, undefined, now),
    );
    expect(error).toMatchObject({ status: 400, fields: { "body.time": expect.any(String) } });
    expect(slotNow(past.date, past.time)?.booked).toBe(0);
  });

  it("answers 409 for a slot that is not offered", async () => {
    const { service } = setup();
    const error = await refusal(
      service.book({ date: "2026-06-04", time: "09:00", ...customer }, anna, undefined, now),
    );
    expect(error.status).toBe(409);
  });

  it("replays the first booking for a repeated key with the same body", async () => {
    const { service, slot: slotNow } = setup();
    const input = { date: ahead.date, time: ahead.time, ...customer };
    const first = await service.book(input, anna, "key-12345678", now);
    const again = await service.book({ ...input }, anna, "key-12345678", now);
    expect(again).toEqual({ booking: first.booking, replayed: true });
    expect(slotNow(ahead.date, ahead.time)?.booked).toBe(5);
  });

  it("refuses a used key with another body: 422 naming headers.idempotency-key, nothing booked", async () => {
    const { service, slot: slotNow } = setup();
    await service.book({ date: ahead.date, time: ahead.time, ...customer }, anna, "key-12345678", now);
    const other = { date: later.date, time: later.time, ...customer, lastName: "Anders" };
    const error = await refusal(service.book(other, anna, "key-12345678", now));
    expect(error).toMatchObject({
      status: 422,
      code: "idempotency_key_reused",
      fields: { "headers.idempotency-key": expect.any(String) },
    });
    expect(slotNow(later.date, later.time)?.booked).toBe(0);
  });
});

describe("changing bookings: agents only future ones without an outcome", () => {
  it.each([
    ["a past booking", "booking_in_past", storedBooking()],
    [
      "a future booking with an outcome",
      "booking_has_outcome",
      storedBooking({
        date: ahead.date,
        time: ahead.time,
        start: ahead.start,
        end: ahead.end,
        outcome: "no_show",
      }),
    ],
  ] as const)(
    "refuses to reschedule or cancel %s with 409 %s and changes nothing",
    async (_, code, booking) => {
      const { service, putBooking, stored, audit } = setup();
      putBooking(booking);
      const moved = await refusal(
        service.reschedule(booking.id, { date: later.date, time: later.time }, anna, now),
      );
      expect(moved).toMatchObject({ status: 409, code });
      const cancelled = await refusal(service.cancel(booking.id, anna, now));
      expect(cancelled).toMatchObject({ status: 409, code });
      expect(stored(booking.id)).toEqual(booking);
      expect(audit).toEqual([]);
    },
  );

  it("enforces the rule in the write: a booking that got an outcome after it was read is refused", async () => {
    const memory = inMemoryBookingStore({ slots: [ahead, later] });
    const open = storedBooking({ date: ahead.date, time: ahead.time, start: ahead.start, end: ahead.end });
    memory.putBooking({ ...open, outcome: "no_show" });
    // The service reads the booking as it was before the outcome job wrote (same updatedAt).
    const service = bookingService({ ...memory.store, getBooking: async () => structuredClone(open) });
    const error = await refusal(
      service.reschedule(open.id, { date: later.date, time: later.time }, anna, now),
    );
    expect(error.status).toBe(409);
    expect(memory.stored(open.id)).toMatchObject({ date: ahead.date, outcome: "no_show" });
  });

  it("lets an admin correct a past booking with an outcome, and audits it as a correction", async () => {
    const { service, putBooking, audit } = setup();
    const booking = storedBooking({ outcome: "no_show" });
    putBooking(booking);
    const cancelled = await service.cancel(booking.id, boss, now);
    expect(cancelled.status).toBe("cancelled");
    expect(audit).toEqual([
      expect.objectContaining({
        actor: "boss",
        action: "booking.cancelled",
        detail: { correction: "booking_in_past", outcome: "no_show" },
      }),
    ]);
  });

  it("still lets the agent move and cancel their own future booking", async () => {
    const { service, slot: slotNow } = setup();
    const { booking } = await service.book(
      { date: ahead.date, time: ahead.time, ...customer },
      anna,
      undefined,
      now,
    );
    const moved = await service.reschedule(booking.id, { date: later.date, time: later.time }, anna, now);
    expect(moved).toMatchObject({ date: later.date, points: 7 });
    expect((await service.cancel(booking.id, anna, now)).status).toBe("cancelled");
    expect(slotNow(ahead.date, ahead.time)?.booked).toBe(4);
    expect(slotNow(later.date, later.time)?.booked).toBe(0);
  });
});
