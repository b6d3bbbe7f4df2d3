import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type EmulatedEvent,
  type EmulatorState,
  instant,
  newEventId,
  validEventId,
} from "./emulator-state.ts";

/**
 * A Google Calendar v3 emulator speaking the REST shapes the real
 * `@googleapis/calendar` client uses, with fault injection for tests.
 * Control endpoints live under `/_emulator/`.
 */
export interface CalendarEmulator {
  /** Root URL to give the client as `rootUrl`. */
  url: string;
  port: number;
  injectFaults(spec: FaultSpec): void;
  clearFaults(): void;
  callCount(): number;
  resetCallCount(): void;
  seedEvent(
    calendarId: string,
    event: Partial<EmulatedEvent> & Pick<EmulatedEvent, "start" | "end">,
  ): EmulatedEvent;
  /** Live events of a calendar, optionally only those overlapping [from, to). */
  eventCount(calendarId: string, from?: Date, to?: Date): number;
  close(): Promise<void>;
}

export interface FaultSpec {
  status?: number;
  count: number;
  latencyMs?: number;
}

class GoogleError extends Error {
  readonly status: number;
  readonly reason: string;
  constructor(status: number, reason: string, message: string) {
    super(message);
    this.status = status;
    this.reason = reason;
  }
}

const reasonOf: Record<number, string> = {
  429: "rateLimitExceeded",
  500: "backendError",
  503: "backendError",
  403: "rateLimitExceeded",
};

function errorBody(status: number, reason: string, message: string) {
  return { error: { code: status, message, errors: [{ domain: "global", reason, message }] } };
}

function send(response: ServerResponse, status: number, body?: unknown) {
  if (body === undefined) {
    response.writeHead(status);
    response.end();
    return;
  }
  response.writeHead(status, { "content-type": "application/json; charset=UTF-8" });
  response.end(JSON.stringify(body));
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new GoogleError(400, "parseError", "Parse Error");
  }
}

function checkTime(value: unknown, field: string): EmulatedEvent["start"] {
  const time = value as EmulatedEvent["start"] | undefined;
  if (!time || (!time.dateTime && !time.date) || Number.isNaN(instant(time))) {
    throw new GoogleError(400, "required", `Missing or invalid ${field}.`);
  }
  return time;
}

export async function startCalendarEmulator(
  options: { port?: number; host?: string; dataFile?: string } = {},
): Promise<CalendarEmulator> {
  const state: EmulatorState =
    options.dataFile && existsSync(options.dataFile)
      ? (JSON.parse(readFileSync(options.dataFile, "utf8")) as EmulatorState)
      : { calendars: {} };
  let faults: FaultSpec = { count: 0 };
  let calls = 0;
  let saveTimer: NodeJS.Timeout | undefined;
  let version = Date.now();

  function persistNow() {
    if (!options.dataFile) return;
    const temporary = `${options.dataFile}.tmp`;
    writeFileSync(temporary, JSON.stringify(state));
    renameSync(temporary, options.dataFile);
  }
  function changed() {
    if (!options.dataFile || saveTimer) return;
    saveTimer = setTimeout(() => {
      saveTimer = undefined;
      persistNow();
    }, 50);
  }

  const calendar = (id: string) => {
    state.calendars[id] ??= {};
    return state.calendars[id];
  };

  function store(
    calendarId: string,
    input: Record<string, unknown>,
    existing?: EmulatedEvent,
  ): EmulatedEvent {
    const now = new Date().toISOString();
    const id = existing?.id ?? (typeof input.id === "string" ? input.id : newEventId());
    const event: EmulatedEvent = {
      kind: "calendar#event",
      id,
      status: (input.status as EmulatedEvent["status"]) ?? existing?.status ?? "confirmed",
      start: checkTime(input.start ?? existing?.start, "start"),
      end: checkTime(input.end ?? existing?.end, "end"),
      created: existing?.created ?? now,
      updated: now,
      etag: `"${++version}"`,
      htmlLink: `http://calendar.emulator/event?eid=${id}`,
      iCalUID: `${id}@emulator`,
    };
    for (const field of ["summary", "description", "colorId", "transparency"] as const) {
      const value = field in input ? input[field] : existing?.[field];
      if (typeof value === "string") (event as unknown as Record<string, string>)[field] = value;
    }
    calendar(calendarId)[id] = event;
    changed();
    return event;
  }

  function visible(event: EmulatedEvent | undefined, showDeleted = false): EmulatedEvent {
    if (!event) throw new GoogleError(404, "notFound", "Not Found");
    if (event.status === "cancelled" && !showDeleted)
      throw new GoogleError(410, "deleted", "Resource has been deleted");
    return event;
  }

  function listEvents(calendarId: string, query: URLSearchParams) {
    const timeMin = query.get("timeMin") ? Date.parse(query.get("timeMin")!) : Number.NEGATIVE_INFINITY;
    const timeMax = query.get("timeMax") ? Date.parse(query.get("timeMax")!) : Number.POSITIVE_INFINITY;
    const updatedMin = query.get("updatedMin") ? Date.parse(query.get("updatedMin")!) : undefined;
    const text = query.get("q")?.toLowerCase();
    const showDeleted = query.get("showDeleted") === "true";
    const maxResults = Math.min(2500, Math.max(1, Number(query.get("maxResults") ?? 250)));
    const offset = Number(query.get("pageToken") ?? 0) || 0;
    const matching = Object.values(calendar(calendarId))
      .filter((event) => showDeleted || event.status !== "cancelled")
      .filter((event) => instant(event.end) > timeMin && instant(event.start) < timeMax)
      .filter((event) => updatedMin === undefined || Date.parse(event.updated) >= updatedMin)
      .filter(
        (event) => !text || `${event.summary ?? ""} ${event.description ?? ""}`.toLowerCase().includes(text),
      )
      .sort((a, b) => instant(a.start) - instant(b.start) || a.id.localeCompare(b.id));
    const page = matching.slice(offset, offset + maxResults);
    return {
      kind: "calendar#events",
      summary: calendarId,
      timeZone: "UTC",
      updated: new Date().toISOString(),
      items: page,
      ...(offset + maxResults < matching.length ? { nextPageToken: String(offset + maxResults) } : {}),
    };
  }

  function freeBusy(body: Record<string, unknown>) {
    const timeMin = Date.parse(String(body.timeMin));
    const timeMax = Date.parse(String(body.timeMax));
    if (Number.isNaN(timeMin) || Number.isNaN(timeMax))
      throw new GoogleError(400, "required", "timeMin and timeMax are required");
    const items = (body.items as { id: string }[] | undefined) ?? [];
    const calendars = Object.fromEntries(
      items.map(({ id }) => [
        id,
        {
          busy: Object.values(calendar(id))
            .filter((event) => event.status !== "cancelled" && event.transparency !== "transparent")
            .filter((event) => instant(event.end) > timeMin && instant(event.start) < timeMax)
            .sort((a, b) => instant(a.start) - instant(b.start))
            .map((event) => ({
              start: new Date(Math.max(instant(event.start), timeMin)).toISOString(),
              end: new Date(Math.min(instant(event.end), timeMax)).toISOString(),
            })),
        },
      ]),
    );
    return { kind: "calendar#freeBusy", timeMin: body.timeMin, timeMax: body.timeMax, calendars };
  }

  async function calendarApi(request: IncomingMessage, url: URL): Promise<[number, unknown?]> {
    const method = request.method ?? "GET";
    const path = url.pathname.replace(/^\/calendar\/v3/, "");
    if (path === "/freeBusy" && method === "POST") return [200, freeBusy(await readJson(request))];
    const match = /^\/calendars\/([^/]+)\/events(?:\/([^/]+))?$/.exec(path);
    if (!match) throw new GoogleError(404, "notFound", "Not Found");
    const calendarId = decodeURIComponent(match[1]!);
    const eventId = match[2] ? decodeURIComponent(match[2]) : undefined;
    const events = calendar(calendarId);
    if (!eventId) {
      if (method === "GET") return [200, listEvents(calendarId, url.searchParams)];
      if (method === "POST") {
        const body = await readJson(request);
        if (body.id !== undefined) {
          if (typeof body.id !== "string" || !validEventId(body.id))
            throw new GoogleError(400, "invalid", "Invalid resource id value.");
          if (events[body.id])
            throw new GoogleError(409, "duplicate", "The requested identifier already exists.");
        }
        return [200, store(calendarId, body)];
      }
    } else {
      const existing = events[eventId];
      if (method === "GET") return [200, visible(existing, true)];
      if (method === "PATCH")
        return [200, store(calendarId, await readJson(request), visible(existing, true))];
      if (method === "PUT") {
        // A full update: optional fields not sent are cleared.
        const {
          summary: _s,
          description: _d,
          colorId: _c,
          transparency: _t,
          ...kept
        } = visible(existing, true);
        return [200, store(calendarId, { status: "confirmed", ...(await readJson(request)) }, kept)];
      }
      if (method === "DELETE") {
        const event = visible(existing);
        store(calendarId, { status: "cancelled" }, event);
        return [204];
      }
    }
    throw new GoogleError(405, "methodNotAllowed", "Method not allowed");
  }

  async function control(request: IncomingMessage, url: URL): Promise<[number, unknown?]> {
    const route = `${request.method} ${url.pathname.replace(/^\/_emulator/, "")}`;
    if (route === "POST /faults") {
      const body = await readJson(request);
      faults = {
        status: Number(body.status ?? 500),
        count: Number(body.count ?? 1),
        latencyMs: Number(body.latencyMs ?? 0),
      };
      return [204];
    }
    if (route === "DELETE /faults") {
      faults = { count: 0 };
      return [204];
    }
    if (route === "GET /stats") {
      const calendars = Object.fromEntries(
        Object.entries(state.calendars).map(([id, events]) => [id, Object.keys(events).length]),
      );
      return [200, { calls, faults, calendars }];
    }
    if (route === "POST /reset") {
      state.calendars = {};
      calls = 0;
      faults = { count: 0 };
      changed();
      return [204];
    }
    throw new GoogleError(404, "notFound", "Unknown control endpoint");
  }

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://emulator");
    try {
      if (url.pathname.startsWith("/_emulator/")) {
        const [status, body] = await control(request, url);
        send(response, status, body);
        return;
      }
      calls++;
      if (faults.latencyMs) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
      if (faults.count > 0) {
        faults.count--;
        const status = faults.status ?? 500;
        request.resume();
        send(response, status, errorBody(status, reasonOf[status] ?? "backendError", "Injected fault"));
        return;
      }
      const [status, body] = await calendarApi(request, url);
      send(response, status, body);
    } catch (error) {
      if (error instanceof GoogleError)
        send(response, error.status, errorBody(error.status, error.reason, error.message));
      else send(response, 500, errorBody(500, "backendError", "Backend Error"));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    injectFaults(spec) {
      faults = { status: 500, ...spec };
    },
    clearFaults() {
      faults = { count: 0 };
    },
    callCount: () => calls,
    resetCallCount() {
      calls = 0;
    },
    seedEvent(calendarId, event) {
      return store(calendarId, event as unknown as Record<string, unknown>);
    },
    eventCount: (calendarId, from, to) =>
      Object.values(calendar(calendarId)).filter(
        (event) =>
          event.status !== "cancelled" &&
          (!from || instant(event.end) > from.getTime()) &&
          (!to || instant(event.start) < to.getTime()),
      ).length,
    async close() {
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = undefined;
      persistNow();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
