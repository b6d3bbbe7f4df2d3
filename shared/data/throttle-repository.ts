import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { config } from "../config.ts";
import type { FailureWindow } from "../domain/auth/throttle.ts";
import { dynamoClient } from "./clients.ts";
import { keys } from "./keys.ts";

type Kind = "user" | "address";
const table = () => config().TABLE_NAME;

export async function getFailures(kind: Kind, who: string): Promise<FailureWindow | undefined> {
  const result = await dynamoClient().send(
    new GetCommand({ TableName: table(), Key: keys.loginFailures(kind, who) }),
  );
  return result.Item ? { count: Number(result.Item.count), firstAt: Number(result.Item.firstAt) } : undefined;
}

/**
 * Counts one failure atomically: increments the open window, or starts a new
 * one when the old window has ended. The item expires with its window (TTL).
 */
export async function recordFailure(
  kind: Kind,
  who: string,
  now: number,
  windowSeconds: number,
): Promise<void> {
  const key = keys.loginFailures(kind, who);
  try {
    await dynamoClient().send(
      new UpdateCommand({
        TableName: table(),
        Key: key,
        UpdateExpression:
          "ADD #count :one SET firstAt = if_not_exists(firstAt, :now), expiresAt = if_not_exists(expiresAt, :expires)",
        ConditionExpression: "attribute_not_exists(pk) OR firstAt > :windowStart",
        ExpressionAttributeNames: { "#count": "count" },
        ExpressionAttributeValues: {
          ":one": 1,
          ":now": now,
          ":expires": now + windowSeconds,
          ":windowStart": now - windowSeconds,
        },
      }),
    );
  } catch (error) {
    if (!(error instanceof Error && error.name === "ConditionalCheckFailedException")) throw error;
    await dynamoClient().send(
      new PutCommand({
        TableName: table(),
        Item: { ...key, count: 1, firstAt: now, expiresAt: now + windowSeconds },
      }),
    );
  }
}

export async function clearFailures(kind: Kind, who: string): Promise<void> {
  await dynamoClient().send(new DeleteCommand({ TableName: table(), Key: keys.loginFailures(kind, who) }));
}
