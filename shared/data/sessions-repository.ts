import { BatchWriteCommand, DeleteCommand, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { config } from "../config.ts";
import type { UserRole } from "../http/principal.ts";
import { dynamoClient } from "./clients.ts";
import { keys } from "./keys.ts";
import { queryAll } from "./query.ts";

export interface StoredSession {
  sessionId: string;
  username: string;
  role: UserRole;
  displayName: string;
  csrfToken: string;
  createdAt: string;
  /** Epoch seconds; also the table's TTL attribute, so expired sessions disappear. */
  expiresAt: number;
}

const table = () => config().TABLE_NAME;

export async function putSession(session: StoredSession): Promise<void> {
  await dynamoClient().send(
    new PutCommand({
      TableName: table(),
      Item: {
        ...keys.session(session.sessionId),
        ...keys.sessionOfUser(session.username, session.createdAt),
        type: "session",
        ...session,
      },
    }),
  );
}

export async function getSession(sessionId: string): Promise<StoredSession | undefined> {
  const result = await dynamoClient().send(
    new GetCommand({ TableName: table(), Key: keys.session(sessionId) }),
  );
  const item = result.Item as (StoredSession & Record<string, unknown>) | undefined;
  // TTL deletion lags: an expired item may still be read.
  if (!item || item.expiresAt <= Date.now() / 1000) return undefined;
  return item;
}

export async function deleteSession(sessionId: string): Promise<void> {
  await dynamoClient().send(new DeleteCommand({ TableName: table(), Key: keys.session(sessionId) }));
}

/** Ends every session of a user (deactivation, role or password change). */
export async function deleteSessionsOfUser(username: string): Promise<number> {
  const items = await queryAll({
    TableName: table(),
    IndexName: "gsi1",
    KeyConditionExpression: "gsi1pk = :pk",
    ExpressionAttributeValues: { ":pk": keys.sessionsOfUserPartition(username) },
    ProjectionExpression: "pk, sk",
  });
  for (let start = 0; start < items.length; start += 25) {
    await dynamoClient().send(
      new BatchWriteCommand({
        RequestItems: {
          [table()]: items.slice(start, start + 25).map((item) => ({
            DeleteRequest: { Key: { pk: item.pk, sk: item.sk } },
          })),
        },
      }),
    );
  }
  return items.length;
}
