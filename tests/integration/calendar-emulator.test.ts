import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { calendar, type calendar_v3 } from "@googleapis/calendar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CalendarEmulator,
  demoCalendarSeed,
  seedDemoCalendars,
  startCalendarEmulator,
} from "../../local/calendar-emulator/server.ts";

/**
 * The emulator driven through the real `@googleapis/calendar` client,
 * unauthenticated and pointed at it with `rootUrl`, exactly as the app does.
 */

let emulator: CalendarEmulator;
let client: calendar_v3.Calendar;
const tempDir = mkdtempSync(join(tmpdir(), "calendar-emulator-"));

beforeAll(async () => {
  emulator = await startCalendarEmulator({ port: 0 });
  client = calendar({ version: "v3", rootUrl: emulator.url });
});

afterAll(async () => {
  await emulator.close();
  rmSync(tempDir, { recursive: true, force: true });
});

const timed = (id: string | undefined, start: string, end: string, summary = "Termin") => ({
  ...(id ? { id } : {}),
  summary,
  start: { dateTime: start },
  end: { dateTime: end },
});

interface ErrorBody {
  error: { code: number; message: string; errors: { domain: string; reason: string; message: string }[] };
}

/** The status and Google error body the client surfaces for a failing call. */
async function failure(call: Promise<unknown>): Promise<{ status: number | undefined; body: ErrorBody }> {
  try {
    await call;
  } catch (error) {
    const { status, response } = error as { status?: number; response?: { status?: number; data?: unknown } };
    return { status: response?.status ?? status, body: response?.data as ErrorBody };
  }
  throw new Error("expected the call to fail");
}

const reasonOf = (body: ErrorBody) => body.error.errors[0]?.reason;

async function listAll(params: calendar_v3.Params$Resource$Events$List) {
  const items: calendar_v3.Schema$Event[] = [];
  let pageToken: string | undefined;
  let pages = 0;
  do {
    const page = await client.events.list({ ...params, ...(pageToken ? { pageToken } : {}) });
    items.push(...(page.data.items ?? []));
    pageToken = page.data.nextPageToken ?? undefined;
    pages++;
  } while (pageToken);
  return { items, pages };
}

describe("events.insert", () => {
  it("keeps a client-chosen id and answers a duplicate with Google's 409 body", async () => {
    const inserted = await client.events.insert({
      calendarId: "central@demo.local",
      requestBody: timed("abc123def", "2030-01-07T08:00:00Z", "2030-01-07T10:00:00Z"),
    });
    expect(inserted.status).toBe(200);
    expect(inserted.data).toMatchObject({
      kind: "calendar#event",
      id: "abc123def",
      status: "confirmed",
      summary: "Termin",
      iCalUID: "abc123def@google.com",
    });
    expect(inserted.data.etag).toMatch(/^"\d+"$/);
    expect(inserted.data.htmlLink).toContain("eid=");
    expect(Date.parse(inserted.data.created!)).not.toBeNaN();

    const { status, body } = await failure(
      client.events.insert({
        calendarId: "central@demo.local",
        requestBody: timed("abc123def", "2030-01-07T08:00:00Z", "2030-01-07T09:00:00Z"),
      }),
    );
    expect(status).toBe(409);
    expect(body).toEqual({
      error: {
        code: 409,
        message: "The requested identifier already exists.",
        errors: [
          { domain: "global", reason: "duplicate", message: "The requested identifier already exists." },
        ],
      },
    });
  });

  it("generates an id when none is given and enforces Google's id rule", async () => {
    const generated = await client.events.insert({
      calendarId: "ids@test",
      requestBody: timed(undefined, "2030-01-08T08:00:00Z", "2030-01-08T09:00:00Z"),
    });
    expect(generated.data.id).toMatch(/^[a-v0-9]{26}$/);
    for (const id of ["UPPER_case", "abcd", "wxyz12345", `a${"0".repeat(1024)}`]) {
      const { status, body } = await failure(
        client.events.insert({
          calendarId: "ids@test",
          requestBody: timed(id, "2030-01-08T08:00:00Z", "2030-01-08T09:00:00Z"),
        }),
      );
      expect([id.length, status, reasonOf(body)]).toEqual([id.length, 400, "invalid"]);
    }
  });

  it("validates times with Google's reasons", async () => {
    const missingEnd = await failure(
      client.events.insert({
        calendarId: "ids@test",
        requestBody: { summary: "x", start: { dateTime: "2030-01-08T08:00:00Z" } },
      }),
    );
    expect([missingEnd.status, reasonOf(missingEnd.body)]).toEqual([400, "required"]);
    const backwards = await failure(
      client.events.insert({
        calendarId: "ids@test",
        requestBody: timed(undefined, "2030-01-08T09:00:00Z", "2030-01-08T08:00:00Z"),
      }),
    );
    expect([backwards.status, reasonOf(backwards.body)]).toEqual([400, "timeRangeEmpty"]);
    const noZone = await failure(
      client.events.insert({
        calendarId: "ids@test",
        requestBody: timed(undefined, "2030-01-08T09:00:00", "2030-01-08T10:00:00"),
      }),
    );
    expect([noZone.status, reasonOf(noZone.body)]).toEqual([400, "required"]);
    const badColour = await failure(
      client.events.insert({
        calendarId: "ids@test",
        requestBody: { ...timed(undefined, "2030-01-08T09:00:00Z", "2030-01-08T10:00:00Z"), colorId: "12" },
      }),
    );
    expect([badColour.status, reasonOf(badColour.body)]).toEqual([400, "invalid"]);
  });

  it("reads offset-less wall times in the given zone, DST-correct, and renders in that zone", async () => {
    const summer = await client.events.insert({
      calendarId: "zones@test",
      requestBody: {
        summary: "Sommer",
        start: { dateTime: "2030-07-01T10:00:00", timeZone: "Europe/Berlin" },
        end: { dateTime: "2030-07-01T11:00:00", timeZone: "Europe/Berlin" },
      },
    });
    expect(summer.data.start).toEqual({ dateTime: "2030-07-01T10:00:00+02:00", timeZone: "Europe/Berlin" });
    // Without a zone of its own, an event renders in the calendar's zone (Europe/Berlin by default).
    const winter = await client.events.insert({
      calendarId: "zones@test",
      requestBody: timed(undefined, "2030-01-07T08:00:00Z", "2030-01-07T09:00:00Z"),
    });
    expect(winter.data.start).toEqual({ dateTime: "2030-01-07T09:00:00+01:00" });
    const inUtc = await client.events.list({ calendarId: "zones@test", timeZone: "UTC", q: "sommer" });
    expect(inUtc.data.items?.[0]?.start).toEqual({
      dateTime: "2030-07-01T10:00:00+02:00",
      timeZone: "Europe/Berlin",
    });
    expect(inUtc.data.timeZone).toBe("UTC");
  });
});

describe("events.list", () => {
  const calendarId = "list@test";

  beforeAll(async () => {
    // Inserted out of order: ordering must come from the emulator.
    for (const day of [16, 12, 10, 14, 11, 15, 13]) {
      await client.events.insert({
        calendarId,
        requestBody: timed(
          `d${day}aa`,
          `2030-01-${day}T08:00:00Z`,
          `2030-01-${day}T09:00:00Z`,
          day % 2 ? "Kundentermin" : "T1-bereit",
        ),
      });
    }
    await client.events.insert({
      calendarId,
      requestBody: {
        ...timed("d13bb", "2030-01-13T10:00:00Z", "2030-01-13T11:00:00Z"),
        description: "Mit KUNDE Meier",
      },
    });
  });

  it("returns events overlapping [timeMin, timeMax), ordered by start, across pages", async () => {
    const { items, pages } = await listAll({
      calendarId,
      timeMin: "2030-01-11T08:30:00Z", // 01-11 ends after it: included
      timeMax: "2030-01-15T08:00:00Z", // 01-15 starts exactly at it: excluded
      singleEvents: true,
      orderBy: "startTime",
      maxResults: 2,
    });
    expect(items.map((item) => item.id)).toEqual(["d11aa", "d12aa", "d13aa", "d13bb", "d14aa"]);
    expect(pages).toBe(3);
  });

  it("excludes an event that ends exactly at timeMin", async () => {
    const { items } = await listAll({ calendarId, timeMin: "2030-01-16T09:00:00Z" });
    expect(items).toEqual([]);
  });

  it("answers with the calendar envelope", async () => {
    const page = await client.events.list({ calendarId, maxResults: 3 });
    expect(page.data).toMatchObject({
      kind: "calendar#events",
      summary: calendarId,
      timeZone: "Europe/Berlin",
    });
    expect(page.data.items).toHaveLength(3);
    expect(page.data.nextPageToken).toEqual(expect.any(String));
  });

  it("filters by free text on summary and description, case-insensitively", async () => {
    const bySummary = await listAll({ calendarId, q: "kundenTERMIN" });
    expect(bySummary.items.map((item) => item.id)).toEqual(["d11aa", "d13aa", "d15aa"]);
    const byDescription = await listAll({ calendarId, q: "kunde meier" });
    expect(byDescription.items.map((item) => item.id)).toEqual(["d13bb"]);
  });

  it("filters by updatedMin", async () => {
    const before = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await client.events.patch({ calendarId, eventId: "d12aa", requestBody: { summary: "T1 bereit" } });
    const { items } = await listAll({ calendarId, updatedMin: before });
    expect(items.map((item) => item.id)).toEqual(["d12aa"]);
  });

  it("refuses orderBy=startTime without singleEvents, and bad parameters", async () => {
    const ordering = await failure(client.events.list({ calendarId, orderBy: "startTime" }));
    expect(ordering.status).toBe(400);
    const emptyRange = await failure(
      client.events.list({ calendarId, timeMin: "2030-01-12T00:00:00Z", timeMax: "2030-01-11T00:00:00Z" }),
    );
    expect([emptyRange.status, reasonOf(emptyRange.body)]).toEqual([400, "timeRangeEmpty"]);
    const badToken = await failure(client.events.list({ calendarId, pageToken: "nonsense" }));
    expect([badToken.status, reasonOf(badToken.body)]).toEqual([400, "invalid"]);
  });

  it("caps maxResults at 2500", async () => {
    for (let index = 0; index < 2502; index++) {
      emulator.seedEvent("many@test", timed(undefined, "2030-02-01T08:00:00Z", "2030-02-01T09:00:00Z"));
    }
    const first = await client.events.list({ calendarId: "many@test", maxResults: 5000 });
    expect(first.data.items).toHaveLength(2500);
    const defaultPage = await client.events.list({ calendarId: "many@test" });
    expect(defaultPage.data.items).toHaveLength(250);
    const { items } = await listAll({ calendarId: "many@test", maxResults: 2500 });
    expect(new Set(items.map((item) => item.id)).size).toBe(2502);
  });

  it("places all-day events at midnight in the calendar's zone", async () => {
    await client.events.insert({
      calendarId: "allday@test",
      requestBody: {
        id: "allday1",
        summary: "Urlaub",
        start: { date: "2030-01-20" },
        end: { date: "2030-01-21" },
      },
    });
    // In Europe/Berlin, 2030-01-20 runs from 2030-01-19T23:00Z to 2030-01-20T23:00Z.
    const ids = async (timeMin: string, timeMax: string) =>
      (await listAll({ calendarId: "allday@test", timeMin, timeMax })).items.map((item) => item.id);
    expect(await ids("2030-01-19T22:00:00Z", "2030-01-19T23:00:00Z")).toEqual([]);
    expect(await ids("2030-01-19T22:00:00Z", "2030-01-19T23:30:00Z")).toEqual(["allday1"]);
    expect(await ids("2030-01-20T22:30:00Z", "2030-01-21T05:00:00Z")).toEqual(["allday1"]);
    expect(await ids("2030-01-20T23:00:00Z", "2030-01-21T05:00:00Z")).toEqual([]);
    const [event] = (await listAll({ calendarId: "allday@test" })).items;
    expect(event?.start).toEqual({ date: "2030-01-20" });
  });
});

describe("events.get / patch / update / delete", () => {
  const calendarId = "crud@test";

  it("gets, patches the colour, replaces with PUT, deletes (204) and then answers 410", async () => {
    await client.events.insert({
      calendarId,
      requestBody: {
        ...timed("colour1", "2030-02-01T08:00:00Z", "2030-02-01T10:00:00Z"),
        description: "Notiz",
      },
    });
    const patched = await client.events.patch({
      calendarId,
      eventId: "colour1",
      requestBody: { colorId: "11" },
    });
    expect(patched.data).toMatchObject({ colorId: "11", summary: "Termin", description: "Notiz" });
    const fetched = await client.events.get({ calendarId, eventId: "colour1" });
    expect(fetched.data.colorId).toBe("11");
    expect(fetched.data.etag).toBe(patched.data.etag);

    const replaced = await client.events.update({
      calendarId,
      eventId: "colour1",
      requestBody: timed(undefined, "2030-02-01T09:00:00Z", "2030-02-01T10:00:00Z", "Verschoben"),
    });
    expect(replaced.data).toMatchObject({ id: "colour1", summary: "Verschoben", sequence: 1 });
    expect(replaced.data.colorId).toBeUndefined();
    expect(replaced.data.description).toBeUndefined();

    const removed = await client.events.delete({ calendarId, eventId: "colour1" });
    expect(removed.status).toBe(204);
    const again = await failure(client.events.delete({ calendarId, eventId: "colour1" }));
    expect([again.status, reasonOf(again.body)]).toEqual([410, "deleted"]);
    // Google still returns a deleted event by id, marked cancelled.
    expect((await client.events.get({ calendarId, eventId: "colour1" })).data.status).toBe("cancelled");
  });

  it("answers 404 notFound for unknown events", async () => {
    for (const call of [
      client.events.get({ calendarId, eventId: "missing1" }),
      client.events.patch({ calendarId, eventId: "missing1", requestBody: { colorId: "1" } }),
      client.events.delete({ calendarId, eventId: "missing1" }),
    ]) {
      const { status, body } = await failure(call);
      expect([status, reasonOf(body), body.error.message]).toEqual([404, "notFound", "Not Found"]);
    }
  });

  it("hides deleted events unless showDeleted, keeps their id taken, and restores them by patch", async () => {
    await client.events.insert({
      calendarId: "del@test",
      requestBody: timed("gone1", "2030-02-02T08:00:00Z", "2030-02-02T09:00:00Z"),
    });
    await client.events.delete({ calendarId: "del@test", eventId: "gone1" });
    const range = { calendarId: "del@test", timeMin: "2030-02-01T00:00:00Z" };
    expect((await client.events.list(range)).data.items).toEqual([]);
    const withDeleted = await client.events.list({ ...range, showDeleted: true });
    expect(withDeleted.data.items?.map((item) => [item.id, item.status])).toEqual([["gone1", "cancelled"]]);
    // The app's upsert: insert answers 409, so it patches the event back to confirmed.
    const reinsert = await failure(
      client.events.insert({
        calendarId: "del@test",
        requestBody: timed("gone1", "2030-02-02T08:00:00Z", "2030-02-02T09:00:00Z"),
      }),
    );
    expect(reinsert.status).toBe(409);
    await client.events.patch({
      calendarId: "del@test",
      eventId: "gone1",
      requestBody: { status: "confirmed" },
    });
    expect((await client.events.list(range)).data.items?.map((item) => item.id)).toEqual(["gone1"]);
  });

  it("creates calendars implicitly and decodes ids from the path", async () => {
    const odd = "team/sales #1@demo.local";
    await client.events.insert({
      calendarId: odd,
      requestBody: timed("oddcal1", "2030-02-03T08:00:00Z", "2030-02-03T09:00:00Z"),
    });
    expect((await client.events.get({ calendarId: odd, eventId: "oddcal1" })).data.id).toBe("oddcal1");
    expect(emulator.listCalendars()).toContainEqual(
      expect.objectContaining({ id: odd, timeZone: "Europe/Berlin", events: 1, deleted: 0 }),
    );
  });
});

describe("freebusy.query", () => {
  it("merges busy periods, clipped to the window, ignoring transparent and cancelled events", async () => {
    const calendarId = "fb@test";
    await client.events.insert({
      calendarId,
      requestBody: timed("busy1", "2030-03-01T08:00:00Z", "2030-03-01T09:00:00Z"),
    });
    await client.events.insert({
      calendarId,
      requestBody: timed("busy2", "2030-03-01T08:30:00Z", "2030-03-01T09:30:00Z"),
    });
    await client.events.insert({
      calendarId,
      requestBody: {
        ...timed("free1", "2030-03-01T10:00:00Z", "2030-03-01T11:00:00Z"),
        transparency: "transparent",
      },
    });
    await client.events.insert({
      calendarId,
      requestBody: timed("gone2", "2030-03-01T12:00:00Z", "2030-03-01T13:00:00Z"),
    });
    await client.events.delete({ calendarId, eventId: "gone2" });
    await client.events.insert({
      calendarId,
      requestBody: timed("late1", "2030-03-01T23:00:00Z", "2030-03-02T02:00:00Z"),
    });

    const result = await client.freebusy.query({
      requestBody: {
        timeMin: "2030-03-01T00:00:00Z",
        timeMax: "2030-03-02T00:00:00Z",
        items: [{ id: calendarId }, { id: "empty@test" }],
      },
    });
    expect(result.data).toEqual({
      kind: "calendar#freeBusy",
      timeMin: "2030-03-01T00:00:00.000Z",
      timeMax: "2030-03-02T00:00:00.000Z",
      groups: {},
      calendars: {
        [calendarId]: {
          busy: [
            { start: "2030-03-01T08:00:00Z", end: "2030-03-01T09:30:00Z" },
            { start: "2030-03-01T23:00:00Z", end: "2030-03-02T00:00:00Z" },
          ],
        },
        "empty@test": { busy: [] },
      },
    });
  });

  it("requires a time window", async () => {
    const { status, body } = await failure(
      client.freebusy.query({ requestBody: { items: [{ id: "fb@test" }] } }),
    );
    expect([status, reasonOf(body)]).toEqual([400, "required"]);
  });
});

describe("fault injection", () => {
  const list = () => client.events.list({ calendarId: "faults@test" }, { retry: false });

  it("answers 429 rateLimitExceeded for N calls, then normally", async () => {
    emulator.resetCallCount();
    emulator.injectFaults({ status: 429, count: 2 });
    for (let call = 0; call < 2; call++) {
      const { status, body } = await failure(list());
      expect([status, reasonOf(body), body.error.code]).toEqual([429, "rateLimitExceeded", 429]);
    }
    expect((await list()).status).toBe(200);
    expect(emulator.callCount()).toBe(3);
  });

  it("is driven over HTTP by another process: 500 backendError, stats, clear", async () => {
    const control = (path: string, init?: RequestInit) =>
      fetch(new URL(`_emulator/${path}`, emulator.url), init);
    await control("stats", { method: "DELETE" });
    const injected = await control("faults", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status: 500, count: 3 }),
    });
    expect(injected.status).toBe(204);
    const failed = await failure(list());
    expect([failed.status, reasonOf(failed.body)]).toEqual([500, "backendError"]);
    const stats = (await (await control("stats")).json()) as { calls: number; faults: { remaining: number } };
    expect(stats).toMatchObject({ calls: 1, faults: { remaining: 2 } });
    expect((await control("faults", { method: "DELETE" })).status).toBe(204);
    expect((await list()).status).toBe(200);
    const invalidSpec = await control("faults", { method: "POST", body: JSON.stringify({ count: -1 }) });
    expect(invalidSpec.status).toBe(400);
  });

  it("uses a custom reason, e.g. 403 userRateLimitExceeded", async () => {
    emulator.injectFaults({ status: 403, count: 1, reason: "userRateLimitExceeded" });
    const { status, body } = await failure(list());
    expect([status, reasonOf(body)]).toEqual([403, "userRateLimitExceeded"]);
  });

  it("lets the client's own retry get through a transient 503", async () => {
    emulator.resetCallCount();
    emulator.injectFaults({ status: 503, count: 1 });
    const response = await client.events.list({ calendarId: "faults@test" });
    expect(response.status).toBe(200);
    expect(emulator.callCount()).toBe(2);
  });

  it("delays responses with latencyMs", async () => {
    emulator.injectFaults({ count: 1, latencyMs: 200 });
    const started = performance.now();
    expect((await list()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    const quick = performance.now();
    await list();
    expect(performance.now() - quick).toBeLessThan(190);
  });

  it("resets everything over HTTP", async () => {
    const scratch = await startCalendarEmulator({ port: 0 });
    try {
      scratch.seedEvent("reset@test", timed("reset1", "2030-03-01T08:00:00Z", "2030-03-01T09:00:00Z"));
      scratch.injectFaults({ status: 500, count: 5 });
      const response = await fetch(new URL("_emulator/reset", scratch.url), { method: "POST" });
      expect(response.status).toBe(204);
      expect(scratch.listCalendars()).toEqual([]);
      const scratchClient = calendar({ version: "v3", rootUrl: scratch.url });
      expect(
        (await scratchClient.events.list({ calendarId: "reset@test" }, { retry: false })).data.items,
      ).toEqual([]);
    } finally {
      await scratch.close();
    }
  });
});

describe("persistence", () => {
  it("keeps events, edits and deletions across a restart", async () => {
    const dataFile = join(tempDir, "state", "calendar.json");
    let persistent = await startCalendarEmulator({ dataFile });
    let persistentClient = calendar({ version: "v3", rootUrl: persistent.url });
    await persistentClient.events.insert({
      calendarId: "keep@test",
      requestBody: timed("kept1", "2030-04-01T08:00:00Z", "2030-04-01T09:00:00Z"),
    });
    await persistentClient.events.patch({
      calendarId: "keep@test",
      eventId: "kept1",
      requestBody: { colorId: "6" },
    });
    await persistentClient.events.insert({
      calendarId: "keep@test",
      requestBody: timed("gone3", "2030-04-01T10:00:00Z", "2030-04-01T11:00:00Z"),
    });
    await persistentClient.events.delete({ calendarId: "keep@test", eventId: "gone3" });
    await persistent.close();
    expect(existsSync(dataFile)).toBe(true);
    expect(readdirSync(join(tempDir, "state"))).toEqual(["calendar.json"]); // no temp file left over

    persistent = await startCalendarEmulator({ dataFile });
    persistentClient = calendar({ version: "v3", rootUrl: persistent.url });
    try {
      const kept = await persistentClient.events.get({ calendarId: "keep@test", eventId: "kept1" });
      expect(kept.data).toMatchObject({
        summary: "Termin",
        colorId: "6",
        start: { dateTime: "2030-04-01T10:00:00+02:00" },
      });
      const gone = await persistentClient.events.get({ calendarId: "keep@test", eventId: "gone3" });
      expect(gone.data.status).toBe("cancelled");
    } finally {
      await persistent.close();
    }
  });

  it("writes soon after a change, not only on close", async () => {
    const dataFile = join(tempDir, "soon.json");
    const persistent = await startCalendarEmulator({ dataFile });
    try {
      persistent.seedEvent("soon@test", timed("soon1", "2030-04-02T08:00:00Z", "2030-04-02T09:00:00Z"));
      await persistent.flush();
      const reader = await startCalendarEmulator({ dataFile });
      expect(reader.eventCount("soon@test")).toBe(1);
      await reader.close();
    } finally {
      await persistent.close();
    }
  });

  it("refuses a data file it cannot read instead of overwriting it", async () => {
    const dataFile = join(tempDir, "broken.json");
    writeFileSync(dataFile, "{ not json");
    await expect(startCalendarEmulator({ dataFile })).rejects.toThrow(/not valid JSON/);
  });
});

describe("demo seed", () => {
  const consultants = [
    { name: "Anna Berger", calendarId: "anna.demo@test" },
    { name: "Jonas Keller", calendarId: "jonas.demo@test" },
  ];
  // Spans the switch to summer time (Sunday 2030-03-31 in Europe/Berlin).
  const options = {
    consultants,
    days: 28,
    from: new Date("2030-03-18T05:00:00Z"),
    timeZone: "Europe/Berlin",
  };

  it("is deterministic, day by day, whatever the start", () => {
    const seeds = demoCalendarSeed(options);
    expect(demoCalendarSeed(options)).toEqual(seeds);
    const later = demoCalendarSeed({ ...options, from: new Date("2030-03-25T05:00:00Z"), days: 7 });
    expect(later).toEqual(seeds.filter((seed) => seed.day >= "2030-03-25" && seed.day <= "2030-03-31"));
  });

  it("lays out realistic T1-bereit blocks with DST-correct wall times", () => {
    const seeds = demoCalendarSeed(options);
    const ready = seeds.filter((seed) => /^T1[- ]bereit$/.test(seed.event.summary ?? ""));
    expect(ready.length).toBeGreaterThan(20);
    for (const seed of ready) {
      const offset = seed.day < "2030-03-31" ? "+01:00" : "+02:00";
      expect(seed.event.start.dateTime).toMatch(
        new RegExp(`^${seed.day}T(08:30|13:00|13:30):00\\${offset}$`),
      );
      const friday = new Date(`${seed.day}T12:00:00Z`).getUTCDay() === 5;
      expect(seed.event.end.dateTime).toMatch(friday ? /T(12:30|13:00|16:30):00/ : /T(12:30|13:00|22:30):00/);
    }
    const weekdays = new Set(seeds.map((seed) => new Date(`${seed.day}T12:00:00Z`).getUTCDay()));
    expect(weekdays.has(0) || weekdays.has(6)).toBe(false);
    // Some working days are missing, some are split, some hold customer appointments and non-blocking colours.
    expect(new Set(ready.map((seed) => `${seed.calendarId}/${seed.day}`)).size).toBeLessThan(2 * 20);
    expect(seeds.some((seed) => seed.event.summary?.startsWith("Kundentermin"))).toBe(true);
    const colours = new Set(seeds.flatMap((seed) => (seed.event.colorId ? [seed.event.colorId] : [])));
    expect(colours.size).toBeGreaterThan(1);
    for (const colour of colours) expect(["11", "6", "4", "8", "1"]).toContain(colour);
  });

  it("inserts once: a restart adds nothing, a later horizon adds only the new days", async () => {
    const seeds = demoCalendarSeed(options);
    expect(seedDemoCalendars(emulator, options)).toBe(seeds.length);
    expect(seedDemoCalendars(emulator, options)).toBe(0);

    const { items } = await listAll({
      calendarId: "anna.demo@test",
      timeMin: "2030-03-18T00:00:00+01:00",
      singleEvents: true,
      orderBy: "startTime",
      maxResults: 50,
    });
    expect(items.map((item) => item.id).sort()).toEqual(
      seeds
        .filter((seed) => seed.calendarId === "anna.demo@test")
        .map((seed) => seed.event.id)
        .sort(),
    );

    const extended = { ...options, from: new Date("2030-04-01T05:00:00Z") };
    const newDays = demoCalendarSeed(extended).filter((seed) => seed.day >= "2030-04-15");
    expect(seedDemoCalendars(emulator, extended)).toBe(newDays.length);
  });
});
