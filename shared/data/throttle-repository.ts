import { DeleteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { config } from "../config.ts";
import type { ThrottleRule, ThrottleScope, ThrottleWindow } from "../domain/auth/throttle.ts";
import { dynamoClient } from "./clients.ts";
import { keys } from "./keys.ts";
import { queryAll } from "./query.ts";
import { indexes } from "./table.ts";

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
  const listed = listing(scope, who, window);
  try {
    await dynamoClient().send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.loginFailures(scope, who, window.start),
        UpdateExpression: `ADD #count :one SET lastAt = :now, expiresAt = :expires${listed ? ", gsi1pk = :lpk, gsi1sk = :lsk, username = :user, address = :address" : ""}`,
        ConditionExpression: `attribute_not_exists(#count) OR #count < :free${spaced ? " OR lastAt <= :spacedSince" : ""}`,
        ExpressionAttributeNames: { "#count": "count" },
        ExpressionAttributeValues: {
          ":one": 1,
          ":now": now,
          ":expires": window.end,
          ":free": rule.freeAttempts,
          ...(spaced ? { ":spacedSince": now - (rule.spacingSeconds ?? 0) } : {}),
          ...(listed
            ? {
                ":lpk": listed.gsi1pk,
                ":lsk": listed.gsi1sk,
                ":user": listed.username,
                ":address": listed.address ?? "",
              }
            : {}),
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Pair and user counters are also listed by username (an admin lifts a lockout per user). A pair's
 * `who` is `<address>/<username>` (an address never contains "/"); a user's is the username.
 */
function listing(scope: ThrottleScope, who: string, window: ThrottleWindow) {
  if (scope === "address") return undefined;
  const slash = who.lastIndexOf("/");
  const username = scope === "pair" ? who.slice(slash + 1) : who;
  const address = scope === "pair" ? who.slice(0, slash) : undefined;
  return { ...keys.loginLockListing(username, scope, window.start), username, address };
}

export interface LoginLock {
  username: string;
  /** pair: this user from this address is locked; user: this username is slowed down everywhere. */
  scope: "pair" | "user";
  address?: string;
  failures: number;
  /** ISO instant the window (and so the lock) ends. */
  until: string;
}

/**
 * The current lockouts (pair counters at their limit) and slow-downs (user counters past their free
 * attempts); one index query over the listed counters, which expire with their window.
 */
export async function listLoginLocks(
  limits: Record<"pair" | "user", number>,
  now: number,
  username?: string,
): Promise<LoginLock[]> {
  const items = await queryAll({
    TableName: table(),
    IndexName: indexes.gsi1,
    KeyConditionExpression: username ? "gsi1pk = :pk AND begins_with(gsi1sk, :user)" : "gsi1pk = :pk",
    ExpressionAttributeValues: {
      ":pk": keys.loginLocksPartition(),
      ...(username ? { ":user": `${username}#` } : {}),
    },
  });
  const locks: LoginLock[] = [];
  for (const item of items) {
    const scope = String(item.pk).split("#")[1];
    if (scope !== "pair" && scope !== "user") continue;
    const failures = Number(item.count ?? 0);
    const expiresAt = Number(item.expiresAt ?? 0);
    // TTL deletes late: an ended window is no lock any more.
    if (expiresAt <= now || failures < limits[scope]) continue;
    locks.push({
      username: String(item.username),
      scope,
      ...(scope === "pair" && item.address ? { address: String(item.address) } : {}),
      failures,
      until: new Date(expiresAt * 1000).toISOString(),
    });
  }
  return locks;
}

/** Deletes every listed counter of a user (locked or not): the next sign-in starts fresh. */
export async function clearLoginLocks(username: string): Promise<number> {
  const items = await queryAll({
    TableName: table(),
    IndexName: indexes.gsi1,
    KeyConditionExpression: "gsi1pk = :pk AND begins_with(gsi1sk, :user)",
    ExpressionAttributeValues: { ":pk": keys.loginLocksPartition(), ":user": `${username}#` },
  });
  // A handful of counters per user (one per address and window): single deletes are enough.
  await Promise.all(
    items.map((item) =>
      dynamoClient().send(new DeleteCommand({ TableName: table(), Key: { pk: item.pk, sk: item.sk } })),
    ),
  );
  return items.length;
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
