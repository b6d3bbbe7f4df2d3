import { createHmac } from "node:crypto";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import { config } from "../config.ts";
import { passwordSchema, roleSchema, usernameSchema } from "../contracts/auth.ts";
import { writeAudit } from "../data/audit-repository.ts";
import { dynamoClient } from "../data/clients.ts";
import { keys } from "../data/keys.ts";
import { deleteSessionsOfUser } from "../data/sessions-repository.ts";
import { getUser, upsertUser } from "../data/users-repository.ts";
import { hashPassword, verifyPassword } from "../domain/auth/password.ts";
import { bootstrapUsersList, sessionSecret } from "./secrets.ts";

export interface BootstrapUser {
  username: string;
  password: string;
  role: "agent" | "admin";
  displayName: string;
}

/** Told about each entry that cannot be used (never with its password). */
export type ReportProblem = (problem: string) => void;

const throwProblem: ReportProblem = (problem) => {
  throw new Error(`BOOTSTRAP_USERS: ${problem}`);
};

const displayNameOf = (username: string) => username.charAt(0).toUpperCase() + username.slice(1);

const jsonEntrySchema = z.object({
  username: usernameSchema,
  password: passwordSchema,
  role: roleSchema.default("agent"),
  displayName: z.string().trim().min(1).max(80).optional(),
});

/**
 * `user:password:role` splits unambiguously although passwords may contain
 * `:`: the username ends at the first colon (usernames have none) and the
 * role, when given, follows the last one. A password that itself ends in
 * `:agent` or `:admin` needs the role spelled out, or the JSON form.
 */
function parseColonEntry(entry: string): unknown {
  const first = entry.indexOf(":");
  if (first < 0) return { username: entry, password: "" };
  const username = entry.slice(0, first);
  const rest = entry.slice(first + 1);
  const last = rest.lastIndexOf(":");
  const role =
    last >= 0
      ? rest
          .slice(last + 1)
          .trim()
          .toLowerCase()
      : "";
  return roleSchema.safeParse(role).success
    ? { username, password: rest.slice(0, last), role }
    : { username, password: rest };
}

/**
 * The users to create at start: `user:password:role,…` (the older `USERLIST`
 * format; role defaults to agent) or a JSON array of
 * `{ username, password, role?, displayName? }` (for passwords with `,`).
 * An unusable entry goes to `report` and is skipped; by default it throws.
 */
export function parseBootstrapUsers(value: string, report: ReportProblem = throwProblem): BootstrapUser[] {
  const trimmed = value.trim();
  let entries: unknown[];
  if (trimmed.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      entries = Array.isArray(parsed) ? parsed : [];
    } catch {
      report("the JSON list is not valid JSON");
      return [];
    }
  } else {
    entries = trimmed
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean)
      .map(parseColonEntry);
  }
  const users: BootstrapUser[] = [];
  entries.forEach((entry, index) => {
    const result = jsonEntrySchema.safeParse(entry);
    if (!result.success) {
      // Field names and messages only: the entry holds a password.
      const why = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
      report(`entry ${index + 1} is skipped (${why})`);
      return;
    }
    const { username, password, role, displayName } = result.data;
    users.push({ username, password, role, displayName: displayName ?? displayNameOf(username) });
  });
  return users;
}

/** Keyed with the session secret: the marker must not let anyone test guesses of the passwords. */
async function listDigest(users: BootstrapUser[]): Promise<string> {
  return createHmac("sha256", await sessionSecret())
    .update(JSON.stringify(users))
    .digest("hex");
}

/** Which of the user's settings the entry changes; empty: nothing to write. */
async function changesOf(user: BootstrapUser): Promise<string[]> {
  const existing = await getUser(user.username);
  if (!existing) return ["created"];
  const changes: string[] = [];
  if (existing.role !== user.role) changes.push("role");
  if (existing.displayName !== user.displayName) changes.push("displayName");
  if (!existing.active) changes.push("reactivated");
  if (!(await verifyPassword(user.password, existing.passwordHash))) changes.push("password");
  return changes;
}

/**
 * Creates or updates the listed users. A marker keeps the list's HMAC, so the
 * (deliberately slow) hashing runs only when the list changed. An existing user
 * whose role, name, password or activation changes loses every session (as an
 * admin's change would) and the change is audited.
 */
export async function bootstrapUsers(
  users: BootstrapUser[],
  markerName = "bootstrap-users",
): Promise<number> {
  if (users.length === 0) return 0;
  const digest = await listDigest(users);
  const table = config().TABLE_NAME;
  const marker = await dynamoClient().send(
    new GetCommand({ TableName: table, Key: keys.marker(markerName) }),
  );
  if (marker.Item?.digest === digest) return 0;
  let written = 0;
  for (const user of users) {
    const changes = await changesOf(user);
    if (changes.length === 0) continue;
    const now = new Date().toISOString();
    await upsertUser({
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      active: true,
      createdAt: now,
      updatedAt: now,
      passwordHash: await hashPassword(user.password),
    });
    if (!changes.includes("created")) await deleteSessionsOfUser(user.username);
    await writeAudit({
      actor: "bootstrap",
      action: changes.includes("created") ? "user.created" : "user.updated",
      target: user.username,
      detail: { changes: changes.join(",") },
    });
    written += 1;
  }
  await dynamoClient().send(
    new PutCommand({ TableName: table, Item: { ...keys.marker(markerName), digest } }),
  );
  return written;
}

let applied: { list: string; done: Promise<void> } | undefined;

/**
 * Applies BOOTSTRAP_USERS before a sign-in. The list is read on every call (the
 * secret source caches it), so a list put after the first request takes effect
 * within the cache time; only a non-empty list is remembered, and a failed run
 * is forgotten so the next sign-in retries. Bad entries are reported and
 * skipped, so one typo does not stop everyone else from signing in.
 */
export async function ensureBootstrapUsers(report: ReportProblem): Promise<void> {
  const list = (await bootstrapUsersList())?.trim();
  if (!list) return;
  if (applied?.list !== list) {
    const done = bootstrapUsers(parseBootstrapUsers(list, report)).then(() => undefined);
    applied = { list, done };
    done.catch(() => {
      if (applied?.done === done) applied = undefined;
    });
  }
  await applied.done;
}
