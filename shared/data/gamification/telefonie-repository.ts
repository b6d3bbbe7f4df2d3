import { GetCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import { config } from "../../config.ts";
import {
  type TelefonieChange,
  type TelefonieCredit,
  telefonieCredits,
} from "../../domain/telefonie/ledger.ts";
import {
  suggestGoal,
  summarizeWeek,
  type TelefonieWeekState,
  type TelefonieWeekSummary,
  telefonieKinds,
  weekDates,
  weeksEndingWith,
} from "../../domain/telefonie/week.ts";
import type { OutboxEvent } from "../../events/outbox.ts";
import { type AuditInput, auditItem } from "../audit-repository.ts";
import { newOutboxEvent, outboxPut } from "../bookings-repository.ts";
import { dynamoClient } from "../clients.ts";
import { parseItem } from "../items.ts";
import { keys } from "../keys.ts";
import { queryAll } from "../query.ts";
import { indexes } from "../table.ts";
import { transactWrite } from "../transactions.ts";
import { applyLedgerEntry } from "./ledger-repository.ts";

const table = () => config().TABLE_NAME;

/** The outbox event of every Telefonie change: its ledger credits, applied once each by key. */
export const telefonieChangedEvent = "telefonie.changed";
export interface TelefonieChangedPayload {
  username: string;
  isoWeek: string;
  credits: TelefonieCredit[];
}

const storedEntrySchema = z.object({
  id: z.string(),
  kind: z.enum(telefonieKinds),
  points: z.number(),
  note: z.string().optional(),
  version: z.number().int(),
  at: z.string(),
  by: z.string(),
});

const storedWeekSchema = z
  .object({
    username: z.string(),
    isoWeek: z.string(),
    goal: z.number().optional(),
    vacation: z.boolean(),
    entries: z.array(storedEntrySchema),
    /** Optimistic lock: every write names the version it read. */
    version: z.number().int(),
  })
  .loose();

export type StoredTelefonieWeek = z.infer<typeof storedWeekSchema>;

function fromItem(item: Record<string, unknown>): StoredTelefonieWeek {
  return parseItem("telefonie week", storedWeekSchema, item);
}

function stateOf(week: StoredTelefonieWeek): TelefonieWeekState {
  return {
    username: week.username,
    isoWeek: week.isoWeek,
    ...(week.goal === undefined ? {} : { goal: week.goal }),
    vacation: week.vacation,
    entries: week.entries.map((entry) => ({ ...entry })),
  };
}

/** A week nobody has written yet: no goal, no entries, version 0. */
export function emptyWeek(username: string, isoWeek: string): StoredTelefonieWeek {
  return { username, isoWeek, vacation: false, entries: [], version: 0 };
}

export async function getStoredWeek(username: string, isoWeek: string): Promise<StoredTelefonieWeek> {
  const result = await dynamoClient().send(
    new GetCommand({ TableName: table(), Key: keys.telefonieWeek(isoWeek, username), ConsistentRead: true }),
  );
  return result.Item ? fromItem(result.Item) : emptyWeek(username, isoWeek);
}

/** Every stored participant week of one ISO week (one Query). */
export async function listWeekPartition(isoWeek: string): Promise<StoredTelefonieWeek[]> {
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": keys.telefonieWeekPartition(isoWeek) },
  });
  return items.map(fromItem);
}

/** A participant's stored weeks from `fromWeek` to `toWeek` (inclusive), oldest first. */
export async function listWeeksOfUser(
  username: string,
  fromWeek: string,
  toWeek: string,
): Promise<StoredTelefonieWeek[]> {
  const items = await queryAll({
    TableName: table(),
    IndexName: indexes.gsi1,
    KeyConditionExpression: "gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to",
    ExpressionAttributeValues: {
      ":pk": keys.telefonieOfUserPartition(username),
      ":from": fromWeek,
      ":to": toWeek,
    },
  });
  return items.map(fromItem);
}

/** The goal suggestion for `isoWeek` from the participant's earlier weeks (the last 4 non-vacation ones count). */
export async function goalSuggestion(username: string, isoWeek: string): Promise<number> {
  // A year back is plenty to find 4 non-vacation weeks; only weeks before this one count.
  const earlier = await listWeeksOfUser(username, weeksEndingWith(isoWeek, 53)[0] ?? isoWeek, isoWeek);
  return suggestGoal(
    earlier
      .filter((week) => week.isoWeek < isoWeek)
      .map((week) => ({
        isoWeek: week.isoWeek,
        vacation: week.vacation,
        achieved: summarizeWeek(week).achieved,
      })),
  );
}

/**
 * Writes the participant's week as `next` if nobody changed it since `seen`
 * was read; the audit entry and the outbox event (ledger credits) commit with
 * it or not at all. False: someone else wrote first (the caller answers 409).
 */
export async function saveWeek(
  seen: StoredTelefonieWeek,
  next: TelefonieWeekState,
  change: TelefonieChange,
  audit: AuditInput,
): Promise<{ saved: boolean; week: StoredTelefonieWeek }> {
  const at = audit.at ?? new Date().toISOString();
  const stored: StoredTelefonieWeek = { ...next, version: seen.version + 1 };
  // The credits count in the Telefonie week they belong to, whenever they were entered.
  const creditedAt = `${weekDates(next.isoWeek).from}T12:00:00.000Z`;
  const credits = telefonieCredits(change, summarizeWeek(stateOf(seen)), summarizeWeek(next), creditedAt);
  const event = newOutboxEvent<TelefonieChangedPayload>(
    telefonieChangedEvent,
    { username: next.username, isoWeek: next.isoWeek, credits },
    at,
  );
  const result = await transactWrite([
    {
      Put: {
        TableName: table(),
        Item: {
          ...keys.telefonieWeek(next.isoWeek, next.username),
          ...keys.telefonieOfUser(next.username, next.isoWeek),
          type: "telefonieWeek",
          ...stored,
        },
        ConditionExpression: seen.version === 0 ? "attribute_not_exists(pk)" : "version = :seen",
        ...(seen.version === 0 ? {} : { ExpressionAttributeValues: { ":seen": seen.version } }),
      },
    },
    { Put: { TableName: table(), Item: auditItem({ ...audit, at }) } },
    outboxPut(`TELEFONIE-${next.username}-${next.isoWeek}`, event),
  ]);
  return { saved: result.ok, week: stored };
}

/** One participant's week with its figures (others read it: dashboards, exports, reports). */
export async function telefonieWeek(username: string, isoWeek: string): Promise<TelefonieWeekSummary> {
  return summarizeWeek(stateOf(await getStoredWeek(username, isoWeek)));
}

/** Every participant week stored for `isoWeek` with its figures (goal, achieved, vacation …). */
export async function telefonieTeamWeek(isoWeek: string): Promise<TelefonieWeekSummary[]> {
  const weeks = await listWeekPartition(isoWeek);
  return weeks
    .map((week) => summarizeWeek(stateOf(week)))
    .sort((a, b) => a.username.localeCompare(b.username));
}

/**
 * The outbox subscriber: hands each credit to the gamification ledger, whose
 * event keys make a redelivered event change nothing.
 */
export async function applyTelefonieCredits(event: OutboxEvent): Promise<void> {
  const payload = event.payload as TelefonieChangedPayload;
  for (const credit of payload.credits ?? []) await creditLedger(credit);
}

async function creditLedger(credit: TelefonieCredit): Promise<void> {
  await applyLedgerEntry(credit);
}
