import { BatchGetCommand, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import { config } from "../../config.ts";
import { addDays, localDate } from "../../domain/booking/local-date.ts";
import {
  type BoardTotals,
  type LeaderboardCategory,
  leaderboardCategories,
  type RankedEntry,
  rankBoard,
} from "../../domain/gamification/leaderboards.ts";
import { levelFor } from "../../domain/gamification/levels.ts";
import {
  type Period,
  periodKeysOn,
  periods,
  previousMonth,
  previousSeason,
} from "../../domain/gamification/periods.ts";
import type { GamificationSettings } from "../../domain/gamification/settings.ts";
import { levelTitle } from "../../domain/gamification/titles.ts";
import { slotTimeZone } from "../booking-settings.ts";
import { dynamoClient } from "../clients.ts";
import { type ItemKey, keys } from "../keys.ts";
import { queryAll } from "../query.ts";
import { readSetting, writeSetting } from "../settings-repository.ts";
import { gamificationSettings } from "./ledger-settings.ts";

const table = () => config().TABLE_NAME;
const num = (value: unknown): number => (typeof value === "number" ? value : 0);

export const exclusionsSettingName = "leaderboard-exclusions";
export const exclusionsSchema = z.object({ usernames: z.array(z.string().max(40)).max(500) });

export async function leaderboardExclusions(): Promise<string[]> {
  return (await readSetting(exclusionsSettingName, exclusionsSchema, { usernames: [] })).usernames;
}

export async function saveLeaderboardExclusions(usernames: string[]): Promise<void> {
  await writeSetting(exclusionsSettingName, { usernames: [...new Set(usernames)].sort() });
}

export interface LeaderboardEntry extends RankedEntry {
  displayName: string;
  level: number;
  /** German title (the site shows its own language through the level). */
  title: string;
  prestigeTier: number;
  /** Positive = climbed since yesterday's snapshot; absent without one. */
  rankChange?: number;
}

export interface Leaderboard {
  category: LeaderboardCategory;
  period: Period;
  /** Empty when no season runs and none has ended yet. */
  periodKey: string;
  entries: LeaderboardEntry[];
  podium: LeaderboardEntry[];
  /** Points leader of last month. */
  champion?: { username: string; displayName: string; score: number; month: string };
  /** The date of the snapshot rank changes compare with. */
  comparedWith?: string;
}

function totalsOf(item: Record<string, unknown>): BoardTotals {
  const counters: Record<string, number> = {};
  const reachedAt: Record<string, string> = {};
  for (const [name, value] of Object.entries(item)) {
    if (name.startsWith("c_")) counters[name.slice(2)] = num(value);
    else if (name.startsWith("at_") && typeof value === "string") reachedAt[name.slice(3)] = value;
  }
  return {
    username: String(item.username ?? item.sk),
    pointsProvisional: num(item.pointsProvisional),
    pointsConfirmed: num(item.pointsConfirmed),
    xp: num(item.xp),
    streak: num(item.streak),
    counters,
    reachedAt,
  };
}

/** Every agent's totals in one bucket: one Query of the bucket's partition. */
export async function bucketTotals(period: Period, periodKey: string): Promise<BoardTotals[]> {
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": keys.periodTotalsPartition(period, periodKey) },
  });
  return items.map(totalsOf);
}

async function batchGet(itemKeys: ItemKey[]): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for (let start = 0; start < itemKeys.length; start += 100) {
    let request: Record<string, { Keys: ItemKey[] }> | undefined = {
      [table()]: { Keys: itemKeys.slice(start, start + 100) },
    };
    while (request && Object.keys(request).length > 0) {
      const result = await dynamoClient().send(new BatchGetCommand({ RequestItems: request }));
      found.push(...(result.Responses?.[table()] ?? []));
      request = result.UnprocessedKeys as typeof request;
    }
  }
  return found;
}

interface Person {
  displayName: string;
  level: number;
  prestigeTier: number;
}

/** Names and levels of the listed agents (BatchGet of their user and account items). */
async function people(usernames: string[], settings: GamificationSettings): Promise<Map<string, Person>> {
  const unique = [...new Set(usernames)];
  const items = await batchGet(
    unique.flatMap((username) => [keys.user(username), keys.gamificationAccount(username)]),
  );
  const byPk = new Map(items.map((item) => [`${item.pk}|${item.sk}`, item]));
  const result = new Map<string, Person>();
  for (const username of unique) {
    const userKey = keys.user(username);
    const accountKey = keys.gamificationAccount(username);
    const user = byPk.get(`${userKey.pk}|${userKey.sk}`);
    const account = byPk.get(`${accountKey.pk}|${accountKey.sk}`);
    const xp = num(account?.xpTotal) - num(account?.xpOffset);
    result.set(username, {
      displayName: typeof user?.displayName === "string" && user.displayName ? user.displayName : username,
      level: levelFor(xp, settings),
      prestigeTier: num(account?.prestigeTier),
    });
  }
  return result;
}

/**
 * The bucket a period means at a local date: the season running, else the
 * season that ended last (its final standings stay readable).
 */
export function periodKeyOn(period: Period, date: string, settings: GamificationSettings): string {
  if (period === "season") {
    return periodKeysOn(date, settings).season ?? previousSeason(date, settings)?.key ?? "";
  }
  return periodKeysOn(date, settings)[period];
}

/**
 * The month's points ranks as they stood at the end of `date`, a finished
 * day: the month bucket less the day buckets after it (points lie in the
 * buckets of the day each booking was made). For the rank quest of a day
 * claimed the day after.
 */
export async function monthPointsRanksAtEndOf(date: string, today: string): Promise<Map<string, number>> {
  const [settings, excluded] = await Promise.all([gamificationSettings(), leaderboardExclusions()]);
  const month = date.slice(0, 7);
  const later: string[] = [];
  for (let day = addDays(date, 1); day <= today && day.slice(0, 7) === month; day = addDays(day, 1)) {
    later.push(day);
  }
  const [rows, ...laterRows] = await Promise.all([
    bucketTotals("month", month),
    ...later.map((day) => bucketTotals("day", day)),
  ]);
  const after = new Map<string, { provisional: number; confirmed: number }>();
  for (const row of laterRows.flat()) {
    const sum = after.get(row.username) ?? { provisional: 0, confirmed: 0 };
    sum.provisional += row.pointsProvisional;
    sum.confirmed += row.pointsConfirmed;
    after.set(row.username, sum);
  }
  const atEnd = rows.map((row) => ({
    ...row,
    pointsProvisional: row.pointsProvisional - (after.get(row.username)?.provisional ?? 0),
    pointsConfirmed: row.pointsConfirmed - (after.get(row.username)?.confirmed ?? 0),
  }));
  const ranked = rankBoard("points", atEnd, {
    showRateMinResolved: settings.showRateMinResolved,
    excluded: new Set(excluded),
  });
  return new Map(ranked.map((entry) => [entry.username, entry.rank]));
}

type SnapshotRanks = Record<string, number>;

/** The ranks of one board as the nightly job took them at the start of `date` (the day before's final ranks). */
export async function readSnapshot(
  date: string,
  category: LeaderboardCategory,
  period: Period,
  periodKey: string,
): Promise<SnapshotRanks | undefined> {
  const result = await dynamoClient().send(
    new GetCommand({ TableName: table(), Key: keys.leaderboardSnapshot(date, category, period, periodKey) }),
  );
  return result.Item ? (result.Item.ranks as SnapshotRanks) : undefined;
}

/** Rank a board and dress its entries; the champion and rank changes are optional extras. */
export async function readLeaderboard(
  category: LeaderboardCategory,
  period: Period = "month",
  at?: string,
): Promise<Leaderboard> {
  const [settings, timeZone, excluded] = await Promise.all([
    gamificationSettings(),
    slotTimeZone(),
    leaderboardExclusions(),
  ]);
  const today = localDate(at ? new Date(at) : new Date(), timeZone);
  const periodKey = periodKeyOn(period, today, settings);
  const exclusions = new Set(excluded);
  const lastMonth = previousMonth(today.slice(0, 7));
  const [rows, lastMonthRows, snapshot] = await Promise.all([
    periodKey ? bucketTotals(period, periodKey) : Promise.resolve([]),
    bucketTotals("month", lastMonth),
    // The snapshot taken at the start of today holds yesterday's final ranks.
    periodKey ? readSnapshot(today, category, period, periodKey) : Promise.resolve(undefined),
  ]);
  const ranked = rankBoard(category, rows, {
    showRateMinResolved: settings.showRateMinResolved,
    excluded: exclusions,
  });
  const championRow = rankBoard("points", lastMonthRows, {
    showRateMinResolved: settings.showRateMinResolved,
    excluded: exclusions,
  })[0];
  const names = await people(
    [...ranked.map((entry) => entry.username), ...(championRow ? [championRow.username] : [])],
    settings,
  );
  const entries: LeaderboardEntry[] = ranked.map((entry) => {
    const person = names.get(entry.username) ?? { displayName: entry.username, level: 1, prestigeTier: 0 };
    const before = snapshot?.[entry.username];
    return {
      ...entry,
      displayName: person.displayName,
      level: person.level,
      title: levelTitle(person.level, "de"),
      prestigeTier: person.prestigeTier,
      ...(snapshot ? { rankChange: before === undefined ? 0 : before - entry.rank } : {}),
    };
  });
  return {
    category,
    period,
    periodKey,
    entries,
    podium: entries.slice(0, 3),
    ...(championRow
      ? {
          champion: {
            username: championRow.username,
            displayName: names.get(championRow.username)?.displayName ?? championRow.username,
            score: championRow.score,
            month: lastMonth,
          },
        }
      : {}),
    ...(snapshot ? { comparedWith: today } : {}),
  };
}

/**
 * The nightly snapshot: every board's ranks under today's date (the job runs
 * just after local midnight, so they are yesterday's final ranks); and the
 * final standings of a season that has ended, written once.
 */
export async function snapshotLeaderboards(
  now = new Date(),
): Promise<{ boards: number; seasonsClosed: number }> {
  const [settings, timeZone, excluded] = await Promise.all([
    gamificationSettings(),
    slotTimeZone(),
    leaderboardExclusions(),
  ]);
  const today = localDate(now, timeZone);
  // The ranks as they stood at the end of yesterday: yesterday's buckets.
  const yesterday = addDays(today, -1);
  const rules = { showRateMinResolved: settings.showRateMinResolved, excluded: new Set(excluded) };
  let boards = 0;
  for (const period of periods) {
    const periodKey = periodKeyOn(period, yesterday, settings);
    if (!periodKey) continue;
    const rows = await bucketTotals(period, periodKey);
    // Stored under today's keys so today's board compares with them (a new day/week/month starts without).
    const todayKey = periodKeyOn(period, today, settings);
    if (todayKey !== periodKey) continue;
    for (const category of leaderboardCategories) {
      const ranks = Object.fromEntries(
        rankBoard(category, rows, rules).map((entry) => [entry.username, entry.rank]),
      );
      await dynamoClient().send(
        new PutCommand({
          TableName: table(),
          Item: {
            ...keys.leaderboardSnapshot(today, category, period, periodKey),
            type: "leaderboardSnapshot",
            ranks,
            takenAt: now.toISOString(),
            // Snapshots are only compared with the next day's boards.
            expiresAt: Math.floor(now.getTime() / 1000) + 14 * 24 * 60 * 60,
          },
        }),
      );
      boards++;
    }
  }
  let seasonsClosed = 0;
  const ended = previousSeason(today, settings);
  if (ended && !periodKeysOn(today, settings).season) {
    const existing = await dynamoClient().send(
      new GetCommand({ TableName: table(), Key: keys.seasonStandings(ended.key) }),
    );
    if (!existing.Item) {
      const rows = await bucketTotals("season", ended.key);
      const standings = Object.fromEntries(
        leaderboardCategories.map((category) => [category, rankBoard(category, rows, rules).slice(0, 50)]),
      );
      await dynamoClient().send(
        new PutCommand({
          TableName: table(),
          Item: {
            ...keys.seasonStandings(ended.key),
            type: "seasonStandings",
            season: ended.key,
            from: ended.from,
            to: ended.to,
            standings,
            winners: Object.fromEntries(
              leaderboardCategories.map((category) => [category, standings[category]?.[0]?.username ?? null]),
            ),
            closedAt: now.toISOString(),
          },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
      seasonsClosed++;
    }
  }
  return { boards, seasonsClosed };
}

/** A season's kept final standings, if it has ended and been closed. */
export async function seasonFinalStandings(seasonKey: string): Promise<Record<string, unknown> | undefined> {
  const result = await dynamoClient().send(
    new GetCommand({ TableName: table(), Key: keys.seasonStandings(seasonKey) }),
  );
  return result.Item;
}
