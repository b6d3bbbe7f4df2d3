import { randomBytes } from "node:crypto";
import { marshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBStreamEvent } from "aws-lambda";
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { Booking, SlotView } from "../../shared/contracts/booking.ts";
import { fullAcceptance } from "../support/acceptance.ts";
import { customer, upcomingSlots, waitFor } from "../support/booking.ts";
import { demoAdmin, signedIn, type TestClient } from "../support/http.ts";
import { runJobAndWait } from "../support/jobs.ts";

/**
 * A scripted month for five agents through the real API: bookings spread over
 * the next four weeks' slots, outcomes set by an admin (took place, overhang,
 * no-show, ghost, customer cancellation, a correction between outcomes),
 * reschedules and cancellations. The expected points, XP, levels, coins,
 * streaks and leaderboard order are computed here from the rules as the
 * product states them (not from the product's code). Then every event is
 * delivered a second time and the rebuild job runs: nothing may change.
 *
 * Other gamification parts (badges, quests, spins, Telefonie) add their steps
 * to `script` and their expectations to `expectedFor`.
 */

const timeZone = "Europe/Berlin";
const password = "gamification-month-2026";
const suffix = randomBytes(3).toString("hex");
const agents = [1, 2, 3, 4, 5].map((n) => `gm${suffix}-${n}`);

type Step =
  | { kind: "book"; ref: string }
  | { kind: "outcome"; ref: string; outcome: Exclude<Booking["outcome"], "pending"> }
  | { kind: "reschedule"; ref: string }
  | { kind: "cancel"; ref: string };

/** Per agent, in order. Refs name that agent's bookings. */
const script: Record<number, Step[]> = {
  0: [
    { kind: "book", ref: "a" },
    { kind: "book", ref: "b" },
    { kind: "book", ref: "c" },
    { kind: "book", ref: "d" },
    { kind: "book", ref: "e" },
    { kind: "outcome", ref: "a", outcome: "completed" },
    { kind: "outcome", ref: "b", outcome: "completed" },
    { kind: "outcome", ref: "c", outcome: "completed" },
    { kind: "outcome", ref: "d", outcome: "no_show" },
  ],
  1: [
    { kind: "book", ref: "a" },
    { kind: "book", ref: "b" },
    { kind: "book", ref: "c" },
    { kind: "cancel", ref: "b" },
    { kind: "reschedule", ref: "c" },
    { kind: "outcome", ref: "a", outcome: "completed" },
    { kind: "outcome", ref: "c", outcome: "overhang" },
  ],
  2: [
    { kind: "book", ref: "a" },
    { kind: "book", ref: "b" },
    { kind: "book", ref: "c" },
    { kind: "outcome", ref: "a", outcome: "ghost" },
    { kind: "outcome", ref: "b", outcome: "completed" },
    { kind: "outcome", ref: "c", outcome: "completed" },
    // A correction between outcomes: the confirmed points go again.
    { kind: "outcome", ref: "c", outcome: "no_show" },
  ],
  3: [
    { kind: "book", ref: "a" },
    { kind: "book", ref: "b" },
    { kind: "outcome", ref: "a", outcome: "cancelled" },
    { kind: "outcome", ref: "b", outcome: "completed" },
    // Corrected back and forth: ends as it took place.
    { kind: "outcome", ref: "b", outcome: "no_show" },
    { kind: "outcome", ref: "b", outcome: "completed" },
  ],
  4: [
    { kind: "book", ref: "a" },
    { kind: "reschedule", ref: "a" },
  ],
};

let admin: TestClient;
const clients: TestClient[] = [];
const bookings = new Map<string, Booking>();
let slotQueue: SlotView[] = [];

// In-process access to the stack's table (as the outcome tests do) for redelivery and exact totals.
let ledger: typeof import("../../shared/data/gamification/ledger-repository.ts");
let dispatch: typeof import("../../functions/events/dispatch.ts");
let subscribersModule: typeof import("../../functions/events/subscribers.ts");
let queryModule: typeof import("../../shared/data/query.ts");
let periods: typeof import("../../shared/domain/gamification/periods.ts");
let levels: typeof import("../../shared/domain/gamification/levels.ts");
let localDateModule: typeof import("../../shared/domain/booking/local-date.ts");
let tableName: string;

beforeAll(async () => {
  process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
  process.env.S3_ENDPOINT = inject("s3Endpoint");
  process.env.GOOGLE_CALENDAR_API_URL = inject("calendarUrl");
  ledger = await import("../../shared/data/gamification/ledger-repository.ts");
  dispatch = await import("../../functions/events/dispatch.ts");
  subscribersModule = await import("../../functions/events/subscribers.ts");
  queryModule = await import("../../shared/data/query.ts");
  periods = await import("../../shared/domain/gamification/periods.ts");
  levels = await import("../../shared/domain/gamification/levels.ts");
  localDateModule = await import("../../shared/domain/booking/local-date.ts");
  tableName = (await import("../../shared/config.ts")).config().TABLE_NAME;

  admin = await signedIn(demoAdmin);
  for (const username of agents) {
    const created = await admin.request("POST", "/api/admin/users", {
      body: { username, displayName: `Monat ${username}`, role: "agent", password },
    });
    expect(created.status).toBe(201);
    clients.push(await signedIn({ username, password }));
  }
  // One slot per booking, spread over the next four weeks, emptiest first.
  slotQueue = (await upcomingSlots(admin, 28)).filter((slot) => slot.free >= 2);
  // Spread over the month: take every few slots.
  slotQueue = slotQueue.filter((_, index) => index % 3 === 0);
}, 120_000);

function nextSlot(): SlotView {
  const slot = slotQueue.shift();
  if (!slot) throw new Error("ran out of free slots");
  return slot;
}

async function runStep(agentIndex: number, step: Step): Promise<void> {
  const client = clients[agentIndex] as TestClient;
  const key = `${agentIndex}:${step.ref}`;
  switch (step.kind) {
    case "book": {
      const slot = nextSlot();
      const response = await client.request<{ booking: Booking }>("POST", "/api/bookings", {
        body: { date: slot.date, time: slot.time, ...customer(`${suffix}-${key}`) },
        headers: { "idempotency-key": `gm-${suffix}-${key.replace(":", "_")}` },
      });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      bookings.set(key, response.body.booking);
      return;
    }
    case "reschedule": {
      const current = bookings.get(key) as Booking;
      const slot = nextSlot();
      const response = await client.request<{ booking: Booking }>("PATCH", `/api/bookings/${current.id}`, {
        body: { date: slot.date, time: slot.time },
      });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      bookings.set(key, response.body.booking);
      return;
    }
    case "cancel": {
      const current = bookings.get(key) as Booking;
      const response = await client.request<{ booking: Booking }>(
        "POST",
        `/api/bookings/${current.id}/cancel`,
      );
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      bookings.set(key, response.body.booking);
      return;
    }
    case "outcome": {
      const current = bookings.get(key) as Booking;
      const response = await admin.request<{ booking: Booking }>(
        "POST",
        `/api/bookings/${current.id}/outcome`,
        {
          body: { outcome: step.outcome },
        },
      );
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      bookings.set(key, response.body.booking);
      return;
    }
  }
}

interface Expected {
  provisional: number;
  confirmed: number;
  xp: number;
  level: number;
  coins: number;
  bookings: number;
  bestStreak: number;
}

/**
 * XP and coins of the other gamification parts (badges, quests, spins, login
 * rewards…) as their ledger entries applied them: those parts test their own
 * amounts; here they only add to the totals and the level.
 */
async function othersOf(username: string): Promise<{ xp: number; coins: number }> {
  const items = await queryModule.queryAll({
    TableName: tableName,
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
    ExpressionAttributeValues: { ":pk": `GAMI#${username}`, ":prefix": "LEDGER#" },
  });
  let xp = 0;
  let coins = 0;
  for (const item of items) {
    if (["booking", "outcome", "streak", "levelUp"].includes(String(item.kind))) continue;
    const effective = item.effective as { xp?: number; coins?: number };
    xp += effective.xp ?? 0;
    coins += effective.coins ?? 0;
  }
  return { xp, coins };
}

/** The rules, stated independently of the product's code. */
async function expectedFor(agentIndex: number): Promise<Expected> {
  const own = [...bookings.entries()].filter(([key]) => key.startsWith(`${agentIndex}:`)).map(([, b]) => b);
  let provisional = 0;
  let confirmed = 0;
  let xp = 0;
  let count = 0;
  for (const booking of own) {
    if (
      booking.status === "cancelled" ||
      booking.outcome === "cancelled" ||
      booking.outcome === "rescheduled"
    ) {
      continue;
    }
    count++;
    if (booking.outcome === "completed" || booking.outcome === "overhang") {
      confirmed += booking.points;
      xp += Math.round(booking.points * 10 * seasonXp(booking.createdAt));
    } else if (booking.outcome === "pending") provisional += booking.points;
  }
  // Everyone booked today, so the best streak is one day: 25 XP for it.
  xp += Math.round(25 * seasonXp(new Date().toISOString()));
  const others = await othersOf(agents[agentIndex] as string);
  xp += others.xp;
  const level = xp < 100 ? 1 : Math.floor(1 + Math.sqrt(xp / 100));
  let coins = others.coins;
  for (let reached = 2; reached <= level; reached++) coins += Math.round(25 * reached * seasonCoins());
  return { provisional, confirmed, xp, level, coins, bookings: count, bestStreak: 1 };
}

function seasonXp(at: string): number {
  const date = localDateModule.localDate(new Date(at), timeZone);
  const defaults = { seasons: defaultSeasons() };
  return periods.seasonMultipliers(date, defaults).xp;
}

function seasonCoins(): number {
  const date = localDateModule.localDate(new Date(), timeZone);
  return periods.seasonMultipliers(date, { seasons: defaultSeasons() }).coins;
}

/** The spec's seasons, written out here (the product reads its own from the settings). */
function defaultSeasons() {
  return [
    { id: "spring", start: "03-20", end: "04-30", xpMultiplier: 1.2, coinMultiplier: 1.1 },
    { id: "summer", start: "06-21", end: "08-31", xpMultiplier: 1.3, coinMultiplier: 1.2 },
    { id: "autumn", start: "09-22", end: "11-20", xpMultiplier: 1.15, coinMultiplier: 1.15 },
    { id: "winter", start: "12-01", end: "02-29", xpMultiplier: 1.25, coinMultiplier: 1.2 },
  ];
}

interface ProgressBody {
  points: { provisional: number; confirmed: number; total: number };
  xp: number;
  level: number;
  coins: number;
  streaks: { best: number; current: number };
  levelUps: { level: number }[];
  month: { bookings: number };
}

async function progressOf(agentIndex: number): Promise<ProgressBody> {
  const response = await (clients[agentIndex] as TestClient).request<ProgressBody>(
    "GET",
    `/api/gamification/progress/${agents[agentIndex]}`,
  );
  expect(response.status).toBe(200);
  return response.body;
}

function matches(progress: ProgressBody, expected: Expected): boolean {
  return (
    progress.points.provisional === expected.provisional &&
    progress.points.confirmed === expected.confirmed &&
    progress.xp === expected.xp &&
    progress.coins === expected.coins &&
    progress.streaks.best === expected.bestStreak
  );
}

/** Everything the ledger keeps for the agents, normalised (zero counters and timestamps dropped). */
async function stateOf(): Promise<unknown> {
  const state: Record<string, unknown> = {};
  for (const username of agents) {
    const account = await ledger.getAccount(username);
    const { streaks, ...rest } = account;
    const buckets: Record<string, unknown> = {};
    for (const period of ["day", "week", "month", "season", "all"] as const) {
      const totals = await ledger.getPeriodTotals(username, period);
      buckets[period] = {
        points: [totals.pointsProvisional, totals.pointsConfirmed],
        xp: totals.xp,
        coinsEarned: totals.coinsEarned,
        counters: Object.fromEntries(Object.entries(totals.counters).filter(([, value]) => value !== 0)),
      };
    }
    state[username] = {
      ...rest,
      counters: Object.fromEntries(Object.entries(rest.counters).filter(([, value]) => value !== 0)),
      streakBest: streaks.best,
      buckets,
    };
  }
  for (const category of ["points", "bookings", "xp"] as const) {
    const board = await admin.request<{ entries: { username: string; score: number; rank: number }[] }>(
      "GET",
      `/api/gamification/leaderboards?category=${category}&period=month`,
    );
    state[`board:${category}`] = board.body.entries
      .filter((entry) => agents.includes(entry.username))
      .map((entry) => [entry.username, entry.score]);
  }
  return state;
}

describe("a scripted month of gamification for five agents", () => {
  it("yields exactly the expected points, XP, levels, coins, streaks and leaderboard order", async () => {
    // Interleaved by round, as a team works: agent 1's first step, agent 2's first step, …
    const longest = Math.max(...Object.values(script).map((steps) => steps.length));
    for (let round = 0; round < longest; round++) {
      for (const [index, steps] of Object.entries(script)) {
        const step = steps[round];
        if (step) await runStep(Number(index), step);
      }
    }
    for (const [index] of agents.entries()) {
      let expected = await expectedFor(index);
      // Events arrive through the table's stream (other reactions share it): allow for a busy machine.
      const progress = await waitFor(
        `progress of ${agents[index]}`,
        async () => {
          expected = await expectedFor(index);
          const current = await progressOf(index);
          return matches(current, expected) ? current : undefined;
        },
        300_000,
      ).catch(async (error: unknown) => {
        throw new Error(
          `${String(error)}: got ${JSON.stringify(await progressOf(index))}, want ${JSON.stringify(expected)}`,
        );
      });
      expect(progress.points).toEqual({
        provisional: expected.provisional,
        confirmed: expected.confirmed,
        total: expected.provisional + expected.confirmed,
      });
      expect(progress.xp).toBe(expected.xp);
      expect(progress.level).toBe(expected.level);
      expect(progress.coins).toBe(expected.coins);
      expect(progress.streaks.best).toBe(1);
      expect(progress.month.bookings).toBe(expected.bookings);
      // A level-up is kept until shown, then shown once.
      expect(progress.levelUps.map((levelUp) => levelUp.level)).toEqual(
        Array.from({ length: expected.level - 1 }, (_, i) => i + 2),
      );
    }

    // Leaderboard: points this month, provisional included and marked; agents without points absent.
    const board = await admin.request<{
      entries: { username: string; score: number; provisional?: number; rank: number }[];
    }>("GET", "/api/gamification/leaderboards?category=points&period=month");
    expect(board.status).toBe(200);
    const mine = board.body.entries.filter((entry) => agents.includes(entry.username));
    const expectations = await Promise.all(agents.map((_, index) => expectedFor(index)));
    const expectedOrder = agents
      .map((username, index) => ({ username, expected: expectations[index] as Expected }))
      .filter(({ expected }) => expected.provisional + expected.confirmed > 0)
      .sort(
        (a, b) =>
          b.expected.provisional + b.expected.confirmed - (a.expected.provisional + a.expected.confirmed),
      );
    expect(mine.map((entry) => entry.score)).toEqual(
      expectedOrder.map(({ expected }) => expected.provisional + expected.confirmed),
    );
    expect(new Set(mine.map((entry) => entry.username))).toEqual(
      new Set(expectedOrder.map((e) => e.username)),
    );
    for (const entry of mine) {
      const index = agents.indexOf(entry.username);
      expect(entry.provisional).toBe(expectations[index]?.provisional);
    }
    // Ranks climb strictly down the list.
    for (let i = 1; i < board.body.entries.length; i++) {
      expect(board.body.entries[i]!.rank).toBe(board.body.entries[i - 1]!.rank + 1);
      expect(board.body.entries[i]!.score).toBeLessThanOrEqual(board.body.entries[i - 1]!.score);
    }
    // Show rate needs 10 resolved bookings: nobody here qualifies.
    const showRate = await admin.request<{ entries: { username: string }[] }>(
      "GET",
      "/api/gamification/leaderboards?category=showRate&period=month",
    );
    expect(showRate.body.entries.filter((entry) => agents.includes(entry.username))).toEqual([]);
  }, 900_000);

  it("lets agents read only their own progress; level-ups are shown once", async () => {
    const other = await (clients[0] as TestClient).request("GET", `/api/gamification/progress/${agents[1]}`);
    expect(other.status).toBe(403);
    const asAdmin = await admin.request("GET", `/api/gamification/progress/${agents[1]}`);
    expect(asAdmin.status).toBe(200);
    const expectations = await Promise.all(agents.map((_, index) => expectedFor(index)));
    const withLevelUps = expectations.findIndex((expected) => expected.level > 1);
    expect(withLevelUps).toBeGreaterThanOrEqual(0);
    const client = clients[withLevelUps] as TestClient;
    const seen = await client.request<{ seen: number }>(
      "POST",
      `/api/gamification/progress/${agents[withLevelUps]}/level-ups/seen`,
    );
    expect(seen.body.seen).toBe((expectations[withLevelUps] as Expected).level - 1);
    expect((await progressOf(withLevelUps)).levelUps).toEqual([]);
  });

  it.skipIf(!fullAcceptance)(
    "changes nothing when every event is delivered twice, nor when the rebuild job runs",
    async () => {
      // Settled: the stream has nothing left for these agents (two reads a few seconds apart agree).
      let before = await stateOf();
      for (let attempt = 0; attempt < 30; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 3_000));
        const again = await stateOf();
        if (JSON.stringify(again) === JSON.stringify(before)) break;
        before = again;
      }
      // Every outbox event of the script's bookings, delivered again (twice over) through the events dispatcher.
      const records: DynamoDBStreamEvent["Records"] = [];
      for (const booking of bookings.values()) {
        const items = await queryModule.queryAll({
          TableName: tableName,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": `OUTBOX#${booking.id}` },
        });
        for (const item of items) {
          records.push({
            eventName: "INSERT",
            dynamodb: {
              Keys: { pk: { S: String(item.pk) }, sk: { S: String(item.sk) } },
              NewImage: marshall(item) as never,
              SequenceNumber: String(records.length + 1),
            },
          });
        }
      }
      expect(records.length).toBeGreaterThanOrEqual(20);
      for (let delivery = 0; delivery < 2; delivery++) {
        const result = await dispatch.dispatchStreamEvent(
          { Records: records },
          subscribersModule.subscribers,
          (error) => {
            throw error;
          },
        );
        expect(result.batchItemFailures).toEqual([]);
      }
      expect(await stateOf()).toEqual(before);

      const run = await runJobAndWait(admin, "rebuild-gamification", "", 540_000);
      expect(run.status, run.error).toBe("succeeded");
      expect(await stateOf()).toEqual(before);
    },
    900_000,
  );

  it("computes levels as the rule says", () => {
    // Guard against the expectations above drifting from the stated rule.
    expect(levels.levelFor(8100, { levelXpBase: 100 })).toBe(10);
  });
});
