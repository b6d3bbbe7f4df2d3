import { randomUUID } from "node:crypto";
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { DateTime } from "luxon";
import { config } from "../../config.ts";
import { datesBetween } from "../../domain/booking/local-date.ts";
import {
  type GoalTemplateId,
  goalDeadline,
  goalEventKey,
  goalReward,
  goalTemplates,
} from "../../domain/gamification/goals.ts";
import { slotTimeZone } from "../booking-settings.ts";
import { dynamoClient } from "../clients.ts";
import { isConditionFailure } from "../errors.ts";
import { keys } from "../keys.ts";
import { queryAll } from "../query.ts";
import { applyLedgerEntry, getAccount, getPeriodTotals } from "./ledger-repository.ts";
import { monthRank } from "./quests-repository.ts";

const table = () => config().TABLE_NAME;

export interface StoredGoal {
  id: string;
  username: string;
  template: GoalTemplateId;
  target: number;
  createdAt: string;
  /** Local date the goal was set on; the deadline is the last local date it counts. */
  createdOn: string;
  deadline: string;
  /** The value at creation, for goals counting what is added after it (badges). */
  baseline?: number | undefined;
  claimedAt?: string | undefined;
}

function fromItem(item: Record<string, unknown>): StoredGoal {
  return {
    id: String(item.id),
    username: String(item.username),
    template: item.template as GoalTemplateId,
    target: Number(item.target),
    createdAt: String(item.createdAt),
    createdOn: String(item.createdOn),
    deadline: String(item.deadline),
    ...(typeof item.baseline === "number" ? { baseline: item.baseline } : {}),
    ...(typeof item.claimedAt === "string" ? { claimedAt: item.claimedAt } : {}),
  };
}

export async function listGoals(username: string): Promise<StoredGoal[]> {
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": keys.personalGoalsPartition(username) },
    ConsistentRead: true,
  });
  return items.map(fromItem).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function getGoal(username: string, id: string): Promise<StoredGoal | undefined> {
  const result = await dynamoClient().send(
    new GetCommand({ TableName: table(), Key: keys.personalGoal(username, id), ConsistentRead: true }),
  );
  return result.Item ? fromItem(result.Item) : undefined;
}

export async function createGoal(input: {
  username: string;
  template: GoalTemplateId;
  target: number;
  now: Date;
  today: string;
  baseline?: number | undefined;
}): Promise<StoredGoal> {
  const goal: StoredGoal = {
    id: randomUUID().replaceAll("-", ""),
    username: input.username,
    template: input.template,
    target: input.target,
    createdAt: input.now.toISOString(),
    createdOn: input.today,
    deadline: goalDeadline(goalTemplates[input.template], input.today),
    ...(input.baseline !== undefined ? { baseline: input.baseline } : {}),
  };
  await dynamoClient().send(
    new PutCommand({
      TableName: table(),
      Item: { ...keys.personalGoal(input.username, goal.id), type: "personalGoal", ...goal },
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );
  return goal;
}

/** Changes the target of an unclaimed goal; false when it is gone or claimed meanwhile. */
export async function updateGoalTarget(username: string, id: string, target: number): Promise<boolean> {
  try {
    await dynamoClient().send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.personalGoal(username, id),
        UpdateExpression: "SET #target = :target",
        ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(claimedAt)",
        ExpressionAttributeNames: { "#target": "target" },
        ExpressionAttributeValues: { ":target": target },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export async function deleteGoal(username: string, id: string): Promise<boolean> {
  try {
    await dynamoClient().send(
      new DeleteCommand({
        TableName: table(),
        Key: keys.personalGoal(username, id),
        ConditionExpression: "attribute_exists(pk)",
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * The goal's reward, exactly once: the ledger entry `goal:<id>` and the
 * goal's `claimedAt` in one transaction (the goal must still be unclaimed).
 */
export async function claimGoal(goal: StoredGoal, now: Date): Promise<{ applied: boolean }> {
  const at = now.toISOString();
  const reward = goalReward(goalTemplates[goal.template]);
  return applyLedgerEntry(
    {
      username: goal.username,
      eventKey: goalEventKey(goal.id),
      occurredAt: at,
      kind: "goal",
      xp: reward.xp,
      coins: reward.coins,
      counters: { goals: 1 },
      detail: { goalId: goal.id, template: goal.template, target: goal.target },
    },
    [
      {
        Update: {
          TableName: table(),
          Key: keys.personalGoal(goal.username, goal.id),
          UpdateExpression: "SET claimedAt = :at",
          ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(claimedAt)",
          ExpressionAttributeValues: { ":at": at },
        },
      },
    ],
  );
}

/** An instant inside a local date (its noon), to address that date's period totals. */
function inside(date: string, timeZone: string): string {
  return (
    DateTime.fromISO(date, { zone: timeZone }).set({ hour: 12 }).toUTC().toISO() ?? `${date}T12:00:00.000Z`
  );
}

/** What a goal counting additions starts from (badges: those collected before it was set). */
export async function goalBaseline(username: string, template: GoalTemplateId): Promise<number | undefined> {
  if (template !== "badges") return undefined;
  return (await getPeriodTotals(username, "all")).counters.badges ?? 0;
}

/**
 * The goal's current value from the ledger's running totals and the agent's
 * data; undefined while it cannot be measured (not ranked).
 */
export async function goalValue(goal: StoredGoal, today: string): Promise<number | undefined> {
  const timeZone = await slotTimeZone();
  const last = today < goal.deadline ? today : goal.deadline;
  switch (goal.template) {
    case "dailyPoints": {
      // Points of any single day between setting the goal and its deadline.
      const days = datesBetween(goal.createdOn, last);
      const totals = await Promise.all(
        days.map((day) => getPeriodTotals(goal.username, "day", inside(day, timeZone))),
      );
      return Math.max(0, ...totals.map((total) => total.pointsProvisional + total.pointsConfirmed));
    }
    case "weeklyBookings":
      return (await getPeriodTotals(goal.username, "week", inside(last, timeZone))).counters.bookings ?? 0;
    case "streak":
      return (await getAccount(goal.username)).streaks.current;
    case "badges":
      return Math.max(
        0,
        ((await getPeriodTotals(goal.username, "all")).counters.badges ?? 0) - (goal.baseline ?? 0),
      );
    case "rank":
      return (await monthRank(goal.username, today)).now;
  }
}
