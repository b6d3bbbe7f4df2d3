import { randomUUID } from "node:crypto";
import { marshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBStreamEvent } from "aws-lambda";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { lambdaContext } from "../../local/lambda-context.ts";
import type { BadgesView, MasteryView, PrestigeView } from "../../shared/contracts/badges.ts";
import type { Booking } from "../../shared/contracts/booking.ts";
import type { JobRun } from "../../shared/contracts/jobs.ts";
import { customer, upcomingSlots, waitFor } from "../support/booking.ts";
import { demoAdmin, signedIn, type TestClient } from "../support/http.ts";
import { runJobAndWait } from "../support/jobs.ts";

let admin: TestClient;
let ledger: typeof import("../../shared/data/gamification/ledger-repository.ts");
let badgesRepository: typeof import("../../shared/data/gamification/badges-repository.ts");
let achievements: typeof import("../../shared/gamification/achievements.ts");
let catalogue: typeof import("../../shared/domain/gamification/catalogue/badges.ts");

beforeAll(async () => {
  admin = await signedIn(demoAdmin);
  // Ledger entries and redelivered events run here, against the stack's DynamoDB Local.
  process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
  process.env.S3_ENDPOINT = inject("s3Endpoint");
  process.env.GOOGLE_CALENDAR_API_URL = inject("calendarUrl");
  ledger = await import("../../shared/data/gamification/ledger-repository.ts");
  badgesRepository = await import("../../shared/data/gamification/badges-repository.ts");
  achievements = await import("../../shared/gamification/achievements.ts");
  catalogue = await import("../../shared/domain/gamification/catalogue/badges.ts");
});

/** A fresh agent, so no other test's points or badges count. */
async function newAgent(): Promise<{ username: string; client: TestClient }> {
  const username = `b2-${randomUUID().slice(0, 8)}`;
  const password = "badges-test-2026";
  const created = await admin.request("POST", "/api/admin/users", {
    body: { username, displayName: `Badge ${username}`, role: "agent", password },
  });
  expect(created.status).toBe(201);
  return { username, client: await signedIn({ username, password }) };
}

const badgesOf = async (client: TestClient, username: string) => {
  const response = await client.request<BadgesView>("GET", `/api/gamification/badges/${username}`);
  expect(response.status).toBe(200);
  return response.body;
};
const badge = (view: BadgesView, id: string) => view.badges.find((entry) => entry.id === id)!;

/** Outside every season, so no season multiplier changes the XP a test expects. */
const offSeason = "2026-06-01T10:00:00.000Z";

describe("badges through the API and the events", () => {
  it("awards the first-booking badge once, even when the booking event is delivered twice", async () => {
    const { username, client } = await newAgent();
    const before = await badgesOf(client, username);
    expect(badge(before, "first-booking")).toMatchObject({ earned: false, timesEarned: 0 });
    expect(badge(before, "first-booking").progress).toMatchObject({ current: 0, target: 1 });

    const slot = (await upcomingSlots(client)).find((candidate) => candidate.free > 0)!;
    const booked = await client.request<{ booking: Booking }>("POST", "/api/bookings", {
      body: { date: slot.date, time: slot.time, ...customer(`badges-${username}`) },
    });
    expect(booked.status).toBe(201);
    const bookingId = booked.body.booking.id;

    // The stream delivers the event to the events handler: the badge appears.
    const earned = await waitFor("first-booking badge", async () => {
      const view = await badgesOf(client, username);
      return badge(view, "first-booking").earned ? view : undefined;
    });
    expect(badge(earned, "first-booking")).toMatchObject({ timesEarned: 1, xp: 50, coins: 10 });
    expect(badge(earned, "first-booking").earnedAt).toBeDefined();
    const accountBefore = await ledger.getAccount(username);
    const countersBefore = await badgesRepository.getBadgeCounters(username);
    expect(countersBefore.bookings).toBe(1);

    // The same outbox record again, twice, through the real events handler (a stream redelivery).
    const { queryAll } = await import("../../shared/data/query.ts");
    const { keys } = await import("../../shared/data/keys.ts");
    const { config } = await import("../../shared/config.ts");
    const [outbox] = (
      await queryAll({
        TableName: config().TABLE_NAME,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": keys.outbox(bookingId, "x", "y").pk },
      })
    ).filter((item) => item.eventType === "booking.created");
    expect(outbox).toBeDefined();
    const { handler } = await import("../../functions/events/handler.ts");
    const record = {
      eventName: "INSERT",
      dynamodb: {
        SequenceNumber: "1",
        Keys: marshall({ pk: outbox!.pk, sk: outbox!.sk }),
        NewImage: marshall(outbox!, { removeUndefinedValues: true }),
      },
    };
    const streamEvent = {
      Records: [record, { ...record, dynamodb: { ...record.dynamodb, SequenceNumber: "2" } }],
    };
    const result = await handler(streamEvent as unknown as DynamoDBStreamEvent, lambdaContext("events"));
    expect(result.batchItemFailures).toEqual([]);

    const after = await badgesOf(client, username);
    expect(badge(after, "first-booking").timesEarned).toBe(1);
    expect(after.earnedCount).toBe(earned.earnedCount);
    expect(await badgesRepository.countBadges(username)).toBe(earned.earnedCount);
    const accountAfter = await ledger.getAccount(username);
    expect(accountAfter.coins).toBe(accountBefore.coins);
    expect(accountAfter.counters.badges).toBe(accountBefore.counters.badges);
    expect((await badgesRepository.getBadgeCounters(username)).bookings).toBe(1);
  });

  it("lets agents read only their own badges, admins anyone's", async () => {
    const one = await newAgent();
    const other = await newAgent();
    const refused = await one.client.request("GET", `/api/gamification/badges/${other.username}`);
    expect(refused.status).toBe(403);
    const view = await badgesOf(admin, other.username);
    expect(view.total).toBeGreaterThanOrEqual(50);
    expect(new Set(view.badges.map((entry) => entry.rarity)).size).toBe(6);
    const english = await one.client.request<{ error: { message: string } }>(
      "GET",
      `/api/gamification/badges/${other.username}`,
      { headers: { "accept-language": "en" } },
    );
    expect(english.body.error.message).toBe("You can only see your own progress.");
  });

  it("doubles a badge's coins with a badge token and uses the token up", async () => {
    const { username } = await newAgent();
    await ledger.applyLedgerEntry({
      username,
      eventKey: `test:token:${username}`,
      occurredAt: offSeason,
      kind: "wheel",
      inventory: { badgeTokens: 1 },
    });
    const rare = catalogue.badgesById.get("day-60")!;
    expect(await achievements.awardBadge(username, rare, offSeason)).toBe(true);
    const account = await ledger.getAccount(username);
    expect(account.badgeTokens).toBe(0);
    expect(account.counters.badgeWeight).toBe(4);
    const [earned] = await badgesRepository.listEarnedBadges(username);
    expect(earned).toMatchObject({ badgeId: "day-60", xp: 250, coins: 100 }); // 2 × 10 × 250 / 50
    // Never twice, token or not.
    expect(await achievements.awardBadge(username, rare, offSeason)).toBe(false);
  });
});

describe("the achievements job", () => {
  it("awards MVP of last week once across two runs", async () => {
    const { username, client } = await newAgent();
    const lastWeek = new Date(Date.now() - 7 * 86_400_000).toISOString();
    await ledger.applyLedgerEntry({
      username,
      eventKey: `test:mvp:${username}`,
      occurredAt: lastWeek,
      kind: "booking",
      // Far above any other agent of this stack.
      points: { confirmed: 1_000_000 },
    });

    const first = await runJobAndWait(admin, "achievements");
    expect(first.status).toBe("succeeded");
    const mvpOf = (run: JobRun) =>
      (run.summary as { mvp: { week: { winner?: string; awarded: boolean; periodKey: string } } }).mvp.week;
    expect(mvpOf(first)).toMatchObject({ winner: username, awarded: true });

    const second = await runJobAndWait(admin, "achievements");
    expect(second.status).toBe("succeeded");
    expect(mvpOf(second)).toMatchObject({ winner: username, awarded: false });

    const view = await badgesOf(client, username);
    expect(badge(view, "mvp-week")).toMatchObject({ earned: true, timesEarned: 1 });
    const earned = await badgesRepository.listEarnedBadges(username);
    expect(earned.filter((entry) => entry.badgeId === "mvp-week")).toEqual([
      expect.objectContaining({ periodKey: mvpOf(first).periodKey }),
    ]);
    expect(await badgesRepository.getMvpWinner("week", mvpOf(first).periodKey)).toBe(username);
    // The run also awarded the period badges the points reached (all-time points).
    expect(badge(view, "total-2500").earned).toBe(true);
  });
});

describe("prestige", () => {
  it("refuses before the level, then resets effective XP and raises the XP multiplier", async () => {
    const { username, client } = await newAgent();
    const early = await client.request<{ error: { code: string; message: string } }>(
      "POST",
      "/api/gamification/prestige",
    );
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain("10");

    // 20,000 XP = level 15.
    await ledger.applyLedgerEntry({
      username,
      eventKey: `test:xp:${username}`,
      occurredAt: offSeason,
      kind: "goal",
      xp: 20_000,
    });
    // Level badges come from the level-up events; wait for them so nothing lands mid-test.
    await waitFor("level badges", async () =>
      badge(await badgesOf(client, username), "level-10").earned ? true : undefined,
    );
    const ready = await client.request<PrestigeView>("GET", `/api/gamification/prestige/${username}`);
    expect(ready.body).toMatchObject({ tier: 0, level: 15, eligible: true, xpMultiplier: 1 });

    const done = await client.request<PrestigeView>("POST", "/api/gamification/prestige");
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ tier: 1, xp: 0, level: 1, prestigePoints: 15, eligible: false });
    expect(done.body.xpMultiplier).toBeCloseTo(1.1);
    expect(done.body.next).toMatchObject({ tier: 2, level: 15 });

    // +10 % on every XP gain from now on.
    const gained = await ledger.applyLedger({
      username,
      eventKey: `test:xp-after:${username}`,
      occurredAt: offSeason,
      kind: "goal",
      xp: 100,
    });
    expect(gained.applied && gained.effective.xp).toBe(110);
    const account = await ledger.getAccount(username);
    expect(account.prestigeTier).toBe(1);
    expect(account.xpTotal).toBeGreaterThanOrEqual(20_000 + 110);

    const again = await client.request("POST", "/api/gamification/prestige");
    expect(again.status).toBe(409);
    expect(badge(await badgesOf(client, username), "prestige-1").earned).toBe(true);
  });
});

describe("mastery", () => {
  it("refuses a claim before the level is reached and grants it exactly once after", async () => {
    const { username, client } = await newAgent();
    const claim = () =>
      client.request<MasteryView>("POST", "/api/gamification/mastery/tracks/collector/claim");
    expect((await claim()).status).toBe(409);
    expect((await client.request("POST", "/api/gamification/mastery/tracks/nonsense/claim")).status).toBe(
      400,
    );

    // Sammler level 1: 5 badges.
    for (const id of ["day-10", "day-20", "month-10", "month-25", "total-50"]) {
      await achievements.awardBadge(username, catalogue.badgesById.get(id)!, offSeason);
    }
    const view = await client.request<MasteryView>("GET", `/api/gamification/mastery/${username}`);
    expect(view.body.tracks.find((track) => track.track === "collector")).toMatchObject({
      value: 5,
      reachedLevel: 1,
      claimedLevel: 0,
      claimable: 1,
    });

    const answers = await Promise.all([claim(), claim(), claim()]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409, 409]);
    const granted = answers.find((answer) => answer.status === 200)!.body as MasteryView & {
      claimed: { level: number; coins: number };
    };
    expect(granted.claimed).toMatchObject({ track: "collector", level: 1, xp: 150, coins: 30 });
    expect((await claim()).status).toBe(409);

    const account = await ledger.getAccount(username);
    expect(account.counters.masteryLevels).toBe(1);
    const after = await client.request<MasteryView>("GET", `/api/gamification/mastery/${username}`);
    expect(after.body.tracks.find((track) => track.track === "collector")).toMatchObject({
      claimedLevel: 1,
      nextThreshold: 12,
    });
  });
});
