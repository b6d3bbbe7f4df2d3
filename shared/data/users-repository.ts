import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import { config } from "../config.ts";
import { type User, userSchema } from "../contracts/user-records.ts";
import { dynamoClient } from "./clients.ts";
import { unlessConditionFails } from "./errors.ts";
import { parseItem } from "./items.ts";
import { keys } from "./keys.ts";
import { queryAll } from "./query.ts";
import { indexes } from "./table.ts";

export interface StoredUser extends User {
  passwordHash: string;
}

const storedUserSchema: z.ZodType<StoredUser> = userSchema.extend({ passwordHash: z.string() }).loose();

const table = () => config().TABLE_NAME;

function fromItem(item: Record<string, unknown>): StoredUser {
  return parseItem("user", storedUserSchema, item);
}

export async function getUser(username: string): Promise<StoredUser | undefined> {
  const result = await dynamoClient().send(new GetCommand({ TableName: table(), Key: keys.user(username) }));
  return result.Item ? fromItem(result.Item) : undefined;
}

export async function listUsers(): Promise<StoredUser[]> {
  const items = await queryAll({
    TableName: table(),
    IndexName: indexes.gsi1,
    KeyConditionExpression: "gsi1pk = :pk",
    ExpressionAttributeValues: { ":pk": keys.usersPartition() },
  });
  return items.map(fromItem);
}

/** Creates the user; false when the username is taken. */
export async function createUser(user: StoredUser): Promise<boolean> {
  const written = await unlessConditionFails(
    dynamoClient().send(
      new PutCommand({
        TableName: table(),
        Item: { ...keys.user(user.username), ...keys.userListing(user.username), type: "user", ...user },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    ),
  );
  return written !== undefined;
}

/** Creates or replaces the user (bootstrap), keeping creation time and last login. */
export async function upsertUser(user: StoredUser): Promise<void> {
  await dynamoClient().send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.user(user.username),
      UpdateExpression:
        "SET gsi1pk = :gpk, gsi1sk = :gsk, #type = :type, username = :username, displayName = :displayName, #role = :role, active = :active, passwordHash = :hash, createdAt = if_not_exists(createdAt, :now), updatedAt = :now",
      ExpressionAttributeNames: { "#type": "type", "#role": "role" },
      ExpressionAttributeValues: {
        ":gpk": keys.usersPartition(),
        ":gsk": user.username,
        ":type": "user",
        ":username": user.username,
        ":displayName": user.displayName,
        ":role": user.role,
        ":active": user.active,
        ":hash": user.passwordHash,
        ":now": user.updatedAt,
      },
    }),
  );
}

export type UserChanges = Partial<
  Pick<StoredUser, "displayName" | "role" | "active" | "passwordHash" | "lastLoginAt" | "language">
>;

/** Applies the changes to an existing user; undefined when there is none. */
export async function updateUser(
  username: string,
  changes: UserChanges,
  now: string,
): Promise<StoredUser | undefined> {
  const entries = Object.entries({ ...changes, updatedAt: now }).filter(([, value]) => value !== undefined);
  const result = await unlessConditionFails(
    dynamoClient().send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.user(username),
        UpdateExpression: `SET ${entries.map((_, index) => `#f${index} = :v${index}`).join(", ")}`,
        ExpressionAttributeNames: Object.fromEntries(entries.map(([name], index) => [`#f${index}`, name])),
        ExpressionAttributeValues: Object.fromEntries(
          entries.map(([, value], index) => [`:v${index}`, value]),
        ),
        ConditionExpression: "attribute_exists(pk)",
        ReturnValues: "ALL_NEW",
      }),
    ),
  );
  return result?.Attributes ? fromItem(result.Attributes) : undefined;
}
