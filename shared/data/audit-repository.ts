import { randomUUID } from "node:crypto";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { config } from "../config.ts";
import { type AuditEntry, auditEntrySchema } from "../contracts/user-records.ts";
import { addDays } from "../domain/booking/local-date.ts";
import { dynamoClient } from "./clients.ts";
import { parseItem } from "./items.ts";
import { keys } from "./keys.ts";
import { queryAll } from "./query.ts";
import { indexes } from "./table.ts";

const table = () => config().TABLE_NAME;

export type AuditInput = Omit<AuditEntry, "id" | "at"> & {
  at?: string;
  /** Epoch seconds (the table's TTL attribute): for entries anyone can cause, e.g. failed logins. */
  expiresAt?: number;
};

/** The audit item, for writing alone or inside another change's transaction. */
export function auditItem(input: AuditInput) {
  const entry: AuditEntry = { ...input, id: randomUUID(), at: input.at ?? new Date().toISOString() };
  return {
    ...keys.audit(entry.at, entry.id),
    ...keys.auditByActor(entry.actor, entry.at),
    type: "audit",
    ...entry,
  };
}

export async function writeAudit(input: AuditInput): Promise<void> {
  await dynamoClient().send(new PutCommand({ TableName: table(), Item: auditItem(input) }));
}

function toEntry(item: Record<string, unknown>): AuditEntry {
  return parseItem("audit", auditEntrySchema, item);
}

/** `booking.cancelled` matches itself; `booking` matches every `booking.…` action. */
function actionFilter(action: string | undefined) {
  if (!action) return {};
  return {
    FilterExpression: "#action = :action OR begins_with(#action, :group)",
    ExpressionAttributeNames: { "#action": "action" },
    filterValues: { ":action": action, ":group": `${action}.` },
  };
}

/**
 * Newest first, `since` ≤ at < `until` (instants: the caller turns local days into them, so a
 * day means the admin's day, not UTC's). By actor: one index query; otherwise one query per
 * UTC day partition the window touches. An action is filtered in DynamoDB (the partitions are
 * read anyway), so the limit counts matching entries.
 */
export async function listAudit(options: {
  since: string;
  until: string;
  actor?: string;
  action?: string;
  limit: number;
}) {
  const { filterValues, ...filter } = actionFilter(options.action);
  const inWindow = (entry: AuditEntry) => entry.at >= options.since && entry.at < options.until;
  if (options.actor) {
    const items = await queryAll(
      {
        TableName: table(),
        IndexName: indexes.gsi1,
        KeyConditionExpression: "gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to",
        ...filter,
        ExpressionAttributeValues: {
          ":pk": keys.auditByActorPartition(options.actor),
          ":from": options.since,
          ":to": options.until,
          ...filterValues,
        },
        ScanIndexForward: false,
      },
      options.limit,
    );
    return items.map(toEntry).filter(inWindow);
  }
  const entries: AuditEntry[] = [];
  const firstDay = options.since.slice(0, 10);
  for (let day = options.until.slice(0, 10); day >= firstDay; day = addDays(day, -1)) {
    const items = await queryAll(
      {
        TableName: table(),
        KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
        ...filter,
        ExpressionAttributeValues: {
          ":pk": keys.auditDayPartition(day),
          ":from": options.since,
          ":to": options.until,
          ...filterValues,
        },
        ScanIndexForward: false,
      },
      options.limit - entries.length,
    );
    entries.push(...items.map(toEntry).filter(inWindow));
    if (entries.length >= options.limit) break;
  }
  return entries;
}
