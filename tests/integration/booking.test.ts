import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Booking, SlotView } from "../../shared/contracts/booking.ts";
import {
  bookingById,
  calendarApi,
  centralCalendarId,
  clearCalendarFaults,
  customer,
  injectCalendarFaults,
  upcomingSlots,
  waitFor,
} from "../support/booking.ts";
import { demoAdmin, demoAgent, signedIn, type TestClient } from "../support/http.ts";
import { runJobAndWait } from "../support/jobs.ts";

let admin: TestClient;
let agent: TestClient;
let slots: typeof import("../../shared/data/slots-repository.ts");
let repository: typeof import("../../shared/data/bookings-repository.ts");

beforeAll(async () => {
  admin = await signedIn(demoAdmin);
  agent = await signedIn(demoAgent);
  // Past slots and bookings cannot be made through the API: written here, in this process, to the same DynamoDB Local.
  process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
  process.env.S3_ENDPOINT = inject("s3Endpoint");
  slots = await import("../../shared/data/slots-repository.ts");
  repository = await import("../../shared/data/bookings-repository.ts");
});

/** An offered slot on a past date (the availability job never touches dates that long ago). */
async function pastSlot(date: string, time = "09:00") {
  const start = new Date(`${date}T${time}:00.000Z`).toISOString();
  const end = new Date(Date.parse(start) + 2 * 3_600_000).toISOString();
  const slot = {
    date,
    time,
    start,
    end,
    consultants: ["c1"],
    places: { c1: 4 },
    capacity: 4,
    updatedAt: new Date().toISOString(),
  };
  await slots.writeSlotOffer(slot);
  return slot;
}

/** A booking of anna's in a past slot, stored as the API would have stored it back then. */
async function pastBooking(date: string) {
  const slot = await pastSlot(date);
  const id = randomUUID().replaceAll("-", "");
  const at = new Date(Date.parse(slot.start) - 7 * 86_400_000).toISOString();
  const booking = {
    ...slot,
    id,
    eventId: `sb${id}`,
    firstName: "Erika",
    lastName: "Vergangen",
    phone: "+491711234567",
    agent: "anna",
    consultant: "c1",
    status: "booked" as const,
    outcome: "pending" as const,
    points: 5,
    sync: { state: "pending" as const, attempts: 0 },
    createdAt: at,
    updatedAt: at,
  };
  const { consultants: _c, capacity: _cap, places: _p, ...stored } = booking;
  const result = await repository.createBooking(
    stored,
    repository.newOutboxEvent("booking.created", { bookingId: id }, at),
    undefined,
  );
  expect(result.kind).toBe("created");
  return stored;
}

afterAll(async () => {
  await clearCalendarFaults();
});

/** A slot with at least `places` free places (the demo calendars offer plenty). */
async function slotWithFree(places: number, skip: SlotView[] = []): Promise<SlotView> {
  const slot = (await upcomingSlots(agent)).find(
    (candidate) =>
      candidate.free >= places && !skip.some((s) => s.date === candidate.date && s.time === candidate.time),
  );
  if (!slot) throw new Error(`no slot with ${places} free places`);
  return slot;
}

async function slotState(date: string, time: string): Promise<SlotView> {
  const response = await agent.request<{ slots: SlotView[] }>(
    "GET",
    `/api/availability?from=${date}&to=${date}`,
  );
  return response.body.slots.find((slot) => slot.time === time)!;
}

describe("availability", () => {
  it("names the zone its dates and times are local to (the slot template's, else TIMEZONE)", async () => {
    const response = await agent.request<{ timeZone: string }>(
      "GET",
      "/api/availability?from=2026-01-05&to=2026-01-05",
    );
    expect(response.status).toBe(200);
    expect(response.body.timeZone).toBe("Europe/Berlin");
  });

  it("returns a week of slots with capacity, booked, free and points", async () => {
    const slots = await upcomingSlots(agent, 7);
    expect(slots.length).toBeGreaterThan(0);
    for (const slot of slots) {
      expect(slot.free).toBe(Math.max(0, slot.capacity - slot.booked));
      expect(slot.points).toBeGreaterThanOrEqual(0);
      expect(Date.parse(slot.end) - Date.parse(slot.start)).toBe(2 * 60 * 60 * 1000);
    }
  });

  it("rejects bad ranges naming the field", async () => {
    const missing = await agent.request("GET", "/api/availability?from=2026-01-01");
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: { fields: { "query.to": expect.any(String) } } });
    const tooLong = await agent.request("GET", "/api/availability?from=2026-01-01&to=2026-12-31");
    expect(tooLong.status).toBe(400);
  });
});

describe("booking", () => {
  it("never overbooks: 50 concurrent bookings into a slot of capacity 3 → exactly 3 succeed, 47 get 409", async () => {
    // A slot offered by exactly one consultant (capacity = 1 × 4 places), not yet booked…
    const slot = (await upcomingSlots(agent)).find(
      (candidate) => candidate.capacity === 4 && candidate.booked === 0,
    );
    if (!slot) throw new Error("no slot with exactly one consultant");
    const weekday = (["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const)[
      new Date(`${slot.date}T12:00:00Z`).getUTCDay()
    ]!;
    // …gets 3 places per consultant at its weekday and time, through the admin API and a real availability run.
    const template = (await admin.request<Record<string, unknown>>("GET", "/api/admin/slot-template")).body;
    const overrides = (template.placesOverrides as unknown[]) ?? [];
    const changed = { ...template, placesOverrides: [...overrides, { weekday, time: slot.time, places: 3 }] };
    expect((await admin.request("PUT", "/api/admin/slot-template", { body: changed })).status).toBe(200);
    try {
      expect((await runJobAndWait(admin, "generate-availability")).status).toBe("succeeded");
      expect((await slotState(slot.date, slot.time)).capacity).toBe(3);

      const attempts = await Promise.all(
        Array.from({ length: 50 }, (_, index) =>
          agent.request("POST", "/api/bookings", {
            body: { date: slot.date, time: slot.time, ...customer(index) },
          }),
        ),
      );
      const statuses = attempts.map((attempt) => attempt.status);
      expect(statuses.filter((status) => status === 201)).toHaveLength(3);
      expect(statuses.filter((status) => status === 409)).toHaveLength(47);
      expect(await slotState(slot.date, slot.time)).toMatchObject({ capacity: 3, booked: 3, free: 0 });
    } finally {
      await admin.request("PUT", "/api/admin/slot-template", { body: template });
      await runJobAndWait(admin, "generate-availability");
    }
  });

  it("books once for one Idempotency-Key sent five times at once", async () => {
    const slot = await slotWithFree(2);
    const key = randomUUID();
    const body = { date: slot.date, time: slot.time, ...customer("idem") };
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        agent.request<{ booking: Booking }>("POST", "/api/bookings", {
          body,
          headers: { "idempotency-key": key },
        }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual([201, 201, 201, 201, 201]);
    const ids = new Set(responses.map((response) => response.body.booking.id));
    expect(ids.size).toBe(1);
    expect((await slotState(slot.date, slot.time)).booked).toBe(slot.booked + 1);
  });

  it("accepts bookings while Google fails and syncs each event exactly once afterwards", async () => {
    await injectCalendarFaults({ status: 500, count: 20 });
    const bookings: Booking[] = [];
    const used: SlotView[] = [];
    while (bookings.length < 10) {
      const slot = await slotWithFree(1, used);
      used.push(slot);
      for (let place = 0; place < Math.min(slot.free, 10 - bookings.length); place++) {
        const response = await agent.request<{ booking: Booking }>("POST", "/api/bookings", {
          body: { date: slot.date, time: slot.time, ...customer(`outage${bookings.length}`) },
        });
        expect(response.status).toBe(201);
        bookings.push(response.body.booking);
      }
    }
    // Every booking's first sync attempt ends (synced or failed), then the retry runs with the calendar back.
    await waitFor(
      "first sync attempts",
      async () => {
        const states = await Promise.all(
          bookings.map(async (booking) => (await bookingById(agent, booking.id)).sync),
        );
        return states.every((sync) => sync.attempts > 0) ? states : undefined;
        // The outbox consumer may still be working through the demo data's events (points, badges, aggregates).
      },
      150_000,
    );
    await clearCalendarFaults();
    const retry = await runJobAndWait(admin, "retry-calendar-sync");
    expect(retry.status).toBe("succeeded");
    expect(retry.progress?.done).toBe(retry.progress?.total);

    for (const booking of bookings) {
      expect((await bookingById(agent, booking.id)).sync.state).toBe("synced");
      const events = await calendarApi().events.list({
        calendarId: centralCalendarId,
        timeMin: booking.start,
        timeMax: booking.end,
        singleEvents: true,
      });
      const matching = (events.data.items ?? []).filter((event) => event.id === `sb${booking.id}`);
      expect(matching).toHaveLength(1);
      expect(matching[0]?.summary).toBe(`${booking.lastName}, ${booking.firstName}`);
      expect(matching[0]?.description).toContain("[Booked by: anna]");
    }
  }, 240_000);

  it("names every invalid field with 400", async () => {
    const response = await agent.request("POST", "/api/bookings", {
      body: {
        date: "2026-02-30",
        time: "25:00",
        firstName: "",
        lastName: "X".repeat(61),
        phone: "abc",
        note: "n".repeat(501),
      },
    });
    expect(response.status).toBe(400);
    const fields = Object.keys(
      (response.body as { error: { fields: Record<string, string> } }).error.fields,
    ).sort();
    expect(fields).toEqual([
      "body.date",
      "body.firstName",
      "body.lastName",
      "body.note",
      "body.phone",
      "body.time",
    ]);
    const badKey = await agent.request("POST", "/api/bookings", {
      body: { date: "2030-01-07", time: "09:00", ...customer("k") },
      headers: { "idempotency-key": "!" },
    });
    expect(badKey.status).toBe(400);
    expect(badKey.body).toMatchObject({
      error: { fields: { "headers.idempotency-key": expect.any(String) } },
    });
  });

  it("answers 409 for a slot that is not offered and 400 for one in the past", async () => {
    const notOffered = await agent.request("POST", "/api/bookings", {
      body: { date: "2030-01-06", time: "09:00", ...customer("none") },
    });
    expect(notOffered.status).toBe(409);
    // An offered slot with free places, but it started long ago.
    const slot = await pastSlot("2020-01-06");
    const inPast = await agent.request("POST", "/api/bookings", {
      body: { date: slot.date, time: slot.time, ...customer("past") },
    });
    expect(inPast.status).toBe(400);
    expect(inPast.body).toMatchObject({
      error: { code: "invalid", fields: { "body.time": expect.any(String) } },
    });
    expect((await slotState(slot.date, slot.time)).booked).toBe(0);
  });

  it("refuses an Idempotency-Key reused with another body: 422 naming headers.idempotency-key, nothing booked", async () => {
    const slot = await slotWithFree(2);
    const key = randomUUID();
    const first = await agent.request<{ booking: Booking }>("POST", "/api/bookings", {
      body: { date: slot.date, time: slot.time, ...customer("first") },
      headers: { "idempotency-key": key },
    });
    expect(first.status).toBe(201);
    const other = await agent.request("POST", "/api/bookings", {
      body: { date: slot.date, time: slot.time, ...customer("other") },
      headers: { "idempotency-key": key },
    });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({
      error: { code: "idempotency_key_reused", fields: { "headers.idempotency-key": expect.any(String) } },
    });
    expect((await slotState(slot.date, slot.time)).booked).toBe(slot.booked + 1);
    const same = await agent.request<{ booking: Booking }>("POST", "/api/bookings", {
      body: { date: slot.date, time: slot.time, ...customer("first") },
      headers: { "idempotency-key": key },
    });
    expect(same.status).toBe(201);
    expect(same.body.booking.id).toBe(first.body.booking.id);
  });

  it("lets agents change only future bookings without an outcome (409 naming why); admins correct, audited", async () => {
    const target = await slotWithFree(1);
    const past = await pastBooking("2020-01-07");
    for (const attempt of [
      agent.request("PATCH", `/api/bookings/${past.id}`, { body: { date: target.date, time: target.time } }),
      agent.request("POST", `/api/bookings/${past.id}/cancel`),
    ]) {
      const response = await attempt;
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ error: { code: "booking_in_past" } });
    }
    expect(await bookingById(agent, past.id)).toMatchObject({ date: "2020-01-07", status: "booked" });

    const created = await agent.request<{ booking: Booking }>("POST", "/api/bookings", {
      body: { date: target.date, time: target.time, ...customer("with-outcome") },
    });
    const { id } = created.body.booking;
    expect(
      (await admin.request("POST", `/api/bookings/${id}/outcome`, { body: { outcome: "no_show" } })).status,
    ).toBe(200);
    const other = await slotWithFree(1, [target]);
    for (const attempt of [
      agent.request("PATCH", `/api/bookings/${id}`, { body: { date: other.date, time: other.time } }),
      agent.request("POST", `/api/bookings/${id}/cancel`),
    ]) {
      const response = await attempt;
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ error: { code: "booking_has_outcome" } });
    }
    expect(await bookingById(agent, id)).toMatchObject({
      date: target.date,
      outcome: "no_show",
      status: "booked",
    });

    // The write itself is conditional: a guarded change of the past booking fails in DynamoDB too.
    const stored = (await repository.getBooking(past.id))!;
    const guarded = await repository.cancelBooking(
      stored,
      repository.newOutboxEvent("booking.cancelled", { bookingId: past.id }),
      { actor: "anna", action: "booking.cancelled", target: past.id },
      "cancelled",
      { startsAfter: new Date().toISOString() },
    );
    expect(guarded.kind).toBe("stale");

    const corrected = await admin.request<{ booking: Booking }>("POST", `/api/bookings/${past.id}/cancel`);
    expect(corrected.status).toBe(200);
    expect(corrected.body.booking.status).toBe("cancelled");
    const audit = await admin.request<{ entries: { action: string; target?: string; detail?: object }[] }>(
      "GET",
      "/api/admin/audit?user=admin",
    );
    expect(audit.body.entries.find((entry) => entry.target === past.id)).toMatchObject({
      action: "booking.cancelled",
      detail: { correction: "booking_in_past" },
    });
  });

  it("lets agents see, move and cancel only their own bookings", async () => {
    const slot = await slotWithFree(1);
    const created = await agent.request<{ booking: Booking }>("POST", "/api/bookings", {
      body: { date: slot.date, time: slot.time, ...customer("own") },
    });
    expect(created.status).toBe(201);
    const { id } = created.body.booking;
    const other = await signedIn({ username: "max", password: "agent-demo-2026" });
    expect((await other.request("GET", `/api/bookings/${id}`)).status).toBe(404);
    expect((await other.request("POST", `/api/bookings/${id}/cancel`)).status).toBe(404);
    const mine = await agent.request<{ bookings: Booking[] }>("GET", "/api/bookings");
    expect(mine.body.bookings.map((booking) => booking.id)).toContain(id);
    expect(mine.body.bookings.every((booking) => booking.agent === "anna")).toBe(true);

    const target = await slotWithFree(1, [slot]);
    const moved = await agent.request<{ booking: Booking }>("PATCH", `/api/bookings/${id}`, {
      body: { date: target.date, time: target.time },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.booking).toMatchObject({ date: target.date, time: target.time });
    expect((await slotState(slot.date, slot.time)).booked).toBe(slot.booked);
    expect((await slotState(target.date, target.time)).booked).toBe(target.booked + 1);

    const cancelled = await agent.request<{ booking: Booking }>("POST", `/api/bookings/${id}/cancel`);
    expect(cancelled.body.booking.status).toBe("cancelled");
    expect((await slotState(target.date, target.time)).booked).toBe(target.booked);
    const audit = await admin.request<{ entries: { action: string; target?: string }[] }>(
      "GET",
      "/api/admin/audit?user=anna",
    );
    const actions = audit.body.entries.filter((entry) => entry.target === id).map((entry) => entry.action);
    expect(actions.sort()).toEqual(["booking.cancelled", "booking.created", "booking.rescheduled"]);
    await waitFor("calendar event removed", async () => {
      const event = await calendarApi()
        .events.get({ calendarId: centralCalendarId, eventId: `sb${id}` })
        .catch(() => undefined);
      return !event || event.data.status === "cancelled" ? true : undefined;
    });
  });

  it("filters bookings by the consultant: the slot's consultant sees the booking, every other one does not", async () => {
    const consultants = (await admin.request<{ id: string }[]>("GET", "/api/admin/consultants")).body;
    expect(consultants.length).toBeGreaterThanOrEqual(2);
    // A slot offered by exactly one consultant (capacity = 1 × 4 places): the others must not see its booking.
    const slot = (await upcomingSlots(agent)).find(
      (candidate) => candidate.capacity === 4 && candidate.free > 0,
    );
    if (!slot) throw new Error("no open slot with exactly one consultant");
    const created = await agent.request<{ booking: Booking }>("POST", "/api/bookings", {
      body: { date: slot.date, time: slot.time, ...customer("filter") },
    });
    expect(created.status).toBe(201);
    const range = `from=${slot.date}&to=${slot.date}`;
    const matches = await Promise.all(
      consultants.map(async (consultant) => {
        const list = await admin.request<{ bookings: Booking[] }>(
          "GET",
          `/api/bookings?${range}&consultant=${consultant.id}`,
        );
        expect(list.status).toBe(200);
        return list.body.bookings.some((booking) => booking.id === created.body.booking.id);
      }),
    );
    expect(matches.filter(Boolean)).toHaveLength(1);
    const nobody = await admin.request<{ bookings: Booking[] }>(
      "GET",
      `/api/bookings?${range}&consultant=nobody`,
    );
    expect(nobody.body.bookings).toEqual([]);
  });

  it("lets admins set outcomes by hand and agents not", async () => {
    const slot = await slotWithFree(1);
    const created = await agent.request<{ booking: Booking }>("POST", "/api/bookings", {
      body: { date: slot.date, time: slot.time, ...customer("outcome") },
    });
    const { id } = created.body.booking;
    expect(
      (await agent.request("POST", `/api/bookings/${id}/outcome`, { body: { outcome: "no_show" } })).status,
    ).toBe(403);
    const set = await admin.request<{ booking: Booking }>("POST", `/api/bookings/${id}/outcome`, {
      body: { outcome: "completed", potentialClass: "top" },
    });
    expect(set.status).toBe(200);
    expect(set.body.booking).toMatchObject({
      outcome: "completed",
      potentialClass: "top",
      outcomeSource: "manual",
      outcomeHistory: [{ at: expect.any(String), by: "admin", from: "pending", to: "completed" }],
    });
  });

  it("frees a place by a title marker before the slot, but reads no outcome from a slot not yet ended", async () => {
    const slot = await slotWithFree(2);
    const book = async (suffix: string) =>
      (
        await agent.request<{ booking: Booking }>("POST", "/api/bookings", {
          body: { date: slot.date, time: slot.time, ...customer(suffix) },
        })
      ).body.booking;
    const noShow = await book("noshow");
    const withdrawn = await book("withdrawn");
    for (const booking of [noShow, withdrawn]) {
      await waitFor("synced", async () =>
        (await bookingById(agent, booking.id)).sync.state === "synced" ? true : undefined,
      );
    }
    await calendarApi().events.patch({
      calendarId: centralCalendarId,
      eventId: `sb${noShow.id}`,
      requestBody: { colorId: "11" },
    });
    await calendarApi().events.patch({
      calendarId: centralCalendarId,
      eventId: `sb${withdrawn.id}`,
      requestBody: { summary: `${withdrawn.lastName}, ${withdrawn.firstName} (abgesagt)` },
    });
    const before = await slotState(slot.date, slot.time);
    const run = await runJobAndWait(admin, "check-outcomes", `?date=${slot.date}`);
    expect(run.status).toBe("succeeded");
    expect(run.summary?.matched).toBeGreaterThanOrEqual(2);
    // The appointment has not taken place yet: a colour says nothing about it.
    expect((await bookingById(agent, noShow.id)).outcome).toBe("pending");
    const freed = await bookingById(agent, withdrawn.id);
    expect(freed).toMatchObject({ status: "cancelled", outcome: "cancelled", outcomeSource: "calendar" });
    expect((await slotState(slot.date, slot.time)).booked).toBe(before.booked - 1);
    // The consultant's marked event stays in the calendar: freeing by marker does not sync a delete.
    const kept = await calendarApi().events.get({
      calendarId: centralCalendarId,
      eventId: `sb${withdrawn.id}`,
    });
    expect(kept.data.status).toBe("confirmed");
  });
});
