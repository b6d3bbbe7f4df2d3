import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { Booking, SlotView } from "../../shared/contracts/booking.ts";
import { addDays, localDate } from "../../shared/domain/booking/local-date.ts";
import {
  bookingById,
  calendarApi,
  centralCalendarId,
  customer,
  upcomingSlots,
  waitFor,
} from "../support/booking.ts";
import { demoAdmin, demoAgent, signedIn, type TestClient } from "../support/http.ts";
import { runJobAndWait } from "../support/jobs.ts";

const timeZone = "Europe/Berlin";
let admin: TestClient;
let agent: TestClient;
let slots: typeof import("../../shared/data/slots-repository.ts");
let repository: typeof import("../../shared/data/bookings-repository.ts");
let outcomes: typeof import("../../functions/outcomes/check.ts");
let template: typeof import("../../shared/domain/booking/slot-template.ts");

beforeAll(async () => {
  admin = await signedIn(demoAdmin);
  agent = await signedIn(demoAgent);
  // The job runs here, in this process, against the stack's DynamoDB Local and calendar emulator, with a chosen "now".
  process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
  process.env.S3_ENDPOINT = inject("s3Endpoint");
  process.env.GOOGLE_CALENDAR_API_URL = inject("calendarUrl");
  slots = await import("../../shared/data/slots-repository.ts");
  repository = await import("../../shared/data/bookings-repository.ts");
  outcomes = await import("../../functions/outcomes/check.ts");
  template = await import("../../shared/domain/booking/slot-template.ts");
});

const today = () => localDate(new Date(), timeZone);

/** The UTC instant of a local wall time (slot days are whole hours from local midnight here). */
function localInstant(date: string, time: string): string {
  const [hours, minutes] = time.split(":").map(Number);
  return new Date(
    Date.parse(template.dayBounds(date, timeZone).start) + (hours! * 60 + minutes!) * 60_000,
  ).toISOString();
}

interface PastEvent {
  colorId?: string;
  summary?: string;
  potentialClass?: Booking["potentialClass"];
}

/**
 * A booking in an ended (or given) slot, stored as the API stores it, with
 * its central-calendar event as the sync writes it (colour = potential class)
 * or as a consultant changed it.
 */
async function bookingWithEvent(date: string, time: string, event: PastEvent = {}) {
  const start = localInstant(date, time);
  const end = new Date(Date.parse(start) + 2 * 3_600_000).toISOString();
  await slots.writeSlotOffer({
    date,
    time,
    start,
    end,
    consultants: ["c1"],
    places: { c1: 50 },
    capacity: 50,
    updatedAt: new Date().toISOString(),
  });
  const id = randomUUID().replaceAll("-", "");
  const at = new Date(Date.parse(start) - 86_400_000).toISOString();
  const booking: import("../../shared/data/bookings-repository.ts").StoredBooking = {
    id,
    eventId: `sb${id}`,
    date,
    time,
    start,
    end,
    firstName: "Olga",
    lastName: `Ergebnis-${id.slice(0, 6)}`,
    phone: "+491711234567",
    agent: "anna",
    status: "booked",
    outcome: "pending",
    potentialClass: event.potentialClass ?? "standard",
    points: 5,
    sync: { state: "synced", attempts: 1 },
    createdAt: at,
    updatedAt: at,
  };
  const created = await repository.createBooking(
    booking,
    repository.newOutboxEvent("test.seeded", { bookingId: id }, at),
    undefined,
  );
  expect(created.kind).toBe("created");
  await calendarApi().events.insert({
    calendarId: centralCalendarId,
    requestBody: {
      id: booking.eventId,
      summary: event.summary ?? `${booking.lastName}, ${booking.firstName}`,
      start: { dateTime: start, timeZone },
      end: { dateTime: end, timeZone },
      ...(event.colorId ? { colorId: event.colorId } : {}),
    },
  });
  return booking;
}

async function recolour(booking: { eventId: string }, changes: { colorId?: string; summary?: string }) {
  await calendarApi().events.patch({
    calendarId: centralCalendarId,
    eventId: booking.eventId,
    requestBody: changes,
  });
}

const stored = async (id: string) => (await repository.getBooking(id))!;

describe("the outcome job", () => {
  it("resolves yesterday's 20:00 booking recoloured to 11 today as no_show in today's run", async () => {
    const yesterday = addDays(today(), -1);
    // As the sync wrote it: colour 9 = potential class standard.
    const booking = await bookingWithEvent(yesterday, "20:00", { colorId: "9" });
    // The old 19:00 UTC run of yesterday: the slot had not ended, so nothing is resolved yet.
    const early = await outcomes.checkOutcomes({ date: yesterday }, new Date(`${yesterday}T19:00:00Z`));
    expect(early.matched).toBeGreaterThanOrEqual(1);
    expect((await stored(booking.id)).outcome).toBe("pending");

    await recolour(booking, { colorId: "11" });
    const run = await runJobAndWait(admin, "check-outcomes");
    expect(run.status).toBe("succeeded");
    const resolved = await stored(booking.id);
    expect(resolved).toMatchObject({ outcome: "no_show", outcomeSource: "calendar", status: "booked" });
    expect(run.summary).toMatchObject({ from: addDays(today(), -14), to: today() });
    expect(resolved.outcomeHistory).toEqual([
      { at: expect.any(String), by: "job:check-outcomes", from: "pending", to: "no_show" },
    ]);
  });

  it("completes a green event, lets keywords beat colours, frees by marker, and a re-run writes nothing", async () => {
    const date = addDays(today(), -3);
    const green = await bookingWithEvent(date, "11:00", { colorId: "2" });
    const ghost = await bookingWithEvent(date, "11:00", { colorId: "2", summary: "Ghost, Gerd ghost" });
    const overhang = await bookingWithEvent(date, "11:00", {
      colorId: "7",
      summary: "Ueber, Hang (Überhang)",
    });
    const late = await bookingWithEvent(date, "11:00", {
      colorId: "11",
      summary: "Late, Lou nicht erschienen",
    });
    const moved = await bookingWithEvent(date, "11:00", { colorId: "9", summary: "Moved, Mo (verschoben)" });
    const placeholder = await bookingWithEvent(date, "11:00", { colorId: "11", summary: "1234" });
    const uncoloured = await bookingWithEvent(date, "11:00");
    const slotBefore = (await slots.listSlots(date, date)).find((slot) => slot.time === "11:00")!;

    const first = await outcomes.checkOutcomes({ date });
    expect(first.stale).toBe(0);
    expect(await stored(green.id)).toMatchObject({ outcome: "completed", potentialClass: "normal" });
    expect((await stored(ghost.id)).outcome).toBe("ghost");
    expect(await stored(overhang.id)).toMatchObject({ outcome: "overhang", potentialClass: "top" });
    expect((await stored(late.id)).outcome).toBe("no_show");
    expect(await stored(moved.id)).toMatchObject({ status: "cancelled", outcome: "rescheduled" });
    expect((await stored(placeholder.id)).outcome).toBe("pending");
    expect((await stored(uncoloured.id)).outcome).toBe("pending");
    const slotAfter = (await slots.listSlots(date, date)).find((slot) => slot.time === "11:00")!;
    expect(slotAfter.booked).toBe(slotBefore.booked - 1);

    const snapshot = await Promise.all([green, ghost, overhang, late, moved].map((b) => stored(b.id)));
    const again = await outcomes.checkOutcomes({ date });
    expect(again).toMatchObject({ updated: 0, released: 0, stale: 0 });
    expect(await Promise.all(snapshot.map((b) => stored(b.id)))).toEqual(snapshot);

    // A consultant's later recolouring is carried over, once.
    await recolour(green, { colorId: "3" });
    expect((await outcomes.checkOutcomes({ date })).updated).toBe(1);
    const recall = await stored(green.id);
    expect(recall).toMatchObject({ outcome: "completed", potentialClass: "recall" });
    expect(recall.outcomeHistory?.map((entry) => `${entry.from}>${entry.to}`)).toEqual([
      "pending>completed",
      "completed>completed",
    ]);
  });

  it("keeps an outcome set by hand through runs over an uncoloured (and a coloured) event", async () => {
    const date = addDays(today(), -2);
    const booking = await bookingWithEvent(date, "14:00");
    const set = await admin.request<{ booking: Booking }>("POST", `/api/bookings/${booking.id}/outcome`, {
      body: { outcome: "ghost", reason: "Kunde nie erreichbar" },
    });
    expect(set.status).toBe(200);
    expect(set.body.booking).toMatchObject({ outcome: "ghost", outcomeSource: "manual" });

    await outcomes.checkOutcomes({ date });
    await recolour(booking, { colorId: "2" });
    const run = await outcomes.checkOutcomes({ date });
    const kept = await bookingById(admin, booking.id);
    expect(kept).toMatchObject({ outcome: "ghost", outcomeSource: "manual" });
    expect(run.manual).toBeGreaterThanOrEqual(1);
    expect(kept.outcomeHistory).toEqual([
      { at: expect.any(String), by: "admin", from: "pending", to: "ghost", reason: "Kunde nie erreichbar" },
    ]);

    // An admin's correction is history too, and audited.
    const corrected = await admin.request<{ booking: Booking }>(
      "POST",
      `/api/bookings/${booking.id}/outcome`,
      {
        body: { outcome: "completed", potentialClass: "top" },
      },
    );
    expect(corrected.body.booking).toMatchObject({ outcome: "completed", potentialClass: "top" });
    expect(corrected.body.booking.outcomeHistory?.map((entry) => entry.to)).toEqual(["ghost", "completed"]);
    const audit = await admin.request<{ entries: { action: string; target?: string }[] }>(
      "GET",
      `/api/admin/audit?from=${today()}&to=${today()}&action=booking.outcome_set`,
    );
    expect(
      audit.body.entries.filter(
        (entry) => entry.action === "booking.outcome_set" && entry.target === booking.id,
      ),
    ).toHaveLength(2);
  });

  it("never rolls back a sync state written between reading the booking and writing its outcome", async () => {
    const date = addDays(today(), -4);
    const booking = await bookingWithEvent(date, "09:00");
    const read = await stored(booking.id);
    await repository.setSyncState(booking.id, { state: "failed", reason: "calendar 503", attempts: 4 });
    const result = await repository.setOutcome(
      read,
      { outcome: "no_show", source: "calendar", by: "job:check-outcomes", at: new Date().toISOString() },
      repository.newOutboxEvent("booking.outcome_set", { bookingId: booking.id }),
    );
    expect(result.kind).toBe("changed");
    expect(await stored(booking.id)).toMatchObject({
      outcome: "no_show",
      sync: { state: "failed", reason: "calendar 503", attempts: 4 },
    });
    // A write from a stale read of the outcome itself is refused, not applied over the newer outcome.
    const again = await repository.setOutcome(
      read,
      { outcome: "completed", source: "calendar", by: "job:check-outcomes", at: new Date().toISOString() },
      repository.newOutboxEvent("booking.outcome_set", { bookingId: booking.id }),
    );
    expect(again.kind).toBe("stale");
  });

  it("renames stored 'appeared' outcomes (at start locally, by the job on AWS), idempotently", async () => {
    const date = addDays(today(), -5);
    const booking = await bookingWithEvent(date, "16:00", { colorId: "2" });
    const { UpdateCommand } = await import("@aws-sdk/lib-dynamodb");
    const { dynamoClient } = await import("../../shared/data/clients.ts");
    const { keys } = await import("../../shared/data/keys.ts");
    const { config } = await import("../../shared/config.ts");
    const setRaw = (outcome: string) =>
      dynamoClient().send(
        new UpdateCommand({
          TableName: config().TABLE_NAME,
          Key: keys.booking(booking.id),
          UpdateExpression: "SET outcome = :o, outcomeSource = :s, potentialClass = :c",
          ExpressionAttributeValues: { ":o": outcome, ":s": "calendar", ":c": "normal" },
        }),
      );
    await setRaw("appeared");
    // Readable before any migration: it reads as completed.
    expect((await stored(booking.id)).outcome).toBe("completed");
    expect(await repository.migrateLegacyOutcomes()).toBe(1);
    expect(await repository.migrateLegacyOutcomes()).toBe(0);

    await setRaw("appeared");
    const run = await outcomes.checkOutcomes({ date });
    expect(run.converted).toBe(1);
    expect(run.updated).toBe(0);
    expect(await repository.migrateLegacyOutcomes()).toBe(0);
  });
});

describe("potential class at booking", () => {
  const book = (slot: SlotView, suffix: string, potential?: string) =>
    agent.request<{ booking: Booking }>("POST", "/api/bookings", {
      body: { date: slot.date, time: slot.time, ...customer(suffix), ...(potential ? { potential } : {}) },
    });
  // The best-paying slot with room: a slot's points fall as it fills, and halving 1 point shows nothing.
  const slotWithFree = async (places: number) =>
    (await upcomingSlots(agent))
      .filter((candidate) => candidate.free >= places)
      .sort((a, b) => b.points - a.points)[0]!;

  it("is stored (default standard), validated, and a recall earns half the points", async () => {
    const slot = await slotWithFree(3);
    const plain = await book(slot, "potential-default");
    expect(plain.status).toBe(201);
    expect(plain.body.booking.potentialClass).toBe("standard");
    const before = (
      await agent.request<{ slots: SlotView[] }>("GET", `/api/availability?from=${slot.date}&to=${slot.date}`)
    ).body.slots.find((candidate) => candidate.time === slot.time)!;
    const recall = await book(slot, "potential-recall", "recall");
    expect(recall.body.booking).toMatchObject({ potentialClass: "recall" });
    expect(before.points).toBeGreaterThan(1);
    expect(recall.body.booking.points).toBe(Math.max(1, Math.floor(before.points / 2)));
    expect((await book(slot, "potential-bad", "vip")).status).toBe(400);
  });

  it("is written as the central-calendar event's colour", async () => {
    const slot = await slotWithFree(2);
    const colours: Record<string, string> = {};
    for (const potential of [undefined, "top"]) {
      const { booking } = (await book(slot, `colour-${potential ?? "default"}`, potential)).body;
      await waitFor("synced", async () =>
        (await bookingById(agent, booking.id)).sync.state === "synced" ? true : undefined,
      );
      const event = await calendarApi().events.get({
        calendarId: centralCalendarId,
        eventId: `sb${booking.id}`,
      });
      colours[booking.potentialClass!] = event.data.colorId ?? "";
    }
    expect(colours).toEqual({ standard: "9", top: "7" });
  });
});
