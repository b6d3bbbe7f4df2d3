import { BatchWriteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { mapWithLimit } from "../../concurrency.ts";
import { config } from "../../config.ts";
import { creditFor } from "../../domain/gamification/booking-credit.ts";
import { periodKeysAt } from "../../domain/gamification/periods.ts";
import { slotTimeZone } from "../booking-settings.ts";
import { scanBookings } from "../bookings-repository.ts";
import { dynamoClient } from "../clients.ts";
import { keys } from "../keys.ts";
import { queryAll } from "../query.ts";
import { indexes } from "../table.ts";
import { listUsers } from "../users-repository.ts";
import { creditItem, xpPerPointFor } from "./ledger-bookings.ts";
import type { EffectiveDeltas } from "./ledger-repository.ts";
import { awardLevelUps, getAccount, inventoryFields } from "./ledger-repository.ts";
import { gamificationSettings } from "./ledger-settings.ts";
import { refreshStreaks } from "./streaks-repository.ts";

/**
 * Rebuilds all gamification state from the event history: the bookings (each
 * credits what `creditFor` says for it as it stands, with its outcome history
 * already folded into its outcome) plus every ledger entry that is not a
 * booking's (quests, spins, purchases, goals, Telefonie, badges, level-ups,
 * prestige, streak XP), replayed with the deltas they applied. Accounts,
 * period totals and booking credits are rewritten; the ledger itself is kept.
 *
 * Run it when no events flow (the weekly schedule is at night): an event
 * applied while it runs may be overwritten until the next rebuild.
 */

const table = () => config().TABLE_NAME;
/** Agents rebuilt at once: each is a handful of sequential requests, so a few overlap well. */
const agentConcurrency = 8;
const bookingKinds = new Set(["booking", "outcome"]);

interface Bucket {
  username: string;
  period: string;
  periodKey: string;
  pointsProvisional: number;
  pointsConfirmed: number;
  xp: number;
  coinsEarned: number;
  counters: Record<string, number>;
  reachedAt: Record<string, string>;
}

interface AccountState {
  username: string;
  xpTotal: number;
  xpOffset: number;
  coins: number;
  coinsEarned: number;
  prestigeTier: number;
  prestigePoints: number;
  prestigeHistory: { at: string }[];
  bonusSpins: number;
  streakShields: number;
  badgeTokens: number;
  pointsProvisional: number;
  pointsConfirmed: number;
  counters: Record<string, number>;
  levelAwarded: Map<number, number>;
  bestStreak: number;
  shieldedDays: string[];
}

interface StoredEntry {
  kind: string;
  occurredAt: string;
  appliedAt: string;
  effective: EffectiveDeltas;
  detail?: Record<string, unknown>;
}

function emptyAccount(username: string): AccountState {
  return {
    username,
    xpTotal: 0,
    xpOffset: 0,
    coins: 0,
    coinsEarned: 0,
    prestigeTier: 0,
    prestigePoints: 0,
    prestigeHistory: [],
    bonusSpins: 0,
    streakShields: 0,
    badgeTokens: 0,
    pointsProvisional: 0,
    pointsConfirmed: 0,
    counters: {},
    levelAwarded: new Map(),
    bestStreak: 0,
    shieldedDays: [],
  };
}

/**
 * Counters may hold decimals (Telefonie points, to 0.1): DynamoDB adds them as
 * exact decimals, so a sum here is rounded back from binary floating point
 * (0.1 + 0.2 must give 0.3, as the live ADD does).
 */
const exactSum = (a: number, b: number) => Math.round((a + b) * 1e6) / 1e6;

function addCounters(target: Record<string, number>, source: Record<string, number>): void {
  for (const [name, delta] of Object.entries(source)) target[name] = exactSum(target[name] ?? 0, delta);
}

export interface RebuildSummary {
  agents: number;
  bookings: number;
  entriesReplayed: number;
  buckets: number;
  removedBuckets: number;
  levelUps: number;
}

async function ledgerEntries(username: string): Promise<StoredEntry[]> {
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
    ExpressionAttributeValues: {
      ":pk": keys.gamificationPartition(username),
      ":prefix": keys.ledgerEntriesPrefix(),
    },
  });
  return items.map((item) => item as unknown as StoredEntry);
}

async function existingBuckets(username: string): Promise<Record<string, unknown>[]> {
  return queryAll({
    TableName: table(),
    IndexName: indexes.gsi1,
    KeyConditionExpression: "gsi1pk = :pk",
    ExpressionAttributeValues: { ":pk": keys.periodTotalsOfUserPartition(username) },
  });
}

async function batchWrite(requests: Record<string, unknown>[]): Promise<void> {
  for (let start = 0; start < requests.length; start += 25) {
    let pending: Record<string, unknown>[] | undefined = requests.slice(start, start + 25);
    while (pending && pending.length > 0) {
      const result = await dynamoClient().send(
        new BatchWriteCommand({ RequestItems: { [table()]: pending as never } }),
      );
      pending = result.UnprocessedItems?.[table()] as Record<string, unknown>[] | undefined;
    }
  }
}

export async function rebuildGamification(
  options: { now?: Date; progress?: (done: number, total: number) => void } = {},
): Promise<RebuildSummary> {
  const now = options.now ?? new Date();
  const [settings, timeZone, bookings, users] = await Promise.all([
    gamificationSettings(),
    slotTimeZone(),
    scanBookings(),
    listUsers(),
  ]);
  const usernames = [
    ...new Set([...users.map((user) => user.username), ...bookings.map((b) => b.agent)]),
  ].sort();
  const accounts = new Map(usernames.map((username) => [username, emptyAccount(username)]));
  const buckets = new Map<string, Bucket>();

  const addToBuckets = (
    username: string,
    occurredAt: string,
    delta: {
      provisional: number;
      confirmed: number;
      xp: number;
      coinsEarned: number;
      counters: Record<string, number>;
    },
  ) => {
    const periodKeys = periodKeysAt(occurredAt, timeZone, settings);
    const changesPoints = delta.provisional !== 0 || delta.confirmed !== 0;
    const counters = Object.entries(delta.counters).filter(([, value]) => value !== 0);
    if (!changesPoints && delta.xp === 0 && delta.coinsEarned === 0 && counters.length === 0) return;
    for (const period of ["day", "week", "month", "season", "all"] as const) {
      const periodKey = periodKeys[period];
      if (periodKey === undefined) continue;
      const id = `${username}|${period}|${periodKey}`;
      let bucket = buckets.get(id);
      if (!bucket) {
        bucket = {
          username,
          period,
          periodKey,
          pointsProvisional: 0,
          pointsConfirmed: 0,
          xp: 0,
          coinsEarned: 0,
          counters: {},
          reachedAt: {},
        };
        buckets.set(id, bucket);
      }
      bucket.pointsProvisional += delta.provisional;
      bucket.pointsConfirmed += delta.confirmed;
      bucket.xp += delta.xp;
      bucket.coinsEarned += delta.coinsEarned;
      addCounters(bucket.counters, Object.fromEntries(counters));
    }
  };

  /**
   * When each score last changed, as the live path records it: every applied
   * entry stamps the names it changed with its `occurredAt`, in the order the
   * entries were applied (not the latest instant), so ties rank the same
   * after a rebuild. Bookings credited without an entry (seeded) stamp first.
   */
  const touches: { username: string; appliedAt: string; occurredAt: string; names: string[] }[] = [];
  const touch = (
    username: string,
    appliedAt: string,
    occurredAt: string,
    delta: { provisional: number; confirmed: number; xp: number; counters: Record<string, number> },
  ) => {
    const names = [
      ...(delta.provisional !== 0 || delta.confirmed !== 0 ? ["points"] : []),
      ...(delta.xp !== 0 ? ["xp"] : []),
      ...Object.entries(delta.counters)
        .filter(([, value]) => value !== 0)
        .map(([name]) => name),
    ];
    if (names.length > 0) touches.push({ username, appliedAt, occurredAt, names });
  };
  const creditedByEntries = new Set<string>();

  // Non-booking entries first: prestige history decides the XP of bookings.
  const entriesOf = new Map<string, StoredEntry[]>();
  // Per agent, independent of each other: read and written a few agents at a time.
  const ledgers = await mapWithLimit(usernames, agentConcurrency, ledgerEntries);
  for (const [index, username] of usernames.entries()) {
    const all = ledgers[index] ?? [];
    for (const entry of all) {
      const e = entry.effective;
      touch(username, entry.appliedAt, entry.occurredAt, {
        provisional: e.pointsProvisional,
        confirmed: e.pointsConfirmed,
        xp: e.xp,
        counters: e.counters ?? {},
      });
      const bookingId = entry.detail?.bookingId;
      if (bookingKinds.has(entry.kind) && typeof bookingId === "string") creditedByEntries.add(bookingId);
    }
    const entries = all
      .filter((entry) => !bookingKinds.has(entry.kind))
      .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.appliedAt.localeCompare(b.appliedAt));
    entriesOf.set(username, entries);
    const account = accounts.get(username) ?? emptyAccount(username);
    for (const entry of entries) {
      const effective = entry.effective;
      if (effective.prestige) account.prestigeHistory.push({ at: entry.occurredAt });
    }
  }

  let entriesReplayed = 0;
  for (const username of usernames) {
    const account = accounts.get(username) ?? emptyAccount(username);
    for (const entry of entriesOf.get(username) ?? []) {
      const e = entry.effective;
      account.pointsProvisional += e.pointsProvisional;
      account.pointsConfirmed += e.pointsConfirmed;
      account.xpTotal += e.xp;
      account.coins += e.coins;
      if (e.coins > 0) account.coinsEarned += e.coins;
      for (const field of inventoryFields) account[field] += e.inventory?.[field] ?? 0;
      addCounters(account.counters, e.counters ?? {});
      if (e.prestige) {
        account.prestigeTier += e.prestige.tierDelta;
        account.xpOffset += e.prestige.xpOffset;
        account.prestigePoints += e.prestige.prestigePoints;
      }
      const detail = entry.detail ?? {};
      if (entry.kind === "levelUp" && typeof detail.level === "number") {
        const tier = typeof detail.tier === "number" ? detail.tier : 0;
        account.levelAwarded.set(tier, Math.max(account.levelAwarded.get(tier) ?? 1, detail.level));
      }
      if (typeof detail.best === "number") account.bestStreak = Math.max(account.bestStreak, detail.best);
      if (typeof detail.shieldedDay === "string") account.shieldedDays.push(detail.shieldedDay);
      addToBuckets(username, entry.occurredAt, {
        provisional: e.pointsProvisional,
        confirmed: e.pointsConfirmed,
        xp: e.xp,
        coinsEarned: Math.max(0, e.coins),
        counters: e.counters ?? {},
      });
      entriesReplayed++;
    }
  }

  const credits: Record<string, unknown>[] = [];
  for (const booking of bookings) {
    const account = accounts.get(booking.agent) ?? emptyAccount(booking.agent);
    accounts.set(booking.agent, account);
    const credit = creditFor(booking, xpPerPointFor(booking, account.prestigeHistory, settings, timeZone));
    account.pointsProvisional += credit.provisional;
    account.pointsConfirmed += credit.confirmed;
    account.xpTotal += credit.xp;
    const counters = { bookings: credit.bookings, resolved: credit.resolved, shown: credit.shown };
    addCounters(account.counters, counters);
    addToBuckets(booking.agent, booking.createdAt, {
      provisional: credit.provisional,
      confirmed: credit.confirmed,
      xp: credit.xp,
      coinsEarned: 0,
      counters,
    });
    credits.push({ PutRequest: { Item: creditItem(booking, credit, 1) } });
    if (!creditedByEntries.has(booking.id))
      touch(booking.agent, "", booking.createdAt, { ...credit, counters });
  }
  touches.sort((a, b) => a.appliedAt.localeCompare(b.appliedAt) || a.occurredAt.localeCompare(b.occurredAt));
  for (const { username, occurredAt, names } of touches) {
    const periodKeys = periodKeysAt(occurredAt, timeZone, settings);
    for (const period of ["day", "week", "month", "season", "all"] as const) {
      const bucket = buckets.get(`${username}|${period}|${periodKeys[period]}`);
      if (!bucket) continue;
      for (const name of names) bucket.reachedAt[name] = occurredAt;
    }
  }

  let removedBuckets = 0;
  let done = 0;
  const at = now.toISOString();
  await mapWithLimit([...accounts.values()], agentConcurrency, async (account) => {
    const existing = await existingBuckets(account.username);
    const existingById = new Map(
      existing.map((item) => [`${item.username}|${item.period}|${item.periodKey}`, item]),
    );
    const writes: Record<string, unknown>[] = [];
    const mine = [...buckets.values()].filter((bucket) => bucket.username === account.username);
    const ids = new Set(mine.map((bucket) => `${bucket.username}|${bucket.period}|${bucket.periodKey}`));
    for (const bucket of mine) {
      const id = `${bucket.username}|${bucket.period}|${bucket.periodKey}`;
      const kept = existingById.get(id);
      writes.push({ PutRequest: { Item: bucketItem(bucket, kept) } });
    }
    for (const [id, item] of existingById) {
      if (ids.has(id)) continue;
      // A bucket with only a streak record keeps it (streaks are not part of the ledger).
      if (typeof item.streak === "number") {
        const [, period = "", periodKey = ""] = id.split("|");
        writes.push({
          PutRequest: {
            Item: bucketItem(
              {
                username: account.username,
                period,
                periodKey,
                pointsProvisional: 0,
                pointsConfirmed: 0,
                xp: 0,
                coinsEarned: 0,
                counters: {},
                reachedAt: {},
              },
              item,
            ),
          },
        });
        continue;
      }
      writes.push({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } });
      removedBuckets++;
    }
    await batchWrite(writes);
    const existingAccount = await getAccount(account.username);
    await dynamoClient().send(
      new PutCommand({
        TableName: table(),
        Item: {
          ...keys.gamificationAccount(account.username),
          type: "gamificationAccount",
          username: account.username,
          xpTotal: account.xpTotal,
          xpOffset: account.xpOffset,
          coins: account.coins,
          coinsEarned: account.coinsEarned,
          prestigeTier: account.prestigeTier,
          prestigePoints: account.prestigePoints,
          prestigeHistory: account.prestigeHistory,
          bonusSpins: account.bonusSpins,
          streakShields: account.streakShields,
          badgeTokens: account.badgeTokens,
          pointsProvisional: account.pointsProvisional,
          pointsConfirmed: account.pointsConfirmed,
          ...Object.fromEntries(
            Object.entries(account.counters).map(([name, value]) => [`c_${name}`, value]),
          ),
          levelAwarded: account.levelAwarded.get(account.prestigeTier) ?? 1,
          bestStreak: account.bestStreak,
          shieldedDays: account.shieldedDays,
          streaks: existingAccount.streaks,
          updatedAt: at,
          rebuiltAt: at,
        },
      }),
    );
    done++;
    options.progress?.(done, accounts.size);
  });
  await batchWrite(credits);

  // Level-ups and streaks the history implies but nobody awarded yet (e.g. imported or seeded bookings).
  let levelUps = 0;
  await mapWithLimit([...accounts.keys()], agentConcurrency, async (username) => {
    levelUps += (await awardLevelUps(username, at)).length;
    await refreshStreaks(username, now);
  });
  return {
    agents: accounts.size,
    bookings: bookings.length,
    entriesReplayed,
    buckets: buckets.size,
    removedBuckets,
    levelUps,
  };
}

function bucketItem(bucket: Bucket, kept: Record<string, unknown> | undefined): Record<string, unknown> {
  const listing = keys.periodTotalsOfUser(bucket.username, bucket.period, bucket.periodKey);
  return {
    ...keys.periodTotals(bucket.period, bucket.periodKey, bucket.username),
    ...listing,
    type: "gamificationTotals",
    username: bucket.username,
    period: bucket.period,
    periodKey: bucket.periodKey,
    pointsProvisional: bucket.pointsProvisional,
    pointsConfirmed: bucket.pointsConfirmed,
    xp: bucket.xp,
    coinsEarned: bucket.coinsEarned,
    ...Object.fromEntries(Object.entries(bucket.counters).map(([name, value]) => [`c_${name}`, value])),
    ...Object.fromEntries(Object.entries(bucket.reachedAt).map(([name, value]) => [`at_${name}`, value])),
    ...(typeof kept?.streak === "number" ? { streak: kept.streak, at_streak: kept.at_streak } : {}),
  };
}
