import { beforeAll, describe, expect, inject, it } from "vitest";
import type { Booking } from "../../shared/contracts/booking.ts";
import { upcomingSlots } from "../support/booking.ts";
import { demoAdmin, demoAgent, signedIn, type TestClient } from "../support/http.ts";

type Page = { bookings: Booking[]; nextCursor?: string };
type ErrorAnswer = { error: { code: string; fields?: Record<string, string> } };

let admin: TestClient;
let agent: TestClient;
let repository: typeof import("../../shared/data/bookings-repository.ts");

beforeAll(async () => {
  admin = await signedIn(demoAdmin);
  agent = await signedIn(demoAgent);
  process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
  process.env.S3_ENDPOINT = inject("s3Endpoint");
  repository = await import("../../shared/data/bookings-repository.ts");
});

/** Follows nextCursor to the end; the pages as the client got them. */
async function allPages(client: TestClient, query: string): Promise<Page[]> {
  const pages: Page[] = [];
  let cursor: string | undefined;
  do {
    const separator = query ? "&" : "";
    const path = `/api/bookings?${query}${cursor ? `${separator}cursor=${cursor}` : ""}`;
    const response = await client.request<Page>("GET", path);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    pages.push(response.body);
    cursor = response.body.nextCursor;
    expect(pages.length).toBeLessThan(500);
  } while (cursor);
  return pages;
}

const ids = (pages: Page[]) => pages.flatMap((page) => page.bookings.map((booking) => booking.id));
const byStart = (a: Booking, b: Booking) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id);

async function bookUnique(lastName: string, phone: string): Promise<Booking> {
  const slot = (await upcomingSlots(agent, 21)).find((candidate) => candidate.free > 0);
  if (!slot) throw new Error("no free slot");
  const response = await agent.request<{ booking: Booking }>("POST", "/api/bookings", {
    body: { date: slot.date, time: slot.time, firstName: "Jördis", lastName, phone },
  });
  expect(response.status).toBe(201);
  return response.body.booking;
}

describe("Meine Termine at scale: the paged booking list", () => {
  it("gives the demo agent 100+ bookings and pages through them each exactly once, in start order", async () => {
    const stored = (await repository.listBookingsOfAgent("anna", "0", "9")).sort(byStart);
    expect(stored.length).toBeGreaterThanOrEqual(100);

    const pages = await allPages(agent, "limit=7");
    expect(pages.length).toBe(Math.ceil(stored.length / 7));
    expect(pages.every((page) => page.bookings.length <= 7)).toBe(true);
    // Exactly once each, in order, and the last page says it is the last.
    expect(ids(pages)).toEqual(stored.map((booking) => booking.id));
    expect(pages.at(-1)?.nextCursor).toBeUndefined();
    expect(pages.flatMap((page) => page.bookings).every((booking) => booking.agent === "anna")).toBe(true);
  });

  it("splits upcoming (soonest first) from past (latest first) and together they are everything", async () => {
    const all = (await repository.listBookingsOfAgent("anna", "0", "9")).map((booking) => booking.id);
    const now = new Date().toISOString();
    const upcoming = (await allPages(agent, "view=upcoming&limit=20")).flatMap((page) => page.bookings);
    const past = (await allPages(agent, "view=past&limit=30")).flatMap((page) => page.bookings);
    expect(upcoming.length).toBeGreaterThan(0);
    expect(past.length).toBeGreaterThan(0);
    expect(upcoming.every((booking) => booking.start > now)).toBe(true);
    expect(past.every((booking) => booking.start <= now)).toBe(true);
    expect(upcoming).toEqual([...upcoming].sort(byStart));
    expect(past).toEqual([...past].sort(byStart).reverse());
    expect([...upcoming, ...past].map((booking) => booking.id).sort()).toEqual([...all].sort());
  });

  it("filters by outcome and finds a customer by any part of the name or the phone as typed", async () => {
    const lastName = `Suchtest${Date.now().toString(36)}`;
    const phone = `+49 171 ${String(Date.now()).slice(-7)}`;
    const booking = await bookUnique(lastName, phone);

    const found = async (query: string) =>
      ids(await allPages(agent, `q=${encodeURIComponent(query)}&limit=50`));
    expect(await found(lastName.toLowerCase())).toEqual([booking.id]);
    expect(await found(`jordis ${lastName.slice(0, 10)}`)).toContain(booking.id);
    expect(await found(phone.replace("+49 ", "0"))).toEqual([booking.id]);
    expect(await found(phone)).toEqual([booking.id]);

    const open = await allPages(agent, `outcome=open&view=upcoming&limit=100`);
    expect(ids(open)).toContain(booking.id);
    expect(
      open.flatMap((page) => page.bookings).every((b) => b.status === "booked" && b.outcome === "pending"),
    ).toBe(true);
    const cancel = await agent.request("POST", `/api/bookings/${booking.id}/cancel`);
    expect(cancel.status).toBe(200);
    expect(ids(await allPages(agent, "outcome=open&view=upcoming&limit=100"))).not.toContain(booking.id);
    const cancelled = (await allPages(agent, "outcome=cancelled&limit=100")).flatMap((page) => page.bookings);
    expect(cancelled.map((b) => b.id)).toContain(booking.id);
    expect(
      cancelled.every(
        (b) => b.status === "cancelled" || b.outcome === "cancelled" || b.outcome === "rescheduled",
      ),
    ).toBe(true);

    // The demo history resolved anna's past bookings: each group holds only its outcomes.
    const appeared = (await allPages(agent, "outcome=appeared&view=past&limit=100")).flatMap(
      (page) => page.bookings,
    );
    const noShows = (await allPages(agent, "outcome=no_show&view=past&limit=100")).flatMap(
      (page) => page.bookings,
    );
    expect(appeared.length).toBeGreaterThan(0);
    expect(noShows.length).toBeGreaterThan(0);
    expect(appeared.every((b) => ["completed", "overhang", "consultant_change"].includes(b.outcome))).toBe(
      true,
    );
    expect(noShows.every((b) => ["no_show", "ghost"].includes(b.outcome))).toBe(true);
  });

  it("refuses a tampered cursor, another agent's cursor and a bad filter with a 400 naming the field", async () => {
    const first = await agent.request<Page>("GET", "/api/bookings?limit=5");
    const cursor = first.body.nextCursor ?? "";
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as {
      k: Record<string, string>;
    };
    const forged = (position: unknown) => Buffer.from(JSON.stringify(position)).toString("base64url");
    const tampered = [
      `${cursor.slice(0, -3)}`,
      "not*base64",
      forged({ k: { ...decoded.k, gsi1pk: "AGENT#max" } }),
      forged({ k: { ...decoded.k, extra: "x" } }),
      forged({ k: decoded.k, admin: true }),
      forged({ d: "2026-13-40" }),
      Buffer.from("{not json").toString("base64url"),
    ];
    for (const bad of tampered) {
      const response = await agent.request<ErrorAnswer>("GET", `/api/bookings?limit=5&cursor=${bad}`);
      expect(response.status, bad).toBe(400);
      expect(Object.keys(response.body.error.fields ?? {}), bad).toEqual(["query.cursor"]);
    }
    // max's own cursor does not open anna's list either.
    const max = await signedIn({ username: "max", password: "agent-demo-2026" });
    const maxCursor = (await max.request<Page>("GET", "/api/bookings?limit=2")).body.nextCursor;
    const crossed = await agent.request<ErrorAnswer>("GET", `/api/bookings?limit=2&cursor=${maxCursor}`);
    expect(crossed.status).toBe(400);

    for (const [query, field] of [
      ["view=soon", "query.view"],
      ["outcome=maybe", "query.outcome"],
      ["limit=0", "query.limit"],
      ["limit=101", "query.limit"],
      ["q=x", "query.q"],
    ]) {
      const response = await agent.request<ErrorAnswer>("GET", `/api/bookings?${query}`);
      expect(response.status, query).toBe(400);
      expect(Object.keys(response.body.error.fields ?? {})).toEqual([field]);
    }
  });

  it("answers dates outside the view with an empty page, not an error", async () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    for (const client of [agent, admin]) {
      for (const query of [`view=upcoming&to=${day(-2)}`, `view=past&from=${day(3)}`]) {
        const response = await client.request<Page>("GET", `/api/bookings?${query}`);
        expect(response.status, query).toBe(200);
        expect(response.body).toEqual({ bookings: [] });
      }
    }
  });

  it("pages every agent's bookings for an admin day by day, and one agent's when named", async () => {
    const upcoming = (await allPages(admin, "view=upcoming&limit=15")).flatMap((page) => page.bookings);
    const agents = new Set(upcoming.map((booking) => booking.agent));
    expect(agents.size).toBeGreaterThan(1);
    expect(new Set(upcoming.map((booking) => booking.id)).size).toBe(upcoming.length);
    const order = (booking: Booking) => `${booking.date} ${booking.time}`;
    expect(upcoming.map(order)).toEqual(upcoming.map(order).sort());
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    const lastDays = (await allPages(admin, `view=past&from=${from}&limit=40`)).flatMap(
      (page) => page.bookings,
    );
    expect(lastDays.every((booking) => booking.date >= from && booking.date <= today)).toBe(true);
    expect(lastDays.map(order)).toEqual(lastDays.map(order).sort().reverse());

    const annas = (await allPages(admin, "agent=anna&view=upcoming&limit=50")).flatMap(
      (page) => page.bookings,
    );
    const own = (await allPages(agent, "view=upcoming&limit=50")).flatMap((page) => page.bookings);
    expect(annas.map((booking) => booking.id)).toEqual(own.map((booking) => booking.id));
    // An agent naming someone else still sees only their own.
    const named = (await allPages(agent, "agent=max&view=upcoming&limit=50")).flatMap(
      (page) => page.bookings,
    );
    expect(named.every((booking) => booking.agent === "anna")).toBe(true);
  });
});
