import { randomInt, randomUUID } from "node:crypto";
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { Booking, SlotView } from "../../shared/contracts/booking.ts";
import type { CustomerHistory, CustomerProfile } from "../../shared/contracts/customers.ts";

interface CustomerSearchResult {
  customers: { id: string; phone: string; bookings: number; risk: string; riskReason: string }[];
}

import { upcomingSlots } from "../support/booking.ts";
import { demoAdmin, demoAgent, signedIn, type TestClient } from "../support/http.ts";

let admin: TestClient;
let agent: TestClient;
let data: {
  client: typeof import("../../shared/data/clients.ts");
  customers: typeof import("../../shared/data/customers-repository.ts");
  keys: typeof import("../../shared/data/keys.ts");
  slots: typeof import("../../shared/data/slots-repository.ts");
  config: typeof import("../../shared/config.ts");
};

beforeAll(async () => {
  admin = await signedIn(demoAdmin);
  agent = await signedIn(demoAgent);
  // The backfill is exercised in this process, against the same DynamoDB Local.
  process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
  process.env.S3_ENDPOINT = inject("s3Endpoint");
  data = {
    client: await import("../../shared/data/clients.ts"),
    customers: await import("../../shared/data/customers-repository.ts"),
    keys: await import("../../shared/data/keys.ts"),
    slots: await import("../../shared/data/slots-repository.ts"),
    config: await import("../../shared/config.ts"),
  };
});

/** A Cologne number nobody else in the suite uses, as typed locally and internationally. */
function freshPhone() {
  const subscriber = String(randomInt(1_000_000, 9_999_999));
  return { local: `0221 ${subscriber}`, international: `+49 221 ${subscriber}`, e164: `+49221${subscriber}` };
}

async function freeSlot(skip: number): Promise<SlotView> {
  const slot = (await upcomingSlots(agent)).filter((candidate) => candidate.free >= 2)[skip];
  if (!slot) throw new Error("no free slot");
  return slot;
}

async function book(client: TestClient, phone: string, firstName: string, lastName: string, skip = 0) {
  const slot = await freeSlot(skip);
  const response = await client.request<{ booking: Booking }>("POST", "/api/bookings", {
    body: { date: slot.date, time: slot.time, firstName, lastName, phone, note: "geheime Notiz" },
  });
  expect(response.status).toBe(201);
  return response.body.booking;
}

const findByPhone = (client: TestClient, phone: string) =>
  client.request<CustomerProfile>("GET", `/api/customers?phone=${encodeURIComponent(phone)}`);

describe("customers", () => {
  it("is one customer per phone number however it is typed: two bookings, both names, in one profile", async () => {
    const phone = freshPhone();
    const first = await book(agent, phone.local, "Jürgen", "Kunde", 0);
    const second = await book(agent, phone.international, "Juergen", "Kunde", 1);
    expect(first.phone).toBe(phone.e164);
    expect(first.customerId).toMatch(/^[0-9a-f]{24}$/);
    expect(second.customerId).toBe(first.customerId);

    for (const typed of [phone.local, phone.international, phone.e164]) {
      const found = await findByPhone(agent, typed);
      expect(found.status).toBe(200);
      expect(found.body).toMatchObject({
        id: first.customerId,
        phone: phone.e164,
        bookings: 2,
        resolved: 0,
        reliability: null,
        risk: "low",
      });
      expect(found.body.outcomes.pending).toBe(2);
      // The most recently used name first.
      expect(found.body.names).toEqual([
        { firstName: "Juergen", lastName: "Kunde" },
        { firstName: "Jürgen", lastName: "Kunde" },
      ]);
      expect(found.body.lastBookings).toHaveLength(2);
    }
  });

  it("counts outcomes from the bookings: reliability, risk and the full history after an admin sets outcomes", async () => {
    const phone = freshPhone();
    const mine = await book(agent, phone.local, "Erika", "Zähler", 0);
    const admins = await book(admin, phone.local, "Erika", "Zähler", 1);
    const third = await book(agent, phone.local, "Erika", "Zähler", 2);
    const outcome = (id: string, value: string) =>
      admin.request("POST", `/api/bookings/${id}/outcome`, { body: { outcome: value } });
    expect((await outcome(mine.id, "no_show")).status).toBe(200);
    expect((await outcome(admins.id, "completed")).status).toBe(200);
    expect((await outcome(third.id, "cancelled")).status).toBe(200);

    const profile = await findByPhone(agent, phone.e164);
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ bookings: 3, resolved: 2, reliability: 0.5, risk: "medium" });
    expect(profile.body.outcomes).toMatchObject({ no_show: 1, completed: 1, cancelled: 1, pending: 0 });
    // The agent sees the team's bookings of this customer (agent names), never notes or booking ids.
    expect(new Set(profile.body.lastBookings.map((b) => b.agent))).toEqual(new Set(["anna", "admin"]));
    expect(JSON.stringify(profile.body)).not.toContain("geheime Notiz");
    expect(JSON.stringify(profile.body)).not.toContain(admins.id);

    const history = await admin.request<CustomerHistory>("GET", `/api/customers/${mine.customerId}`);
    expect(history.status).toBe(200);
    expect(history.body).toMatchObject({
      id: mine.customerId,
      bookings: 3,
      reliability: 0.5,
      risk: "medium",
    });
    const byId = new Map(history.body.history.map((entry) => [entry.id, entry]));
    expect(byId.get(mine.id)).toMatchObject({ outcome: "no_show", agent: "anna" });
    expect(byId.get(admins.id)).toMatchObject({ outcome: "completed", agent: "admin" });
    expect(byId.get(third.id)).toMatchObject({ outcome: "cancelled" });
    const starts = history.body.history.map((entry) => entry.start);
    expect(starts).toEqual([...starts].sort().reverse());
  });

  it("keeps every name when bookings of one customer are made at the same moment", async () => {
    const phone = freshPhone();
    const slot = await freeSlot(0);
    const names = ["Ana", "Anna", "Hanna", "Hannah"];
    const responses = await Promise.all(
      names.map((firstName) =>
        agent.request("POST", "/api/bookings", {
          body: { date: slot.date, time: slot.time, firstName, lastName: "Gleichzeitig", phone: phone.local },
        }),
      ),
    );
    const created = responses.filter((response) => response.status === 201).length;
    expect(created).toBeGreaterThanOrEqual(2);
    const profile = await findByPhone(agent, phone.local);
    expect(profile.body.bookings).toBe(created);
    const stored = await data.customers.getCustomer(profile.body.id);
    expect(stored?.names.size).toBe(created);
  });

  it("answers 404 for a phone number nobody has booked, 400 naming query.phone for one that is no number", async () => {
    const unknown = await findByPhone(agent, freshPhone().local);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: "not_found" } });

    for (const bad of ["9876543", "abc", ""]) {
      const response = await findByPhone(agent, bad);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: { fields: { "query.phone": expect.any(String) } } });
    }
    const missing = await agent.request("GET", "/api/customers");
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: { fields: { "query.phone": expect.any(String) } } });
    expect((await admin.request("GET", `/api/customers/${"0".repeat(24)}`)).status).toBe(404);
    expect((await admin.request("GET", "/api/customers/not-an-id")).status).toBe(400);
  });

  it("gives the history by id to admins only; signed-out callers get nothing", async () => {
    const phone = freshPhone();
    const booking = await book(agent, phone.local, "Nur", "Verwaltung");
    const asAgent = await agent.request("GET", `/api/customers/${booking.customerId}`);
    expect(asAgent.status).toBe(403);
    const signedOut = new (await import("../support/http.ts")).TestClient();
    expect((await findByPhone(signedOut, phone.local)).status).toBe(401);
  });

  it("gives bookings made before customers existed their customer, once (backfill guarded by a marker)", async () => {
    const { dynamoClient } = data.client;
    const table = data.config.config().TABLE_NAME;
    const { keys } = data.keys;
    const phone = freshPhone();
    // An old booking in a past slot, stored as before customers: no customerId, no customer, no link.
    const date = "2025-03-12";
    const start = `${date}T08:00:00.000Z`;
    await data.slots.writeSlotOffer({
      date,
      time: "09:00",
      start,
      end: `${date}T10:00:00.000Z`,
      consultants: ["c1"],
      places: { c1: 4 },
      capacity: 4,
      updatedAt: new Date().toISOString(),
    });
    const id = randomUUID().replaceAll("-", "");
    const at = "2025-03-01T10:00:00.000Z";
    const legacy = {
      id,
      eventId: `sb${id}`,
      date,
      time: "09:00",
      start,
      end: `${date}T10:00:00.000Z`,
      firstName: "Alt",
      lastName: "Bestand",
      // Stored as typed: data written before phone numbers were normalised.
      phone: phone.international,
      agent: "anna",
      status: "booked",
      outcome: "no_show",
      points: 5,
      sync: { state: "synced", attempts: 1 },
      createdAt: at,
      updatedAt: at,
    };
    await dynamoClient().send(
      new PutCommand({
        TableName: table,
        Item: {
          ...keys.booking(id),
          ...keys.bookingOfAgent("anna", start, id),
          ...keys.bookingOnDay(date, "09:00", id),
          type: "booking",
          ...legacy,
        },
      }),
    );
    expect((await findByPhone(admin, phone.local)).status).toBe(404);

    const marker = keys.marker(data.customers.customersBackfillMarker);
    // Done at start-up already: the marker makes a second run a no-op.
    expect((await dynamoClient().send(new GetCommand({ TableName: table, Key: marker }))).Item).toBeDefined();
    expect(await data.customers.backfillCustomers()).toBe(0);
    expect((await findByPhone(admin, phone.local)).status).toBe(404);

    await dynamoClient().send(new DeleteCommand({ TableName: table, Key: marker }));
    expect(await data.customers.backfillCustomers()).toBeGreaterThanOrEqual(1);
    const profile = await findByPhone(admin, phone.local);
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ bookings: 1, risk: "medium", reliability: 0 });
    expect(profile.body.names).toEqual([{ firstName: "Alt", lastName: "Bestand" }]);
    expect(profile.body.phone).toBe(phone.e164);
    const stored = await dynamoClient().send(new GetCommand({ TableName: table, Key: keys.booking(id) }));
    expect(stored.Item?.customerId).toBe(profile.body.id);

    // Idempotent even without the marker: nothing is left to do, nothing is doubled.
    await dynamoClient().send(new DeleteCommand({ TableName: table, Key: marker }));
    expect(await data.customers.backfillCustomers()).toBe(0);
    expect((await findByPhone(admin, phone.local)).body.bookings).toBe(1);
  });

  it("finds customers by any words of their name (umlauts as typed either way) or phone, for admins only", async () => {
    const phone = freshPhone();
    const family = `Sück${randomUUID()
      .replace(/[^a-f]/g, "")
      .slice(0, 6)}`;
    await book(agent, phone.local, "Hans-Jörg", family, 0);
    const search = (client: TestClient, q: string) =>
      client.request<CustomerSearchResult>("GET", `/api/admin/customers?q=${encodeURIComponent(q)}`);

    for (const q of [
      family,
      family.slice(0, 4),
      family.replace("ü", "ue"),
      `jörg ${family.slice(0, 5)}`,
      `HANS ${family}`,
    ]) {
      const found = await search(admin, q);
      expect(found.status, q).toBe(200);
      expect(
        found.body.customers.map((c) => c.phone),
        q,
      ).toEqual([phone.e164]);
      expect(found.body.customers[0]).toMatchObject({
        bookings: 1,
        risk: "low",
        riskReason: expect.any(String),
      });
    }
    expect((await search(admin, `anna ${family}`)).body.customers).toEqual([]);
    expect((await search(admin, phone.international)).body.customers.map((c) => c.phone)).toEqual([
      phone.e164,
    ]);
    expect((await search(admin, "s")).status).toBe(400);
    expect((await search(agent, family)).status).toBe(403);
  });

  it("indexes the names of customers from before the name index once (marker), without doubling", async () => {
    const { dynamoClient } = data.client;
    const { keys } = data.keys;
    const table = data.config.config().TABLE_NAME;
    const phone = freshPhone();
    const family = `Vorindex${randomUUID()
      .replace(/[^a-f]/g, "")
      .slice(0, 6)}`;
    const booking = await book(agent, phone.local, "Olga", family, 0);
    const search = () =>
      admin.request<CustomerSearchResult>("GET", `/api/admin/customers?q=${encodeURIComponent(family)}`);
    expect((await search()).body.customers).toHaveLength(1);
    // As if written before the index existed: the name items removed.
    const token = family.toLowerCase();
    const items = await dynamoClient().send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :token)",
        ExpressionAttributeValues: { ":pk": keys.customerNamePartition(token), ":token": token },
      }),
    );
    for (const item of items.Items ?? [])
      await dynamoClient().send(new DeleteCommand({ TableName: table, Key: { pk: item.pk, sk: item.sk } }));
    expect((await search()).body.customers).toEqual([]);

    const marker = keys.marker(data.customers.customerNamesBackfillMarker);
    expect(await data.customers.backfillCustomerNames()).toBe(0);
    await dynamoClient().send(new DeleteCommand({ TableName: table, Key: marker }));
    expect(await data.customers.backfillCustomerNames()).toBeGreaterThanOrEqual(1);
    const found = (await search()).body.customers;
    expect(found.map((c) => c.id)).toEqual([booking.customerId]);
  });
});
