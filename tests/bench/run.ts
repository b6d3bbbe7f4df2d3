/**
 * `npm run bench`: boots a throw-away local stack and prints
 *  1. the availability job for 20 consultants × 56 days: Google calls, wall time, slot writes;
 *  2. the booking API at 20 concurrent clients (each booking assigned to one of the slot's
 *     20 consultants): p50/p95 latency and throughput, next to the raw DynamoDB calls a
 *     booking needs, issued directly in the same run (session read + slot read + the
 *     booking transaction), and a raw conditional put;
 *  3. the events handler's gamification work for booking and outcome events (events/s,
 *     one stream shard = one event after the other), and leaderboard reads for 100 agents
 *     (p50/p95: one Query of the bucket's precomputed items, never a scan).
 * Numbers only; nothing here passes or fails.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { calendar } from "@googleapis/calendar";
import { generateAvailability } from "../../functions/availability/generate.ts";
import { startLocalStack } from "../../local/stack.ts";
import { config } from "../../shared/config.ts";
import { saveSlotTemplate } from "../../shared/data/booking-settings.ts";
import { createBooking, newOutboxEvent, scanBookings } from "../../shared/data/bookings-repository.ts";
import { dynamoClient } from "../../shared/data/clients.ts";
import { readLeaderboard } from "../../shared/data/gamification/leaderboards-repository.ts";
import { applyBookingEvent } from "../../shared/data/gamification/ledger-bookings.ts";
import { applyLedgerEntry } from "../../shared/data/gamification/ledger-repository.ts";
import { keys } from "../../shared/data/keys.ts";
import { getSession } from "../../shared/data/sessions-repository.ts";
import { listSlots } from "../../shared/data/slots-repository.ts";
import { hashPassword } from "../../shared/domain/auth/password.ts";
import { defaultSlotTemplate, generateSlots } from "../../shared/domain/booking/slot-template.ts";
import { benchAnalytics } from "./analytics.ts";

const consultants = 20;
const concurrency = 20;
const bookingsPerRun = 1000;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function measureConcurrent(
  total: number,
  workers: number,
  operation: (index: number) => Promise<void>,
) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < total) {
        const index = next++;
        const t0 = performance.now();
        await operation(index);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), throughput: total / seconds };
}

const dataDir = mkdtempSync(join(tmpdir(), "slot-booking-bench-"));
const calendars = Array.from({ length: consultants }, (_, index) => ({
  name: `Bench Berater ${index + 1}`,
  calendarId: `bench-${index + 1}@bench.local`,
}));
process.env.CONSULTANTS = calendars.map((c) => `${c.name}:${c.calendarId}`).join(",");
process.env.BOOTSTRAP_USERS = "bench:bench-password-1:agent";
process.env.POWERTOOLS_LOG_LEVEL = "SILENT";

console.log(`slot-booking bench · Node ${process.version}`);

// One password hash (scrypt N=2^17, r=8, p=1), median of 5.
const hashTimes: number[] = [];
for (let run = 0; run < 5; run++) {
  const t0 = performance.now();
  await hashPassword("benchmark-password-1");
  hashTimes.push(performance.now() - t0);
}
hashTimes.sort((a, b) => a - b);
console.log(`password hash (scrypt N=2^17 r=8 p=1): median ${hashTimes[2]!.toFixed(0)} ms`);
const stack = await startLocalStack({ dataDir, port: 0, demoData: false });
try {
  // Every consultant offers the whole working day, with one blocking appointment a day.
  const client = calendar({ version: "v3", rootUrl: stack.calendarUrl });
  const today = new Date().toISOString().slice(0, 10);
  const slots = generateSlots(defaultSlotTemplate, today, 56);
  const days = [...new Set(slots.map((slot) => slot.date))];
  for (const [consultantIndex, consultant] of calendars.entries()) {
    for (const [index, day] of days.entries()) {
      const daySlots = slots.filter((slot) => slot.date === day);
      await client.events.insert({
        calendarId: consultant.calendarId,
        requestBody: {
          summary: "T1-bereit",
          start: { dateTime: daySlots[0]!.start },
          end: { dateTime: daySlots.at(-1)!.end },
        },
      });
      const blocked = daySlots[(index + consultantIndex) % daySlots.length]!;
      await client.events.insert({
        calendarId: consultant.calendarId,
        requestBody: {
          summary: "Kundentermin",
          start: { dateTime: blocked.start },
          end: { dateTime: blocked.end },
        },
      });
    }
  }

  const first = await generateAvailability();
  const second = await generateAvailability();
  console.log("\nAvailability job (20 consultants × 56 days)");
  console.table([
    {
      run: "first (all slots new)",
      googleCalls: first.googleCalls,
      slots: first.slots,
      slotWrites: first.changedSlots,
      wallMs: first.durationMs,
    },
    {
      run: "second (nothing changed)",
      googleCalls: second.googleCalls,
      slots: second.slots,
      slotWrites: second.changedSlots,
      wallMs: second.durationMs,
    },
  ]);

  // Lots of room so the benchmark measures bookings, not 409s.
  await saveSlotTemplate({ ...defaultSlotTemplate, placesPerConsultant: 100 });
  await generateAvailability();

  const login = await fetch(`${stack.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "bench", password: "bench-password-1" }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
  const targets = slots
    .filter((slot) => slot.start > new Date(Date.now() + 86_400_000).toISOString())
    .slice(0, 50);

  const api = await measureConcurrent(bookingsPerRun, concurrency, async (index) => {
    const slot = targets[index % targets.length]!;
    const response = await fetch(`${stack.url}/api/bookings`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
      body: JSON.stringify({
        date: slot.date,
        time: slot.time,
        firstName: "Bench",
        lastName: "Kunde",
        phone: "+49 171 1234567",
      }),
    });
    if (response.status !== 201)
      throw new Error(`booking answered ${response.status}: ${await response.text()}`);
  });

  // The same DynamoDB calls as one booking, without the handler: session Get, slot Query, transaction.
  const sessionId = (
    JSON.parse(Buffer.from(cookie.split("=")[1]!.split(".")[1]!, "base64url").toString()) as { sid: string }
  ).sid;
  const calls = await measureConcurrent(bookingsPerRun, concurrency, async (index) => {
    const target = targets[index % targets.length]!;
    if (!(await getSession(sessionId))) throw new Error("bench session missing");
    const slot = (await listSlots(target.date, target.date)).find(
      (candidate) => candidate.time === target.time,
    )!;
    const consultant = Object.keys(slot.places)[index % Object.keys(slot.places).length]!;
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
        points: 5,
        sync: { state: "pending", attempts: 0 },
        createdAt: at,
        updatedAt: at,
      },
      newOutboxEvent("bench.direct", { bookingId: id }, at),
      undefined,
      { actor: "bench", action: "booking.created", target: id, at },
    );
    if (result.kind !== "created") throw new Error(`direct booking: ${result.kind}`);
  });

  const raw = await measureConcurrent(bookingsPerRun, concurrency, async (index) => {
    await dynamoClient().send(
      new PutItemCommand({
        TableName: config().TABLE_NAME,
        Item: { pk: { S: `BENCH#${index}` }, sk: { S: "RAW" }, n: { N: String(index) } },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
  });

  console.log(
    `\nBooking API, ${bookingsPerRun} bookings at ${concurrency} concurrent clients (local gateway → handler → DynamoDB Local)`,
  );
  const row = (name: string, r: typeof api) => ({
    what: name,
    p50ms: r.p50.toFixed(1),
    p95ms: r.p95.toFixed(1),
    perSecond: r.throughput.toFixed(0),
  });
  console.table([
    row("POST /api/bookings (with assignment)", api),
    row("same DynamoDB calls, direct", calls),
    row("raw conditional PutItem", raw),
  ]);
  console.log(
    `handler overhead vs. its own DynamoDB calls: p50 ×${(api.p50 / calls.p50).toFixed(2)}, p95 ×${(api.p95 / calls.p95).toFixed(2)}, throughput ×${(calls.throughput / api.throughput).toFixed(2)} lower`,
  );
  console.log(
    `vs. one raw conditional put: p50 ×${(api.p50 / raw.p50).toFixed(1)}, throughput ×${(raw.throughput / api.throughput).toFixed(1)} lower`,
  );
  // --- gamification ---
  const gamificationEvents = 300;
  const sample = (await scanBookings())
    .filter((booking) => booking.status === "booked")
    .slice(0, gamificationEvents);
  const timeEvents = async (type: string) => {
    const started = performance.now();
    for (const booking of sample) {
      await applyBookingEvent({
        id: randomUUID(),
        type,
        occurredAt: new Date().toISOString(),
        payload: { bookingId: booking.id },
      });
    }
    return sample.length / ((performance.now() - started) / 1000);
  };
  const createdPerSecond = await timeEvents("booking.created");
  for (const booking of sample) {
    await dynamoClient().send(
      new UpdateCommand({
        TableName: config().TABLE_NAME,
        Key: keys.booking(booking.id),
        UpdateExpression: "SET outcome = :completed",
        ExpressionAttributeValues: { ":completed": "completed" },
      }),
    );
  }
  const outcomePerSecond = await timeEvents("booking.outcome_set");
  const redeliveredPerSecond = await timeEvents("booking.outcome_set");
  const boardAgents = 100;
  for (let index = 0; index < boardAgents; index++) {
    await applyLedgerEntry({
      username: `bench-agent-${index}`,
      eventKey: `bench:${index}`,
      occurredAt: new Date().toISOString(),
      kind: "booking",
      points: { provisional: (index * 7) % 40, confirmed: (index * 13) % 50 },
      counters: { bookings: 1 + (index % 9) },
    });
  }
  const reads: number[] = [];
  for (let index = 0; index < 200; index++) {
    const t0 = performance.now();
    const board = await readLeaderboard("points", "month");
    reads.push(performance.now() - t0);
    if (board.entries.length < boardAgents) throw new Error(`board has ${board.entries.length} entries`);
  }
  reads.sort((a, b) => a - b);
  console.log(`\nGamification (events handler work per event, sequential as one stream shard)`);
  console.table([
    {
      what: `booking.created → provisional points (${sample.length})`,
      perSecond: createdPerSecond.toFixed(0),
    },
    { what: `booking.outcome_set → confirmed (${sample.length})`, perSecond: outcomePerSecond.toFixed(0) },
    { what: "redelivered outcome events (no change)", perSecond: redeliveredPerSecond.toFixed(0) },
  ]);
  console.log(
    `leaderboard read (points × month, ${boardAgents}+ agents, 200 reads): p50 ${percentile(reads, 50).toFixed(1)} ms, p95 ${percentile(reads, 95).toFixed(1)} ms`,
  );
  await benchAnalytics();
} finally {
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
