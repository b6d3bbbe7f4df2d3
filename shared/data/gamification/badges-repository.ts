import { GetCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import { config } from "../../config.ts";
import { dynamoClient } from "../clients.ts";
import { keys } from "../keys.ts";
import { queryAll } from "../query.ts";
import { type TransactItem, transactWrite } from "../transactions.ts";

/**
 * An agent's achievements partition: earned badges and mastery claims (each
 * written in the same transaction as its ledger entry, so they exist exactly
 * when the award does), plus the counts badge and mastery conditions need that
 * the ledger's totals do not keep (evening, morning, Friday, short-notice and
 * noted bookings, consultants served, Telefonie weeks at goal).
 */
const table = () => config().TABLE_NAME;

export interface EarnedBadge {
  badgeId: string;
  /** MVP badges: the period they were won for (`2026-W48`, `2026-11`, `2026`). */
  periodKey?: string;
  earnedAt: string;
  rarity: string;
  xp: number;
  coins: number;
}

const earnedBadgeSchema = z.object({
  badgeId: z.string(),
  periodKey: z.string().optional(),
  earnedAt: z.string(),
  rarity: z.string(),
  xp: z.number(),
  coins: z.number(),
});

/** The earned-badge item for an award's ledger transaction. */
export function earnedBadgeItem(username: string, badge: EarnedBadge): TransactItem {
  return {
    Put: {
      TableName: table(),
      Item: {
        ...keys.earnedBadge(username, badge.badgeId, badge.periodKey),
        type: "earnedBadge",
        username,
        ...badge,
      },
    },
  };
}

/** Every badge the agent holds, oldest first. */
export async function listEarnedBadges(username: string): Promise<EarnedBadge[]> {
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
    ExpressionAttributeValues: {
      ":pk": keys.achievementsPartition(username),
      ":prefix": keys.earnedBadgesPrefix(),
    },
  });
  return items
    .map((item) => earnedBadgeSchema.parse(item))
    .sort((a, b) => a.earnedAt.localeCompare(b.earnedAt));
}

/** Badges held, counting each MVP period won (as the badge leaderboard does). */
export async function countBadges(username: string): Promise<number> {
  return (await listEarnedBadges(username)).length;
}

export interface MasteryClaim {
  track: string;
  level: number;
  claimedAt: string;
}

export function masteryClaimItem(username: string, claim: MasteryClaim): TransactItem {
  return {
    Put: {
      TableName: table(),
      Item: {
        ...keys.masteryClaim(username, claim.track, claim.level),
        type: "masteryClaim",
        username,
        ...claim,
      },
    },
  };
}

export async function listMasteryClaims(username: string): Promise<MasteryClaim[]> {
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
    ExpressionAttributeValues: {
      ":pk": keys.achievementsPartition(username),
      ":prefix": keys.masteryClaimsPrefix(),
    },
  });
  return items.map((item) => ({
    track: String(item.track),
    level: Number(item.level),
    claimedAt: String(item.claimedAt),
  }));
}

/** What one booking counts toward (decided when it was made). */
export const bookingFlagNames = [
  /** Every booking: bookings made, cancellations taken back. */
  "bookings",
  "eveningBookings",
  "morningBookings",
  "fridayBookings",
  "fastBookings",
  "notedBookings",
] as const;
export type BookingFlag = (typeof bookingFlagNames)[number];

export interface BadgeCounters extends Record<BookingFlag, number> {
  telefonieWeeksAtGoal: number;
  consultantsServed: number;
}

const num = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : 0);

export async function getBadgeCounters(username: string): Promise<BadgeCounters> {
  const result = await dynamoClient().send(
    new GetCommand({ TableName: table(), Key: keys.badgeCounters(username), ConsistentRead: true }),
  );
  const item = result.Item ?? {};
  const consultants = item.consultants instanceof Set ? item.consultants.size : 0;
  return {
    bookings: num(item.bookings),
    eveningBookings: num(item.eveningBookings),
    morningBookings: num(item.morningBookings),
    fridayBookings: num(item.fridayBookings),
    fastBookings: num(item.fastBookings),
    notedBookings: num(item.notedBookings),
    telefonieWeeksAtGoal: num(item.telefonieWeeksAtGoal),
    consultantsServed: consultants,
  };
}

function countersUpdate(
  username: string,
  deltas: Partial<Record<BookingFlag | "telefonieWeeksAtGoal", number>>,
  consultant?: string,
): TransactItem {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  for (const [name, delta] of Object.entries(deltas)) {
    if (!delta) continue;
    names[`#${name}`] = name;
    values[`:${name}`] = delta;
    parts.push(`#${name} :${name}`);
  }
  if (consultant) {
    names["#consultants"] = "consultants";
    values[":consultant"] = new Set([consultant]);
    parts.push("#consultants :consultant");
  }
  names["#type"] = "type";
  values[":type"] = "badgeCounters";
  return {
    Update: {
      TableName: table(),
      Key: keys.badgeCounters(username),
      UpdateExpression: `SET #type = :type${parts.length > 0 ? ` ADD ${parts.join(", ")}` : ""}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * Counts a booking once: the booking's marker (condition: not there yet) and
 * the counters in one transaction. False when it was counted before (a
 * redelivered event).
 */
export async function countBooking(
  username: string,
  bookingId: string,
  flags: Record<BookingFlag, boolean>,
  consultant: string | undefined,
  at: string,
): Promise<boolean> {
  const deltas = Object.fromEntries(bookingFlagNames.map((name) => [name, flags[name] ? 1 : 0]));
  const result = await transactWrite([
    {
      Put: {
        TableName: table(),
        Item: {
          ...keys.countedBooking(username, bookingId),
          type: "countedBooking",
          ...deltas,
          countedAt: at,
        },
        ConditionExpression: "attribute_not_exists(pk)",
      },
    },
    countersUpdate(username, deltas, consultant),
  ]);
  return result.ok;
}

/**
 * Takes a cancelled booking's counts back, once: the marker is flagged in the
 * same transaction. Consultants served stay (another booking may serve them).
 */
export async function uncountBooking(username: string, bookingId: string, at: string): Promise<boolean> {
  const marker = await dynamoClient().send(
    new GetCommand({
      TableName: table(),
      Key: keys.countedBooking(username, bookingId),
      ConsistentRead: true,
    }),
  );
  if (!marker.Item || marker.Item.cancelledAt) return false;
  const deltas = Object.fromEntries(bookingFlagNames.map((name) => [name, -num(marker.Item?.[name])]));
  const result = await transactWrite([
    {
      Update: {
        TableName: table(),
        Key: keys.countedBooking(username, bookingId),
        UpdateExpression: "SET cancelledAt = :at",
        ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(cancelledAt)",
        ExpressionAttributeValues: { ":at": at },
      },
    },
    countersUpdate(username, deltas),
  ]);
  return result.ok;
}

/** Counts a Telefonie week at goal once. */
export async function countTelefonieWeekAtGoal(
  username: string,
  isoWeek: string,
  at: string,
): Promise<boolean> {
  const result = await transactWrite([
    {
      Put: {
        TableName: table(),
        Item: { ...keys.telefonieWeekAtGoal(username, isoWeek), type: "telefonieWeekAtGoal", countedAt: at },
        ConditionExpression: "attribute_not_exists(pk)",
      },
    },
    countersUpdate(username, { telefonieWeeksAtGoal: 1 }),
  ]);
  return result.ok;
}

/** The period's one MVP: goes into the award's transaction, so a second winner's award is refused. */
export function mvpAwardItem(period: string, periodKey: string, username: string, at: string): TransactItem {
  return {
    Put: {
      TableName: table(),
      Item: { ...keys.mvpAward(period, periodKey), type: "mvpAward", username, awardedAt: at },
      ConditionExpression: "attribute_not_exists(pk)",
    },
  };
}

export async function getMvpWinner(period: string, periodKey: string): Promise<string | undefined> {
  const result = await dynamoClient().send(
    new GetCommand({ TableName: table(), Key: keys.mvpAward(period, periodKey), ConsistentRead: true }),
  );
  return typeof result.Item?.username === "string" ? result.Item.username : undefined;
}
