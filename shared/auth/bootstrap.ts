import { createHash } from "node:crypto";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { config } from "../config.ts";
import { roleSchema, usernameSchema } from "../contracts/auth.ts";
import { dynamoClient } from "../data/clients.ts";
import { keys } from "../data/keys.ts";
import { upsertUser } from "../data/users-repository.ts";
import { hashPassword } from "../domain/auth/password.ts";

export interface BootstrapUser {
  username: string;
  password: string;
  role: "agent" | "admin";
  displayName: string;
}

/** `user:password:role,…` (the older `USERLIST` format); the role defaults to agent. */
export function parseBootstrapUsers(value: string): BootstrapUser[] {
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [name = "", password = "", role = "agent"] = entry.split(":");
      const username = usernameSchema.parse(name);
      if (password.length < 10)
        throw new Error(`BOOTSTRAP_USERS: the password of ${username} is shorter than 10 characters`);
      return {
        username,
        password,
        role: roleSchema.parse(role.trim().toLowerCase()),
        displayName: username.charAt(0).toUpperCase() + username.slice(1),
      };
    });
}

/**
 * Creates or updates the listed users. A marker keeps the list's digest, so
 * the (deliberately slow) hashing runs only when the list changed.
 */
export async function bootstrapUsers(
  users: BootstrapUser[],
  markerName = "bootstrap-users",
): Promise<number> {
  if (users.length === 0) return 0;
  const digest = createHash("sha256").update(JSON.stringify(users)).digest("hex");
  const table = config().TABLE_NAME;
  const marker = await dynamoClient().send(
    new GetCommand({ TableName: table, Key: keys.marker(markerName) }),
  );
  if (marker.Item?.digest === digest) return 0;
  const now = new Date().toISOString();
  for (const user of users) {
    await upsertUser({
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      active: true,
      createdAt: now,
      updatedAt: now,
      passwordHash: await hashPassword(user.password),
    });
  }
  await dynamoClient().send(
    new PutCommand({ TableName: table, Item: { ...keys.marker(markerName), digest } }),
  );
  return users.length;
}
