import { DeleteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { config } from "../config.ts";
import type { ThrottleRule, ThrottleScope, ThrottleWindow } from "../domain/auth/throttle.ts";
import { dynamoClient } from "./clients.ts";
import { keys } from "./keys.ts";

const table = () => config().TABLE_NAME;

const isConditionFailure = (error: unknown) =>
  error instanceof Error && error.name === "ConditionalCheckFailedException";

/**
 * Reserves one attempt in the window if the rule allows it, in ONE conditional
 * update that counts and compares: concurrent attempts are serialised by
 * DynamoDB, so a burst cannot slip past the check before any of it is counted.
 * The counter expires with its window (TTL). False: refused, nothing counted.
 */
export async function reserveAttempt(
  scope: ThrottleScope,
  who: string,
  rule: ThrottleRule,
  window: ThrottleWindow,
  now: number,
): Promise<boolean> {
  const spaced = rule.spacingSeconds !== undefined;
  try {
    await dynamoClient().send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.loginFailures(scope, who, window.start),
        UpdateExpression: "ADD #count :one SET lastAt = :now, expiresAt = :expires",
        ConditionExpression: `attribute_not_exists(#count) OR #count < :free${spaced ? " OR lastAt <= :spacedSince" : ""}`,
        ExpressionAttributeNames: { "#count": "count" },
        ExpressionAttributeValues: {
          ":one": 1,
          ":now": now,
          ":expires": window.end,
          ":free": rule.freeAttempts,
          ...(spaced ? { ":spacedSince": now - (rule.spacingSeconds ?? 0) } : {}),
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Gives a reserved attempt back (it succeeded, or another scope refused it). */
export async function releaseAttempt(
  scope: ThrottleScope,
  who: string,
  window: ThrottleWindow,
): Promise<void> {
  try {
    await dynamoClient().send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.loginFailures(scope, who, window.start),
        UpdateExpression: "ADD #count :minusOne",
        ConditionExpression: "#count > :zero",
        ExpressionAttributeNames: { "#count": "count" },
        ExpressionAttributeValues: { ":minusOne": -1, ":zero": 0 },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

export async function clearAttempts(
  scope: ThrottleScope,
  who: string,
  window: ThrottleWindow,
): Promise<void> {
  await dynamoClient().send(
    new DeleteCommand({ TableName: table(), Key: keys.loginFailures(scope, who, window.start) }),
  );
}
