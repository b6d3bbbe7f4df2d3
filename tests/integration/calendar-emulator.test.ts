import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { calendar, type calendar_v3 } from "@googleapis/calendar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CalendarEmulator, startCalendarEmulator } from "../../local/calendar/emulator.ts";
import { seedDemoCalendars } from "../../local/demo/calendars.ts";
import {
  calendarClient,
  calendarRequestTimeoutMs,
  resetCalendarClient,
} from "../../shared/calendar/client.ts";
import { calendarErrorCause, calendarErrorStatus } from "../../shared/calendar/retry.ts";
import { resetConfig } from "../../shared/config.ts";

let emulator: CalendarEmulator;
let client: calendar_v3.Calendar;
const dataDir = mkdtempSync(join(tmpdir(), "calendar-emulator-"));
const dataFile = join(dataDir, "calendar.json");

beforeAll(async () => {
  emulator = await startCalendarEmulator({ dataFile });
  // The real client, unauthenticated, pointed at the emulator exactly as the app does.
  client = calendar({ version: "v3", rootUrl: emulator.url });
});

afterAll(async () => {
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const event = (id: string, start: string, end: string, summary = "Termin") => ({
  id,
  summary,
  start: { dateTime: start },
  end: { dateTime: end },
});

async function status(call: Promise<unknown>): Promise<number | undefined> {
  try {
    await call;
    return 200;
  } catch (error) {
    return calendarErrorStatus(error);
  }
}

describe("Google Calendar v3 emulator through @googleapis/calendar", () => {
  it("inserts with a client-chosen id and answers 409 on a duplicate, 400 on an invalid id", async () => {
    const inserted = await client.events.insert({
      calendarId: "a@test",
      requestBody: event("abc123def", "2030-01-07T08:00:00Z", "2030-01-07T10:00:00Z"),
    });
    expect(inserted.data).toMatchObject({ id: "abc123def", status: "confirmed", summary: "Termin" });
    expect(
      await status(
        client.events.insert({
          calendarId: "a@test",
          requestBody: event("abc123def", "2030-01-07T08:00:00Z", "2030-01-07T09:00:00Z"),
        }),
      ),
    ).toBe(409);
    expect(
      await status(
        client.events.insert({
          calendarId: "a@test",
          requestBody: event("UPPER_case", "2030-01-07T08:00:00Z", "2030-01-07T09:00:00Z"),
        }),
      ),
    ).toBe(400);
    const generated = await client.events.insert({
      calendarId: "a@test",
      requestBody: {
        summary: "ohne id",
        start: { dateTime: "2030-01-08T08:00:00Z" },
        end: { dateTime: "2030-01-08T09:00:00Z" },
      },
    });
    expect(generated.data.id).toMatch(/^[a-v0-9]{26}$/);
  });

  it("lists by overlapping time range, ordered, across pages", async () => {
    for (let day = 10; day < 17; day++) {
      await client.events.insert({
        calendarId: "list@test",
        requestBody: event(`d${day}aa`, `2030-01-${day}T08:00:00Z`, `2030-01-${day}T09:00:00Z`),
      });
    }
    const ids: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const page = await client.events.list({
        calendarId: "list@test",
        timeMin: "2030-01-11T08:30:00Z",
        timeMax: "2030-01-15T08:00:00Z",
        singleEvents: true,
        orderBy: "startTime",
        maxResults: 2,
        ...(pageToken ? { pageToken } : {}),
      });
      ids.push(...(page.data.items ?? []).map((item) => item.id!));
      pageToken = page.data.nextPageToken ?? undefined;
      pages++;
    } while (pageToken);
    // 01-11 overlaps timeMin; 01-15 starts exactly at timeMax and is excluded.
    expect(ids).toEqual(["d11aa", "d12aa", "d13aa", "d14aa"]);
    expect(pages).toBe(2);
  });

  it("gets, patches colours, deletes (204), then answers 410 and hides deleted events", async () => {
    await client.events.insert({
      calendarId: "b@test",
      requestBody: event("colour1", "2030-02-01T08:00:00Z", "2030-02-01T10:00:00Z"),
    });
    const patched = await client.events.patch({
      calendarId: "b@test",
      eventId: "colour1",
      requestBody: { colorId: "11" },
    });
    expect(patched.data).toMatchObject({ colorId: "11", summary: "Termin" });
    expect((await client.events.get({ calendarId: "b@test", eventId: "colour1" })).data.colorId).toBe("11");
    expect((await client.events.delete({ calendarId: "b@test", eventId: "colour1" })).status).toBe(204);
    expect(await status(client.events.delete({ calendarId: "b@test", eventId: "colour1" }))).toBe(410);
    expect(await status(client.events.get({ calendarId: "b@test", eventId: "missing1" }))).toBe(404);
    const listed = await client.events.list({ calendarId: "b@test", timeMin: "2030-02-01T00:00:00Z" });
    expect(listed.data.items).toEqual([]);
    const withDeleted = await client.events.list({
      calendarId: "b@test",
      timeMin: "2030-02-01T00:00:00Z",
      showDeleted: true,
    });
    expect(withDeleted.data.items?.[0]?.status).toBe("cancelled");
  });

  it("answers freeBusy, ignoring transparent and cancelled events", async () => {
    await client.events.insert({
      calendarId: "fb@test",
      requestBody: event("busi1", "2030-03-01T08:00:00Z", "2030-03-01T09:00:00Z"),
    });
    await client.events.insert({
      calendarId: "fb@test",
      requestBody: {
        ...event("free1", "2030-03-01T10:00:00Z", "2030-03-01T11:00:00Z"),
        transparency: "transparent",
      },
    });
    const result = await client.freebusy.query({
      requestBody: {
        timeMin: "2030-03-01T00:00:00Z",
        timeMax: "2030-03-02T00:00:00Z",
        items: [{ id: "fb@test" }],
      },
    });
    expect(result.data.calendars?.["fb@test"]?.busy).toEqual([
      { start: "2030-03-01T08:00:00.000Z", end: "2030-03-01T09:00:00.000Z" },
    ]);
  });

  it("injects faults: 429 and 500 for a number of calls, then answers normally", async () => {
    emulator.injectFaults({ status: 429, count: 2 });
    const list = () => client.events.list({ calendarId: "a@test" }, { retry: false });
    expect(await status(list())).toBe(429);
    expect(await status(list())).toBe(429);
    expect(await status(list())).toBe(200);
    const control = await fetch(new URL("_emulator/faults", emulator.url), {
      method: "POST",
      body: JSON.stringify({ status: 500, count: 1 }),
    });
    expect(control.status).toBe(204);
    expect(await status(list())).toBe(500);
    expect(await status(list())).toBe(200);
  });

  it("keeps its data across a restart", async () => {
    await client.events.insert({
      calendarId: "keep@test",
      requestBody: event("kept1", "2030-04-01T08:00:00Z", "2030-04-01T09:00:00Z"),
    });
    await emulator.close();
    emulator = await startCalendarEmulator({ dataFile });
    client = calendar({ version: "v3", rootUrl: emulator.url });
    expect((await client.events.get({ calendarId: "keep@test", eventId: "kept1" })).data.summary).toBe(
      "Termin",
    );
  });

  it("seeds demo calendars deterministically and only once", async () => {
    const consultants = [{ name: "Demo", calendarId: "demo@test" }];
    const options = {
      consultants,
      days: 14,
      from: new Date("2030-05-06T06:00:00Z"),
      timeZone: "Europe/Berlin",
    };
    const first = seedDemoCalendars(emulator, options);
    expect(first).toBeGreaterThan(5);
    expect(seedDemoCalendars(emulator, options)).toBe(0);
    const events = await client.events.list({
      calendarId: "demo@test",
      timeMin: "2030-05-01T00:00:00Z",
      maxResults: 2500,
    });
    const summaries = (events.data.items ?? []).map((item) => item.summary);
    expect(summaries.some((summary) => /T1[- ]bereit/.test(summary ?? ""))).toBe(true);
  });
});

describe("the app's calendar client", () => {
  const useEmulator = () => {
    process.env.GOOGLE_CALENDAR_API_URL = emulator.url;
    delete process.env.GOOGLE_CREDS_BASE64;
    resetConfig();
    resetCalendarClient();
  };

  it("is rebuilt when the credentials change (a secret set after the first request takes effect)", async () => {
    useEmulator();
    const first = await calendarClient();
    expect(await calendarClient()).toBe(first);
    const serviceAccount = {
      type: "service_account",
      client_email: "sync@project.iam.gserviceaccount.com",
      private_key: "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n",
    };
    process.env.GOOGLE_CREDS_BASE64 = Buffer.from(JSON.stringify(serviceAccount)).toString("base64");
    try {
      const withCredentials = await calendarClient();
      expect(withCredentials).not.toBe(first);
      expect(withCredentials.context._options.auth).toBeDefined();
      expect(await calendarClient()).toBe(withCredentials);
    } finally {
      delete process.env.GOOGLE_CREDS_BASE64;
    }
    expect((await calendarClient()).context._options.auth).toBeUndefined();
  });

  it("gives up on a hanging calendar after its timeout", async () => {
    useEmulator();
    emulator.injectFaults({ count: 0, latencyMs: calendarRequestTimeoutMs + 5_000 });
    const started = Date.now();
    try {
      const error = await (await calendarClient()).events.list({ calendarId: "slow@test" }).then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(error).toBeDefined();
      expect(Date.now() - started).toBeLessThan(calendarRequestTimeoutMs + 2_000);
      expect(calendarErrorCause(error).message).not.toContain("slow@test");
    } finally {
      emulator.clearFaults();
    }
  });

  it("describes a failure by status, reason and message, without the request's customer data", async () => {
    useEmulator();
    emulator.injectFaults({ status: 400, count: 1 });
    const error = await (await calendarClient()).events
      .insert({
        calendarId: "central@test",
        requestBody: event("privacy1", "2030-06-03T08:00:00Z", "2030-06-03T09:00:00Z", "Mustermann, Erika"),
      })
      .then(
        () => undefined,
        (failure: unknown) => failure,
      );
    // The raw error carries the body: logging it would leak the customer's name.
    expect(inspect(error, { depth: 4 })).toContain("Mustermann");
    const cause = calendarErrorCause(error);
    expect(cause).toMatchObject({ status: 400, message: expect.any(String) });
    expect(JSON.stringify(cause)).not.toMatch(/Mustermann|central@test/);
  });
});
