import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { Booking, SlotView } from "../../shared/contracts/booking.ts";
import { calendarApi, customer, upcomingSlots } from "../support/booking.ts";
import { demoAdmin, demoAgent, signedIn, type TestClient } from "../support/http.ts";
import { runJobAndWait } from "../support/jobs.ts";

let admin: TestClient;
let agent: TestClient;
let slotsRepo: typeof import("../../shared/data/slots-repository.ts");
let bookingsRepo: typeof import("../../shared/data/bookings-repository.ts");
let migration: typeof import("../../functions/availability/migrate-consultants.ts");
let consultants: { id: string; name: string; calendarId: string }[];

beforeAll(async () => {
  admin = await signedIn(demoAdmin);
  agent = await signedIn(demoAgent);
  // Slots on far dates (no availability run touches them) are written here, to the same DynamoDB Local.
  process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
  process.env.S3_ENDPOINT = inject("s3Endpoint");
  process.env.GOOGLE_CALENDAR_API_URL = inject("calendarUrl");
  slotsRepo = await import("../../shared/data/slots-repository.ts");
  bookingsRepo = await import("../../shared/data/bookings-repository.ts");
  migration = await import("../../functions/availability/migrate-consultants.ts");
  consultants = (await admin.request<typeof consultants>("GET", "/api/admin/consultants")).body;
});

afterEach(async () => {
  await admin.request("PUT", "/api/admin/booking-rules", { body: { minNoticeMinutes: 0 } });
});

/** A slot of 2032 offered by the first `count` consultants × 4 places (a new date per call). */
let nextDay = 0;
async function farSlot(count = 2) {
  const ids = consultants.slice(0, count).map((consultant) => consultant.id);
  const date = `2032-04-${String(5 + nextDay++).padStart(2, "0")}`;
  const start = new Date(`${date}T07:00:00Z`);
  const slot = {
    date,
    time: "09:00",
    start: start.toISOString(),
    end: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
    consultants: ids,
    places: Object.fromEntries(ids.map((id) => [id, 4])),
    capacity: ids.length * 4,
    updatedAt: new Date().toISOString(),
  };
  await slotsRepo.writeSlotOffer(slot);
  return slot;
}

const book = (slot: { date: string; time: string }, suffix: string | number, consultant?: string) =>
  agent.request<{ booking: Booking }>("POST", "/api/bookings", {
    body: { date: slot.date, time: slot.time, ...customer(suffix), ...(consultant ? { consultant } : {}) },
  });

async function view(date: string, time: string): Promise<SlotView> {
  const response = await agent.request<{ slots: SlotView[] }>("GET", `/api/availability?date=${date}`);
  expect(response.status).toBe(200);
  return response.body.slots.find((slot) => slot.time === time)!;
}

describe("consultant per booking", () => {
  it("two consultants × 4 places, 8 concurrent bookings → 4 and 4, each with a consultant; a 9th → 409", async () => {
    const slot = await farSlot(2);
    const responses = await Promise.all(Array.from({ length: 8 }, (_, index) => book(slot, `pair${index}`)));
    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(201));
    const assigned = responses.map((response) => response.body.booking.consultant);
    const [first, second] = slot.consultants as [string, string];
    expect(assigned.filter((id) => id === first)).toHaveLength(4);
    expect(assigned.filter((id) => id === second)).toHaveLength(4);

    const ninth = await book(slot, "ninth");
    expect(ninth.status).toBe(409);
    const state = await view(slot.date, slot.time);
    expect(state).toMatchObject({ capacity: 8, booked: 8, free: 0 });
    expect(state.consultants.map(({ id, places, booked, free }) => ({ id, places, booked, free }))).toEqual(
      expect.arrayContaining([
        { id: first, places: 4, booked: 4, free: 0 },
        { id: second, places: 4, booked: 4, free: 0 },
      ]),
    );
    // The stored consultant is what ?consultant= filters on.
    const listed = await admin.request<{ bookings: Booking[] }>(
      "GET",
      `/api/bookings?from=${slot.date}&to=${slot.date}&consultant=${first}`,
    );
    expect(listed.body.bookings).toHaveLength(4);
    expect(listed.body.bookings.every((booking) => booking.consultant === first)).toBe(true);
  });

  it("choosing a full consultant → 409 naming body.consultant while the slot still has places", async () => {
    const slot = await farSlot(2);
    const [first, second] = slot.consultants as [string, string];
    for (let index = 0; index < 4; index++)
      expect((await book(slot, `chosen${index}`, first)).status).toBe(201);
    const refused = await book(slot, "chosen-full", first);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      error: { code: "conflict", fields: { "body.consultant": expect.any(String) } },
    });
    expect((await view(slot.date, slot.time)).free).toBe(4);
    // Not offering this slot at all is named the same way; an automatic choice still books the other one.
    const stranger = consultants.find((consultant) => !slot.consultants.includes(consultant.id))!;
    expect((await book(slot, "stranger", stranger.id)).body).toMatchObject({
      error: { fields: { "body.consultant": expect.any(String) } },
    });
    expect((await book(slot, "auto")).body.booking.consultant).toBe(second);
  });

  it("reschedule reassigns in the target slot, and the calendar event names the consultant", async () => {
    const from = await farSlot(1);
    const to = await farSlot(2);
    const created = await book(from, "move");
    expect(created.body.booking.consultant).toBe(from.consultants[0]);
    const target = to.consultants[1]!;
    const moved = await agent.request<{ booking: Booking }>(
      "PATCH",
      `/api/bookings/${created.body.booking.id}`,
      {
        body: { date: to.date, time: to.time, consultant: target },
      },
    );
    expect(moved.status).toBe(200);
    expect(moved.body.booking).toMatchObject({ date: to.date, consultant: target });
    expect((await view(from.date, from.time)).consultants[0]).toMatchObject({ booked: 0 });
    const name = consultants.find((consultant) => consultant.id === target)!.name;
    const deadline = Date.now() + 20_000;
    let description = "";
    while (Date.now() < deadline && !description.includes(name)) {
      const event = await calendarApi()
        .events.get({ calendarId: "central@demo.local", eventId: `sb${created.body.booking.id}` })
        .catch(() => undefined);
      description = event?.data.description ?? "";
      if (!description.includes(name)) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(description).toContain(`Berater: ${name}`);
    expect(description).toContain("[Booked by: anna]");
  });
});

describe("shrinking capacity", () => {
  it("a consultant withdraws T1-bereit from a slot with 6 bookings in 8 places: 4 stay, 2 flagged and listed, none lost", async () => {
    const slot = (await upcomingSlots(agent)).find(
      (candidate) => candidate.consultants.length === 2 && candidate.capacity === 8 && candidate.booked <= 6,
    );
    if (!slot) throw new Error("no upcoming slot with two consultants and room");
    for (let index = slot.booked; index < 6; index++)
      expect((await book(slot, `shrink${index}`)).status).toBe(201);
    const inSlot = async () =>
      (
        await admin.request<{ bookings: Booking[] }>("GET", `/api/bookings?from=${slot.date}&to=${slot.date}`)
      ).body.bookings.filter((booking) => booking.time === slot.time && booking.status === "booked");
    const before = await inSlot();
    expect(before).toHaveLength(6);

    const [leaving, staying] = [slot.consultants[0]!, slot.consultants[1]!];
    const calendarId = consultants.find((consultant) => consultant.id === leaving.id)!.calendarId;
    const events = await calendarApi().events.list({
      calendarId,
      timeMin: slot.start,
      timeMax: slot.end,
      singleEvents: true,
    });
    const ready = (events.data.items ?? []).filter((event) => /t1[\s-]bereit/i.test(event.summary ?? ""));
    expect(ready.length).toBeGreaterThan(0);
    for (const event of ready) await calendarApi().events.delete({ calendarId, eventId: event.id! });
    try {
      const run = await runJobAndWait(admin, "generate-availability");
      expect(run.status).toBe("succeeded");
      expect(run.summary?.flagged).toBeGreaterThanOrEqual(2);

      const after = await inSlot();
      expect(after.map((booking) => booking.id).sort()).toEqual(before.map((booking) => booking.id).sort());
      const kept = after.filter((booking) => !booking.overCapacity);
      const flagged = after.filter((booking) => booking.overCapacity);
      expect(kept).toHaveLength(4);
      expect(kept.every((booking) => booking.consultant === staying.id)).toBe(true);
      expect(flagged).toHaveLength(2);
      const listed = await admin.request<{ bookings: Booking[] }>("GET", "/api/admin/bookings/over-capacity");
      expect(listed.status).toBe(200);
      expect(listed.body.bookings.map((booking) => booking.id)).toEqual(
        expect.arrayContaining(flagged.map((booking) => booking.id)),
      );
      expect((await agent.request("GET", "/api/admin/bookings/over-capacity")).status).toBe(403);
      const audit = await admin.request<{ entries: { action: string; target?: string }[] }>(
        "GET",
        "/api/admin/audit?user=job:generate-availability",
      );
      const actions = new Set(audit.body.entries.map((entry) => entry.action));
      expect(actions.has("booking.over_capacity")).toBe(true);
    } finally {
      // The consultant is ready again: the next run clears the flags.
      for (const event of ready) {
        await calendarApi().events.insert({
          calendarId,
          requestBody: {
            summary: event.summary ?? "T1-bereit",
            start: event.start ?? {},
            end: event.end ?? {},
          },
        });
      }
      await runJobAndWait(admin, "generate-availability");
    }
    const restored = await inSlot();
    expect(restored.filter((booking) => booking.overCapacity)).toEqual([]);
  });
});

describe("booking rules", () => {
  it("admins set them; minimum notice → 400 naming body.time", async () => {
    expect((await admin.request("GET", "/api/admin/booking-rules")).body).toMatchObject({
      minNoticeMinutes: 0,
    });
    expect((await agent.request("GET", "/api/admin/booking-rules")).status).toBe(403);
    const invalid = await admin.request("PUT", "/api/admin/booking-rules", {
      body: { minNoticeMinutes: -5 },
    });
    expect(invalid.status).toBe(400);
    const soon = (await upcomingSlots(agent, 7)).find((slot) => slot.free > 0)!;
    const rules = { minNoticeMinutes: 60 * 24 * 7 };
    expect((await admin.request("PUT", "/api/admin/booking-rules", { body: rules })).body).toEqual(rules);
    const refused = await book(soon, "notice");
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error: { fields: { "body.time": expect.stringContaining("10080") } },
    });
    expect((await view(soon.date, soon.time)).booked).toBe(soon.booked);
  });

  it("maximum bookings per consultant and day → 409 naming the consultant, or the time when all are at it", async () => {
    const morning = await farSlot(1);
    const rules = { minNoticeMinutes: 0, maxBookingsPerConsultantPerDay: 1 };
    expect((await admin.request("PUT", "/api/admin/booking-rules", { body: rules })).status).toBe(200);
    const consultant = morning.consultants[0]!;
    expect((await book(morning, "limit1")).status).toBe(201);
    const chosen = await book(morning, "limit2", consultant);
    expect(chosen.status).toBe(409);
    expect(chosen.body).toMatchObject({
      error: { fields: { "body.consultant": expect.stringContaining("1") } },
    });
    const automatic = await book(morning, "limit3");
    expect(automatic.status).toBe(409);
    expect(automatic.body).toMatchObject({
      error: { fields: { "body.time": expect.stringContaining("1") } },
    });
    expect((await view(morning.date, morning.time)).booked).toBe(1);
  });
});

describe("availability ?date=", () => {
  it("answers one day like from=to=date; mixing both forms or neither → 400 naming the field", async () => {
    const slot = (await upcomingSlots(agent, 7))[0]!;
    const oneDay = await agent.request<{ slots: SlotView[] }>("GET", `/api/availability?date=${slot.date}`);
    const range = await agent.request<{ slots: SlotView[] }>(
      "GET",
      `/api/availability?from=${slot.date}&to=${slot.date}`,
    );
    expect(oneDay.status).toBe(200);
    expect(oneDay.body.slots.length).toBeGreaterThan(0);
    expect(oneDay.body.slots.every((candidate) => candidate.date === slot.date)).toBe(true);
    expect(oneDay.body).toEqual(range.body);
    const mixed = await agent.request("GET", `/api/availability?date=${slot.date}&from=${slot.date}`);
    expect(mixed.status).toBe(400);
    expect(mixed.body).toMatchObject({ error: { fields: { "query.date": expect.any(String) } } });
    const neither = await agent.request("GET", "/api/availability");
    expect(neither.status).toBe(400);
    expect(neither.body).toMatchObject({ error: { fields: { "query.from": expect.any(String) } } });
  });
});

describe("consultant migration", () => {
  it("gives bookings without a consultant one and fills the counts; a second run changes nothing", async () => {
    const slot = await farSlot(2);
    // Two bookings as stored before consultants were recorded.
    const ids: string[] = [];
    for (const suffix of ["legacy1", "legacy2"]) {
      const id = randomUUID().replaceAll("-", "");
      const at = new Date().toISOString();
      const { consultants: _c, places: _p, capacity: _cap, updatedAt: _u, ...where } = slot;
      const result = await bookingsRepo.createBooking(
        {
          ...where,
          id,
          eventId: `sb${id}`,
          ...customer(suffix),
          phone: "+491711234567",
          agent: "anna",
          status: "booked",
          outcome: "pending",
          points: 5,
          sync: { state: "synced", attempts: 1 },
          createdAt: at,
          updatedAt: at,
        },
        bookingsRepo.newOutboxEvent("test.legacy", { bookingId: id }, at),
        undefined,
      );
      expect(result.kind).toBe("created");
      ids.push(id);
    }
    const state = async () => ({
      bookings: await Promise.all(ids.map(async (id) => (await bookingsRepo.getBooking(id))?.consultant)),
      slot: (await slotsRepo.getSlot(slot.date, slot.time))!,
      loads: Object.fromEntries(await bookingsRepo.consultantLoads(slot.consultants, slot.date)),
    });
    expect((await state()).bookings).toEqual([undefined, undefined]);

    await migration.migrateConsultantAssignment(new Date(), { force: true });
    const once = await state();
    const counted: Record<string, number> = {};
    for (const id of once.bookings) {
      expect(slot.consultants).toContain(id);
      counted[id!] = (counted[id!] ?? 0) + 1;
    }
    expect(once.slot).toMatchObject({ booked: 2, bookedBy: counted });
    for (const [id, count] of Object.entries(counted)) expect(once.loads[id]).toMatchObject({ day: count });

    await migration.migrateConsultantAssignment(new Date(), { force: true });
    const twice = await state();
    expect({ ...twice, slot: { ...twice.slot, updatedAt: "" } }).toEqual({
      ...once,
      slot: { ...once.slot, updatedAt: "" },
    });
    // Counts and bookings agree: the migrated bookings can be cancelled (their places freed).
    const cancelled = await admin.request("POST", `/api/bookings/${ids[0]}/cancel`);
    expect(cancelled.status).toBe(200);
    expect((await view(slot.date, slot.time)).booked).toBe(1);
  });
});
