import { DeleteCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import { config } from "../config.ts";
import { dynamoClient } from "./clients.ts";
import { parseItem } from "./items.ts";
import { keys } from "./keys.ts";
import { queryAll } from "./query.ts";
import { indexes } from "./table.ts";

const table = () => config().TABLE_NAME;
const syncRetrySchema = z.object({ bookingId: z.string(), nextAttemptAt: z.string() });

/**
 * Remembers that a booking's calendar event still has to be synced, and when
 * to try next. The first failure's time is kept across attempts: the age of
 * the oldest pending retry is what operators are alarmed on.
 */
export async function scheduleSyncRetry(
  bookingId: string,
  nextAttemptAt: string,
  failedAt = new Date().toISOString(),
): Promise<void> {
  const queue = keys.syncRetryQueue(nextAttemptAt);
  await dynamoClient().send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.syncRetry(bookingId),
      UpdateExpression:
        "SET gsi1pk = :gsi1pk, gsi1sk = :gsi1sk, #type = :type, bookingId = :bookingId, nextAttemptAt = :next, firstFailedAt = if_not_exists(firstFailedAt, :failedAt)",
      ExpressionAttributeNames: { "#type": "type" },
      ExpressionAttributeValues: {
        ":gsi1pk": queue.gsi1pk,
        ":gsi1sk": queue.gsi1sk,
        ":type": "sync-retry",
        ":bookingId": bookingId,
        ":next": nextAttemptAt,
        ":failedAt": failedAt,
      },
    }),
  );
}

/** When the longest-waiting pending sync first failed; undefined when nothing is pending. */
export async function oldestPendingSyncFailure(): Promise<string | undefined> {
  const items = await queryAll({
    TableName: table(),
    IndexName: indexes.gsi1,
    KeyConditionExpression: "gsi1pk = :pk",
    ExpressionAttributeValues: { ":pk": keys.syncRetryPartition() },
    ProjectionExpression: "firstFailedAt, nextAttemptAt",
  });
  // Items written before firstFailedAt existed count from their next attempt.
  const times = items.map((item) => String(item.firstFailedAt ?? item.nextAttemptAt));
  return times.length > 0 ? times.sort()[0] : undefined;
}

export async function clearSyncRetry(bookingId: string): Promise<void> {
  await dynamoClient().send(new DeleteCommand({ TableName: table(), Key: keys.syncRetry(bookingId) }));
}

/** Booking ids whose next attempt is due at `now`. */
export async function dueSyncRetries(now: string, limit = 200): Promise<string[]> {
  const result = await dynamoClient().send(
    new QueryCommand({
      TableName: table(),
      IndexName: indexes.gsi1,
      KeyConditionExpression: "gsi1pk = :pk AND gsi1sk <= :now",
      ExpressionAttributeValues: { ":pk": keys.syncRetryPartition(), ":now": now },
      Limit: limit,
    }),
  );
  return (result.Items ?? []).map((item) => parseItem("sync retry", syncRetrySchema, item).bookingId);
}
