import { randomUUID } from "node:crypto";
import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { generateAvailability } from "../../functions/availability/generate.ts";
import { config } from "../../shared/config.ts";
import { saveSlotTemplate, storedSlotTemplate } from "../../shared/data/booking-settings.ts";
import { createBooking, newOutboxEvent } from "../../shared/data/bookings-repository.ts";
import { dynamoClient } from "../../shared/data/clients.ts";
import { getSession } from "../../shared/data/sessions-repository.ts";
import { getSlot, listSlots, type StoredSlot, writeSlotOffer } from "../../shared/data/slots-repository.ts";
import { addDays, localDate } from "../../shared/domain/booking/local-date.ts";
import { bookingEvents } from "../../shared/events/booking-events.ts";
import {
  type ApiSession,
  type BenchContext,
  type BenchRow,
  concurrently,
  percentile,
  repeat,
} from "./table.ts";

type Latencies = { latencies: number[]; perSecond: number };

/**
 * The booking API (local gateway → booking handler → DynamoDB Local) at 1, 20
 * and 100 concurrent clients, next to the DynamoDB calls a booking needs
 * issued directly (session Get, slot Get, the booking transaction) at the
 * same concurrency; a 50-way race on one slot; the week's availability read
 * next to its one Query.
 */
export async function benchBooking(ctx: BenchContext): Promise<BenchRow[]> {
  // Lots of room, so the load phases measure bookings rather than full slots.
  await saveSlotTemplate({ ...(await storedSlotTemplate()), placesPerConsultant: 100 });
  await generateAvailability();
  const session = await ctx.signIn();
  const today = localDate(new Date(), config().TIMEZONE);
  const tomorrow = addDays(today, 1);
  const future = (await listSlots(tomorrow, addDays(today, 60))).filter((slot) => slot.capacity >= 100);
  // The last few slots are for the race, one fresh slot per run; the load phases spread over the others.
  if (future.length < ctx.runs + 10) throw new Error(`only ${future.length} bookable slots`);
  const raceSlots = future.slice(-ctx.runs);
  const targets = future.slice(0, Math.min(50, future.length - ctx.runs));

  const apiBooking = (slot: StoredSlot) => postBooking(ctx, session, slot, "Kunde");
  const directBooking = directBookingCalls(sessionIdOf(session));
  const bookAt =
    (operation: (slot: StoredSlot, index: number) => Promise<unknown>) => async (index: number) => {
      await operation(targets[index % targets.length]!, index);
    };
  const sizes = ctx.quick ? { 1: 10, 20: 60, 100: 150 } : ({ 1: 30, 20: 300, 100: 500 } as const);
  const levels = [1, 20, 100] as const;

  // DynamoDB calls one API booking makes: counted on the shared client while nothing else runs.
  const callsPerBooking = await countCalls(ctx, () => apiBooking(targets[0]!), 5);
  const directSession = sessionIdOf(session);
  const callsDirect = await countCalls(ctx, () => directBookingCalls(directSession)(targets[0]!, 0), 5);

  type Run = Record<(typeof levels)[number], { api: Latencies; direct: Latencies }> & { raw: Latencies };
  // Thousands of bookings a run: 3 runs.
  const runs: Run[] = await repeat(Math.min(ctx.runs, 3), async () => {
    const run: Partial<Run> = {};
    for (const clients of levels) {
      const total = sizes[clients];
      const api = await concurrently(total, clients, bookAt(apiBooking));
      await ctx.stack.drainStream();
      const direct = await concurrently(total, clients, bookAt(directBooking));
      await ctx.stack.drainStream();
      run[clients] = { api, direct };
    }
    run.raw = await concurrently(sizes[20], 20, async () => {
      await dynamoClient().send(
        new PutItemCommand({
          TableName: config().TABLE_NAME,
          Item: { pk: { S: `BENCH#${randomUUID()}` }, sk: { S: "RAW" } },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
    });
    return run as Run;
  });

  // 50 clients at once on one slot with 10 places (5 consultants × 2): exactly 10 may win.
  const race = await repeat(ctx.runs, async (run) => {
    const slot = raceSlots[run]!;
    const chosen = slot.consultants.slice(0, 5);
    const places = Object.fromEntries(chosen.map((id) => [id, 2]));
    await writeSlotOffer({
      date: slot.date,
      time: slot.time,
      start: slot.start,
      end: slot.end,
      consultants: chosen,
      places,
      capacity: chosen.length * 2,
      updatedAt: new Date().toISOString(),
    });
    const statuses = await Promise.all(
      Array.from({ length: 50 }, () => postBooking(ctx, session, slot, "Rennen", true)),
    );
    const accepted = statuses.filter((status) => status === 201).length;
    const stored = await getSlot(slot.date, slot.time);
    if (accepted !== chosen.length * 2 || stored?.booked !== accepted) {
      throw new Error(
        `race on ${slot.date} ${slot.time}: ${accepted} accepted, ${stored?.booked} stored, capacity ${chosen.length * 2} (answers ${statuses.join(",")})`,
      );
    }
    return { accepted, capacity: chosen.length * 2 };
  });

  // The week a booking page shows: next Monday to Sunday.
  const weekday = new Date(`${tomorrow}T12:00:00Z`).getUTCDay();
  const monday = addDays(tomorrow, (8 - weekday) % 7);
  const sunday = addDays(monday, 6);
  const reads = ctx.quick ? 30 : 150;
  const week = await repeat(ctx.runs, async () => {
    const api = await concurrently(reads, 1, async () => {
      const response = await fetch(`${ctx.stack.url}/api/availability?from=${monday}&to=${sunday}`, {
        headers: { cookie: session.cookie },
      });
      if (!response.ok) throw new Error(`availability answered ${response.status}`);
      await response.arrayBuffer();
    });
    const query = await concurrently(reads, 1, async () => void (await listSlots(monday, sunday)));
    return { api, query };
  });

  const directName = "session Get + slot Get + transaction, direct";
  const rows: BenchRow[] = [
    {
      figure: "DynamoDB calls per API booking",
      unit: "calls",
      samples: callsPerBooking,
      baseline: { name: "the direct path (session, slot, transaction)", samples: callsDirect },
      note: "counted on the shared client",
    },
  ];
  for (const clients of levels) {
    const label = `booking API, ${clients} client${clients > 1 ? "s" : ""}`;
    const p = (pick: (run: Run) => Latencies, q: number) =>
      runs.map((run) => percentile(pick(run).latencies, q));
    rows.push({
      figure: `${label}, p50`,
      unit: "ms",
      samples: p((run) => run[clients].api, 50),
      baseline: { name: directName, samples: p((run) => run[clients].direct, 50) },
    });
    if (clients === 1) continue;
    rows.push(
      {
        figure: `${label}, p95`,
        unit: "ms",
        samples: p((run) => run[clients].api, 95),
        baseline: { name: directName, samples: p((run) => run[clients].direct, 95) },
      },
      {
        figure: `${label}, throughput`,
        unit: "bookings/s",
        samples: runs.map((run) => run[clients].api.perSecond),
        baseline: { name: directName, samples: runs.map((run) => run[clients].direct.perSecond) },
      },
    );
  }
  rows.push(
    {
      figure: "direct booking calls, 20 clients, p50",
      unit: "ms",
      samples: runs.map((run) => percentile(run[20].direct.latencies, 50)),
      baseline: {
        name: "one raw conditional PutItem",
        samples: runs.map((run) => percentile(run.raw.latencies, 50)),
      },
    },
    {
      figure: "50-way race on one slot: bookings accepted",
      unit: "bookings",
      samples: race.map((run) => run.accepted),
      baseline: { name: "the slot's capacity", samples: race.map((run) => run.capacity) },
    },
    {
      figure: `week availability read (GET /api/availability, ${reads} reads), p50`,
      unit: "ms",
      samples: week.map((run) => percentile(run.api.latencies, 50)),
      baseline: {
        name: "its one Query, direct",
        samples: week.map((run) => percentile(run.query.latencies, 50)),
      },
    },
    {
      figure: `week availability read (GET /api/availability, ${reads} reads), p95`,
      unit: "ms",
      samples: week.map((run) => percentile(run.api.latencies, 95)),
      baseline: {
        name: "its one Query, direct",
        samples: week.map((run) => percentile(run.query.latencies, 95)),
      },
    },
  );
  ctx.log(`booking: bookings per run ${levels.map((c) => `${sizes[c]} at ${c}`).join(", ")}`);
  return rows;
}

/** One POST /api/bookings; with `status`, any answer (the race counts them), else 201 or an error. */
async function postBooking(
  ctx: BenchContext,
  session: ApiSession,
  slot: StoredSlot,
  lastName: string,
  status = false,
): Promise<number> {
  const response = await fetch(`${ctx.stack.url}/api/bookings`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      cookie: session.cookie,
      "x-csrf-token": session.csrfToken,
    },
    body: JSON.stringify({
      date: slot.date,
      time: slot.time,
      firstName: "Bench",
      lastName,
      phone: "+49 171 1234567",
    }),
  });
  const text = await response.text();
  if (status) {
    if (response.status !== 201 && response.status !== 409) {
      throw new Error(`booking answered ${response.status}: ${text}`);
    }
    return response.status;
  }
  if (response.status !== 201) throw new Error(`booking answered ${response.status}: ${text}`);
  return response.status;
}

/** The session id inside the signed session cookie (`name=<payload>.<signature>`, payload base64url JSON). */
function sessionIdOf(session: ApiSession): string {
  for (const pair of session.cookie.split("; ")) {
    const value = pair.slice(pair.indexOf("=") + 1);
    for (const part of value.split(".")) {
      try {
        const decoded = JSON.parse(Buffer.from(part, "base64url").toString()) as { sid?: unknown };
        if (typeof decoded.sid === "string") return decoded.sid;
      } catch {
        // not this part
      }
    }
  }
  throw new Error(`no session id in ${session.cookie}`);
}

/** The DynamoDB calls of one booking without the handler: session Get, slot Get (strong), the transaction. */
function directBookingCalls(sessionId: string) {
  return async (target: StoredSlot, index: number) => {
    if (!(await getSession(sessionId))) throw new Error("bench session missing");
    const slot = await getSlot(target.date, target.time);
    if (!slot) throw new Error(`slot ${target.date} ${target.time} missing`);
    const offering = Object.keys(slot.places).filter((id) => (slot.places[id] ?? 0) > 0);
    const consultant = offering[index % offering.length]!;
    const id = randomUUID().replaceAll("-", "");
    const at = new Date().toISOString();
    const result = await createBooking(
      {
        id,
        eventId: `sb${id}`,
        date: slot.date,
        time: slot.time,
        start: slot.start,
        end: slot.end,
        firstName: "Bench",
        lastName: "Direkt",
        phone: "+491711234567",
        agent: "bench",
        consultant,
        status: "booked",
        outcome: "pending",
        potentialClass: "standard",
        points: 5,
        sync: { state: "pending", attempts: 0 },
        createdAt: at,
        updatedAt: at,
      },
      // The API's event: the events handler then has the same work behind both paths.
      newOutboxEvent(bookingEvents.created, { bookingId: id }, at),
      undefined,
      { actor: "bench", action: "booking.created", target: id, at },
    );
    if (result.kind !== "created") throw new Error(`direct booking: ${result.kind}`);
  };
}

/**
 * How many DynamoDB calls `operation` sends on the shared client (the one the
 * in-process handlers use), each time after the events handler went idle: the
 * fewest of several tries, since the stream poller may slip in a call.
 */
async function countCalls(
  ctx: BenchContext,
  operation: () => Promise<unknown>,
  tries: number,
): Promise<number[]> {
  let calls = 0;
  let counting = false;
  const name = "benchCallCounter";
  dynamoClient().middlewareStack.add(
    (next) => async (args) => {
      if (counting) calls++;
      return next(args);
    },
    { step: "initialize", name },
  );
  try {
    const counts: number[] = [];
    for (let attempt = 0; attempt < tries; attempt++) {
      await ctx.stack.drainStream();
      calls = 0;
      counting = true;
      await operation();
      counting = false;
      counts.push(calls);
    }
    return counts;
  } finally {
    dynamoClient().middlewareStack.remove(name);
  }
}
