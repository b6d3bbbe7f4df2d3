import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { DateTime } from "luxon";
import { config } from "../../config.ts";
import { addDays, isoWeekday, localDate, weekdays } from "../../domain/booking/local-date.ts";
import type { QuestDefinition } from "../../domain/gamification/catalogue/quests.ts";
import { loginEventKey, loginRewardCoins, nextLoginStreak } from "../../domain/gamification/login-reward.ts";
import {
  type DayBooking,
  type DayFacts,
  dailyMultiplier,
  drawQuests,
  type QuestProgress,
  questEventKey,
  questProgress,
  questReward,
} from "../../domain/gamification/quests.ts";
import { currentSlotTemplate } from "../booking-settings.ts";
import { listBookingsOfAgent } from "../bookings-repository.ts";
import { dynamoClient } from "../clients.ts";
import { keys } from "../keys.ts";
import { queryAll } from "../query.ts";
import { monthPointsRanksAtEndOf, readLeaderboard, readSnapshot } from "./leaderboards-repository.ts";
import { applyLedgerEntry } from "./ledger-repository.ts";
import { countSpinsBetween } from "./wheel-repository.ts";

const table = () => config().TABLE_NAME;

/**
 * The agent's rank in this month's points leaderboard now, and at the start
 * of the date (yesterday's final ranks, from the nightly snapshot). Without a
 * snapshot (the job has not run) the start is unknown; an agent missing from
 * the snapshot was unranked, which any rank improves on.
 *
 * A day that is over is measured by its own standings at its end, not by
 * today's board (an agent new today must not complete yesterday's quest).
 */
export async function monthRank(
  username: string,
  date: string,
  options: { dayOver?: boolean } = {},
): Promise<{ before?: number | undefined; now?: number | undefined }> {
  const timeZone = (await currentSlotTemplate()).timeZone;
  if (options.dayOver) {
    const [start, end] = await Promise.all([
      readSnapshot(date, "points", "month", date.slice(0, 7)),
      monthPointsRanksAtEndOf(date, localDate(new Date(), timeZone)),
    ]);
    const now = end.get(username);
    return { ...(start ? { before: start[username] } : {}), now };
  }
  const at = DateTime.fromISO(date, { zone: timeZone }).set({ hour: 12 }).toUTC().toISO() ?? undefined;
  const board = await readLeaderboard("points", "month", at);
  const entry = board.entries.find((candidate) => candidate.username === username);
  if (!entry) return {};
  // rankChange is 0 both for "same rank" and "not in the snapshot": only a real climb counts then.
  if (board.comparedWith === undefined) return { now: entry.rank };
  return { before: entry.rank + (entry.rankChange ?? 0), now: entry.rank };
}

/** The UTC instants a local date starts and ends at (end exclusive). */
export function localDayBounds(date: string, timeZone: string): { from: string; to: string } {
  const start = DateTime.fromISO(date, { zone: timeZone }).startOf("day");
  return { from: start.toUTC().toISO() ?? "", to: start.plus({ days: 1 }).toUTC().toISO() ?? "" };
}

function localTime(instant: string, timeZone: string): string {
  return DateTime.fromISO(instant, { zone: "utc" }).setZone(timeZone).toFormat("HH:mm");
}

export interface LoginDay {
  date: string;
  at: string;
  firstSignIn: string;
  streak: number;
  coins: number;
}

export async function getLoginDay(username: string, date: string): Promise<LoginDay | undefined> {
  const result = await dynamoClient().send(
    new GetCommand({ TableName: table(), Key: keys.loginDay(username, date), ConsistentRead: true }),
  );
  return result.Item as LoginDay | undefined;
}

/** The agent's login day before `date`, if any (the streak continues from it). */
async function lastLoginBefore(username: string, date: string): Promise<LoginDay | undefined> {
  const [item] = await queryAll(
    {
      TableName: table(),
      KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
      ExpressionAttributeValues: {
        ":pk": keys.questsPartition(username),
        ":from": keys.loginDaysPrefix(),
        ":to": keys.loginDay(username, addDays(date, -1)).sk,
      },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    },
    1,
  );
  return item as LoginDay | undefined;
}

/**
 * The daily login reward, once per local day: the ledger entry `login:<date>`
 * and the login day's record are one transaction, so a second visit (or two
 * tabs at once) changes nothing.
 */
export async function claimLoginReward(
  username: string,
  now: Date,
): Promise<{ granted: boolean; day: LoginDay }> {
  const { timeZone } = await currentSlotTemplate();
  const date = localDate(now, timeZone);
  const existing = await getLoginDay(username, date);
  if (existing) return { granted: false, day: existing };
  const streak = nextLoginStreak(date, await lastLoginBefore(username, date));
  const at = now.toISOString();
  const day: LoginDay = {
    date,
    at,
    firstSignIn: localTime(at, timeZone),
    streak,
    coins: loginRewardCoins(streak),
  };
  const { applied } = await applyLedgerEntry(
    {
      username,
      eventKey: loginEventKey(date),
      occurredAt: at,
      kind: "login",
      coins: day.coins,
      counters: { logins: 1 },
      detail: { streak },
    },
    [{ Put: { TableName: table(), Item: { ...keys.loginDay(username, date), type: "loginDay", ...day } } }],
  );
  if (!applied) return { granted: false, day: (await getLoginDay(username, date)) ?? day };
  return { granted: true, day };
}

/** The slot times of the date's weekday; on a day without slots, every time of the week. */
function slotTimesOf(template: Awaited<ReturnType<typeof currentSlotTemplate>>, date: string): string[] {
  const weekday = weekdays[isoWeekday(date) - 1] ?? "mon";
  const times = template.times[weekday];
  if (times.length > 0) return [...times].sort();
  return [...new Set(weekdays.flatMap((day) => template.times[day]))].sort();
}

/** Everything the day's quests are measured on, read from the day's own facts (exact by construction). */
export async function dayFacts(username: string, date: string, now: Date): Promise<DayFacts> {
  const template = await currentSlotTemplate();
  const { timeZone } = template;
  const bounds = localDayBounds(date, timeZone);
  // Bookings made on the date lie in slots from that day to the horizon; a day before covers zone offsets.
  const [bookings, login, spins, rank] = await Promise.all([
    listBookingsOfAgent(
      username,
      localDayBounds(addDays(date, -1), timeZone).from,
      localDayBounds(addDays(date, template.horizonDays + 2), timeZone).to,
    ),
    getLoginDay(username, date),
    countSpinsBetween(username, bounds.from, bounds.to),
    monthRank(username, date, { dayOver: now.toISOString() >= bounds.to }),
  ]);
  const onDate = (instant: string) => localDate(new Date(instant), timeZone) === date;
  const made: DayBooking[] = bookings
    .filter((booking) => booking.status === "booked" && onDate(booking.createdAt))
    .map((booking) => ({ date: booking.date, time: booking.time, consultant: booking.consultant }));
  return {
    date,
    dayOver: now.toISOString() >= bounds.to,
    bookings: made,
    cancellations: bookings.filter((booking) => booking.status === "cancelled" && onDate(booking.updatedAt))
      .length,
    slotTimes: slotTimesOf(template, date),
    firstSignIn: login?.firstSignIn,
    loginStreak: login?.streak ?? 0,
    spins,
    rank,
  };
}

async function claimedOn(username: string, date: string): Promise<Set<string>> {
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
    ExpressionAttributeValues: {
      ":pk": keys.questsPartition(username),
      ":prefix": keys.questClaimsOfDayPrefix(date),
    },
    ConsistentRead: true,
  });
  return new Set(items.map((item) => String(item.questId)));
}

export interface QuestState {
  quest: QuestDefinition;
  progress: QuestProgress;
  claimed: boolean;
  reward: ReturnType<typeof questReward>;
}

export interface QuestDay {
  date: string;
  multiplier: number;
  quests: QuestState[];
}

/** The agent's quests of a date with progress, claim state and the multiplied rewards. */
export async function questDay(username: string, date: string, now: Date): Promise<QuestDay> {
  const quests = drawQuests(date, username);
  const multiplier = dailyMultiplier(date);
  const [facts, claimed] = await Promise.all([dayFacts(username, date, now), claimedOn(username, date)]);
  const progress = questProgress(quests, facts);
  return {
    date,
    multiplier,
    quests: quests.map((quest, index) => ({
      quest,
      progress: progress[index] as QuestProgress,
      claimed: claimed.has(quest.id),
      reward: questReward(quest, multiplier),
    })),
  };
}

/**
 * The reward of a completed quest: one ledger entry keyed `quest:<date>:<id>`
 * (exactly once) with the claim record in the same transaction.
 */
export async function claimQuest(
  username: string,
  date: string,
  state: QuestState,
  now: Date,
): Promise<{ applied: boolean }> {
  const occurredAt = now.toISOString();
  return applyLedgerEntry(
    {
      username,
      eventKey: questEventKey(date, state.quest.id),
      occurredAt,
      kind: "quest",
      coins: state.reward.coins,
      xp: state.reward.xp,
      counters: { quests: 1 },
      ...(state.reward.bonusSpins > 0 ? { inventory: { bonusSpins: state.reward.bonusSpins } } : {}),
      detail: { questId: state.quest.id, date, multiplier: dailyMultiplier(date) },
    },
    [
      {
        Put: {
          TableName: table(),
          Item: {
            ...keys.questClaim(username, date, state.quest.id),
            type: "questClaim",
            questId: state.quest.id,
            date,
            claimedAt: occurredAt,
            coins: state.reward.coins,
            xp: state.reward.xp,
          },
        },
      },
    ],
  );
}
