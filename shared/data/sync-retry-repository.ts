import { DeleteCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { config } from "../config.ts";
import { dynamoClient } from "./clients.ts";
import { keys } from "./keys.ts";

const table = () => config().TABLE_NAME;

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
      IndexName: "gsi1",
      KeyConditionExpression: "gsi1pk = :pk AND gsi1sk <= :now",
      ExpressionAttributeValues: { ":pk": keys.syncRetryPartition(), ":now": now },
      Limit: limit,
    }),
  );
  return (result.Items ?? []).map((item) => String(item.bookingId));
}
