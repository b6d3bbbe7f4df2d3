import { DeleteCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { config } from "../config.ts";
import { dynamoClient } from "./clients.ts";
import { parseItem } from "./items.ts";
import { keys } from "./keys.ts";
import { indexes } from "./table.ts";

const table = () => config().TABLE_NAME;
const syncRetrySchema = z.object({ bookingId: z.string(), nextAttemptAt: z.string() });

/** Remembers that a booking's calendar event still has to be synced, and when to try next. */
export async function scheduleSyncRetry(bookingId: string, nextAttemptAt: string): Promise<void> {
  await dynamoClient().send(
    new PutCommand({
      TableName: table(),
      Item: {
        ...keys.syncRetry(bookingId),
        ...keys.syncRetryQueue(nextAttemptAt),
        type: "sync-retry",
        bookingId,
        nextAttemptAt,
      },
    }),
  );
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
