import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  DeleteCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import { config } from "../config.ts";
import { type Language, languageSchema } from "../contracts/messages.ts";
import { roleSchema } from "../contracts/user-records.ts";
import type { UserRole } from "../http/principal.ts";
import { dynamoClient } from "./clients.ts";
import { unlessConditionFails } from "./errors.ts";
import { parseItem } from "./items.ts";
import { keys } from "./keys.ts";
import { queryAll } from "./query.ts";
import { indexes } from "./table.ts";

export interface StoredSession {
  sessionId: string;
  username: string;
  role: UserRole;
  displayName: string;
  csrfToken: string;
  /** The user's language when the session started or they changed it. */
  language?: Language;
  createdAt: string;
  /** Epoch seconds; also the table's TTL attribute, so expired sessions disappear. */
  expiresAt: number;
}

const storedSessionSchema: z.ZodType<StoredSession> = z
  .object({
    sessionId: z.string(),
    username: z.string(),
    role: roleSchema,
    displayName: z.string(),
    csrfToken: z.string(),
    language: languageSchema.optional(),
    createdAt: z.string(),
    expiresAt: z.number(),
  })
  .loose();

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
  const session = result.Item ? parseItem("session", storedSessionSchema, result.Item) : undefined;
  // TTL deletion lags: an expired item may still be read.
  if (!session || session.expiresAt <= Date.now() / 1000) return undefined;
  return session;
}

/** Sets the language of a live session (the user changed theirs); false when the session is gone. */
export async function setSessionLanguage(sessionId: string, language: Language): Promise<boolean> {
  const result = await unlessConditionFails(
    dynamoClient().send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.session(sessionId),
        UpdateExpression: "SET #language = :language",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeNames: { "#language": "language" },
        ExpressionAttributeValues: { ":language": language },
      }),
    ),
  );
  return result !== undefined;
}

export async function deleteSession(sessionId: string): Promise<void> {
  await dynamoClient().send(new DeleteCommand({ TableName: table(), Key: keys.session(sessionId) }));
}

type WriteRequests = NonNullable<BatchWriteCommandInput["RequestItems"]>[string];

/** BatchWrite takes 25 requests; what it leaves unprocessed (throttling) is sent again after a jittered pause. */
const batchSize = 25;
const batchAttempts = 8;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function deleteAll(requests: WriteRequests): Promise<void> {
  for (let start = 0; start < requests.length; start += batchSize) {
    let pending = requests.slice(start, start + batchSize);
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > batchAttempts) throw new Error(`${pending.length} sessions left undeleted after retries`);
      if (attempt > 1) await sleep(Math.random() * Math.min(1_000, 50 * 2 ** attempt));
      const result = await dynamoClient().send(
        new BatchWriteCommand({ RequestItems: { [table()]: pending } }),
      );
      pending = result.UnprocessedItems?.[table()] ?? [];
    }
  }
}

/** Ends every session of a user (deactivation, role or password change). */
export async function deleteSessionsOfUser(username: string): Promise<number> {
  const items = await queryAll({
    TableName: table(),
    IndexName: indexes.gsi1,
    KeyConditionExpression: "gsi1pk = :pk",
    ExpressionAttributeValues: { ":pk": keys.sessionsOfUserPartition(username) },
    ProjectionExpression: "pk, sk",
  });
  await deleteAll(items.map((item) => ({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } })));
  return items.length;
}
