import { BatchGetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { config } from "../../config.ts";
import { isBlockedDate } from "../../domain/booking/holidays.ts";
import { addDays, localDate } from "../../domain/booking/local-date.ts";
import { periodKeysOn } from "../../domain/gamification/periods.ts";
import { computeStreaks, type DayActivity, type StreakResult } from "../../domain/gamification/streaks.ts";
import { currentSlotTemplate } from "../booking-settings.ts";
import { dynamoClient } from "../clients.ts";
import { unlessConditionFails } from "../errors.ts";
import { type ItemKey, keys } from "../keys.ts";
import { applyLedger, getAccount, InsufficientCoinsError } from "./ledger-repository.ts";
import { gamificationSettings } from "./ledger-settings.ts";

const table = () => config().TABLE_NAME;
const num = (value: unknown): number => (typeof value === "number" ? value : 0);

/** The agent's day totals of the look-back window, by local date (strongly consistent reads). */
export async function dayActivity(username: string, dates: string[]): Promise<Map<string, DayActivity>> {
  const activity = new Map<string, DayActivity>();
  const chunks = Array.from({ length: Math.ceil(dates.length / 100) }, (_, index) => index * 100);
  await Promise.all(
    chunks.map(async (start) => {
      let request: Record<string, { Keys: ItemKey[]; ConsistentRead: boolean }> | undefined = {
        [table()]: {
          Keys: dates.slice(start, start + 100).map((date) => keys.periodTotals("day", date, username)),
          ConsistentRead: true,
        },
      };
      while (request && Object.keys(request).length > 0) {
        const result = await dynamoClient().send(new BatchGetCommand({ RequestItems: request }));
        for (const item of result.Responses?.[table()] ?? []) {
          activity.set(String(item.periodKey), {
            points: num(item.pointsProvisional) + num(item.pointsConfirmed),
            confirmed: num(item.pointsConfirmed),
            bookings: num(item.c_bookings),
          });
        }
        request = result.UnprocessedKeys as typeof request;
      }
    }),
  );
  return activity;
}

/**
 * Recomputes the agent's streaks, uses streak shields on missed work days
 * that now lie between two active ones, adds best-streak XP for each new
 * best (one entry per new best, so replays add nothing), and records the
 * streak reached in today's buckets for the streak leaderboard.
 */
export async function refreshStreaks(username: string, now = new Date()): Promise<StreakResult> {
  const [settings, template] = await Promise.all([gamificationSettings(), currentSlotTemplate()]);
  const today = localDate(now, template.timeZone);
  const dates = Array.from({ length: settings.streakLookbackDays }, (_, i) =>
    addDays(today, i - settings.streakLookbackDays + 1),
  );
  const [account, activity] = await Promise.all([getAccount(username), dayActivity(username, dates)]);
  const result = computeStreaks({
    today,
    lookbackDays: settings.streakLookbackDays,
    activity,
    isBlocked: (date) => isBlockedDate(template, date),
    shieldedDays: new Set(account.shieldedDays),
    shieldsAvailable: account.streakShields,
  });
  const at = now.toISOString();
  const shielded = [...account.shieldedDays];
  for (const date of result.newShieldDays) {
    shielded.push(date);
    try {
      await applyLedger(
        {
          username,
          eventKey: `shield:${username}:${date}`,
          occurredAt: at,
          kind: "streak",
          inventory: { streakShields: -1 },
          detail: { shieldedDay: date },
        },
        [],
        { accountSet: { shieldedDays: shielded.slice(-100) } },
      );
    } catch (error) {
      if (error instanceof InsufficientCoinsError) break;
      throw error;
    }
  }
  for (let best = account.streaks.best + 1; best <= result.longest; best++) {
    await applyLedger(
      {
        username,
        eventKey: `streakBest:${username}:${best}`,
        occurredAt: at,
        kind: "streak",
        xp: settings.streakXpPerDay,
        counters: { streakBest: 1 },
        detail: { best },
      },
      [],
      { accountSet: { bestStreak: best } },
    );
  }
  const streaksSaved = dynamoClient().send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.gamificationAccount(username),
      UpdateExpression: "SET streaks = :streaks, username = :username",
      ExpressionAttributeValues: {
        ":streaks": {
          work: result.work,
          booking: result.booking,
          points: result.points,
          current: result.current,
          computedAt: at,
        },
        ":username": username,
      },
    }),
  );
  // Different items: written side by side.
  await Promise.all([streaksSaved, recordStreakInBuckets(username, today, result.current, settings)]);
  return result;
}

/** The highest streak reached in each of today's buckets (only ever raised). */
async function recordStreakInBuckets(
  username: string,
  today: string,
  streak: number,
  settings: Awaited<ReturnType<typeof gamificationSettings>>,
): Promise<void> {
  if (streak <= 0) return;
  const periodKeys = periodKeysOn(today, settings);
  const periods = (["day", "week", "month", "season", "all"] as const).filter(
    (period) => periodKeys[period] !== undefined,
  );
  await Promise.all(
    periods.map(async (period) => {
      const periodKey = periodKeys[period]!;
      const listing = keys.periodTotalsOfUser(username, period, periodKey);
      await unlessConditionFails(
        dynamoClient().send(
          new UpdateCommand({
            TableName: table(),
            Key: keys.periodTotals(period, periodKey, username),
            UpdateExpression:
              "SET streak = :streak, at_streak = :at, username = :username, #period = :period, periodKey = :key, gsi1pk = :gpk, gsi1sk = :gsk, #type = :type",
            ConditionExpression: "attribute_not_exists(streak) OR streak < :streak",
            ExpressionAttributeNames: { "#period": "period", "#type": "type" },
            ExpressionAttributeValues: {
              ":streak": streak,
              ":at": new Date().toISOString(),
              ":username": username,
              ":period": period,
              ":key": periodKey,
              ":gpk": listing.gsi1pk,
              ":gsk": listing.gsi1sk,
              ":type": "gamificationTotals",
            },
          }),
        ),
      );
    }),
  );
}
