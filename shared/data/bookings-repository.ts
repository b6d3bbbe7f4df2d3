import { randomUUID } from "node:crypto";
import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { config } from "../config.ts";
import { type Booking, bookingSchema } from "../contracts/booking.ts";
import type { OutboxEvent } from "../events/outbox.ts";
import { type AuditInput, auditItem } from "./audit-repository.ts";
import { dynamoClient } from "./clients.ts";
import { unlessConditionFails } from "./errors.ts";
import { parseItem } from "./items.ts";
import { keys } from "./keys.ts";
import { type QueryInput, queryAll } from "./query.ts";
import { indexes } from "./table.ts";
import { type TransactItem, transactWrite } from "./transactions.ts";

export interface StoredBooking extends Booking {
  /** The central-calendar event's id, derived from the booking id (idempotent inserts). */
  eventId: string;
  recall?: boolean;
}

/** The stored booking: its contract plus internal fields. */
const storedBookingSchema: z.ZodType<StoredBooking> = bookingSchema
  .extend({ eventId: z.string(), recall: z.boolean().optional() })
  .loose();

const table = () => config().TABLE_NAME;
const idempotencyLifetimeSeconds = 24 * 60 * 60;

function bookingItem(booking: StoredBooking) {
  return {
    ...keys.booking(booking.id),
    ...keys.bookingOfAgent(booking.agent, booking.start, booking.id),
    ...keys.bookingOnDay(booking.date, booking.time, booking.id),
    type: "booking",
    ...booking,
  };
}

function fromItem(item: Record<string, unknown>): StoredBooking {
  return parseItem("booking", storedBookingSchema, item);
}

export function outboxPut(aggregateId: string, event: OutboxEvent): TransactItem {
  return {
    Put: {
      TableName: table(),
      Item: {
        ...keys.outbox(aggregateId, event.occurredAt, event.id),
        type: "outbox",
        eventId: event.id,
        eventType: event.type,
        occurredAt: event.occurredAt,
        payload: event.payload,
        // Outbox items are only needed until the stream has delivered them.
        expiresAt: Math.floor(Date.parse(event.occurredAt) / 1000) + 7 * 24 * 60 * 60,
      },
    },
  };
}

export function newOutboxEvent<P>(
  type: string,
  payload: P,
  occurredAt = new Date().toISOString(),
): OutboxEvent<string, P> {
  return { id: randomUUID(), type, occurredAt, payload };
}

/**
 * Which bookings a change may touch, checked in the write's own condition (not
 * only before it): `startsAfter` = the booking still lies ahead of this
 * instant and has no outcome yet. Agents change only such bookings.
 */
export interface ChangeGuard {
  startsAfter?: string;
}

/** Optimistic replace: only if nobody changed the booking since `seen` was read. */
function replaceBooking(
  next: StoredBooking,
  seen: StoredBooking,
  options: { mustBeBooked: boolean; guard?: ChangeGuard | undefined },
): TransactItem {
  const conditions = ["updatedAt = :seen"];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ":seen": seen.updatedAt };
  if (options.mustBeBooked) {
    conditions.push("#status = :booked");
    names["#status"] = "status";
    values[":booked"] = "booked";
  }
  if (options.guard?.startsAfter) {
    conditions.push("#start > :startsAfter", "#outcome = :pending");
    names["#start"] = "start";
    names["#outcome"] = "outcome";
    values[":startsAfter"] = options.guard.startsAfter;
    values[":pending"] = "pending";
  }
  return {
    Put: {
      TableName: table(),
      Item: bookingItem(next),
      ConditionExpression: conditions.join(" AND "),
      ExpressionAttributeValues: values,
      ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
    },
  };
}

/** Booking changes are audited in the same transaction: no change without its record. */
function auditPut(audit: AuditInput): TransactItem {
  return { Put: { TableName: table(), Item: auditItem(audit) } };
}

function takePlace(date: string, time: string): TransactItem {
  return {
    Update: {
      TableName: table(),
      Key: keys.slot(date, time),
      UpdateExpression: "SET booked = booked + :one",
      // The capacity invariant: one conditional write, never read-then-write.
      ConditionExpression: "attribute_exists(pk) AND booked < #capacity",
      ExpressionAttributeNames: { "#capacity": "capacity" },
      ExpressionAttributeValues: { ":one": 1 },
    },
  };
}

function freePlace(date: string, time: string): TransactItem {
  return {
    Update: {
      TableName: table(),
      Key: keys.slot(date, time),
      UpdateExpression: "SET booked = booked - :one",
      ConditionExpression: "attribute_exists(pk) AND booked > :zero",
      ExpressionAttributeValues: { ":one": 1, ":zero": 0 },
    },
  };
}

export type CreateResult =
  | { kind: "created"; booking: StoredBooking }
  | { kind: "replayed"; booking: StoredBooking }
  | { kind: "full" }
  /** The idempotency key was used before for a different request body. */
  | { kind: "key_reused" }
  /** A booking with this id exists already (a re-run of the same write). */
  | { kind: "duplicate" };

/** An idempotency key bound to the request it was first used with. */
export interface IdempotencyClaim {
  key: string;
  /** Hash of the request body: the same key with another body is refused, not replayed. */
  bodyHash: string;
}

export interface IdempotencyRecord {
  bookingId: string;
  /** Absent on records written before bodies were hashed (they expire within a day). */
  bodyHash?: string;
}

/**
 * Takes a place in the slot, stores the booking, its outbox event and the
 * idempotency record in one transaction: all or nothing.
 */
export async function createBooking(
  booking: StoredBooking,
  event: OutboxEvent,
  idempotency: IdempotencyClaim | undefined,
  audit?: AuditInput,
): Promise<CreateResult> {
  const items: TransactItem[] = [
    takePlace(booking.date, booking.time),
    {
      Put: {
        TableName: table(),
        Item: bookingItem(booking),
        ConditionExpression: "attribute_not_exists(pk)",
      },
    },
    outboxPut(booking.id, event),
    ...(audit ? [auditPut(audit)] : []),
  ];
  if (idempotency) {
    // Last, so a failed condition at the end of the list means "key seen before".
    items.push({
      Put: {
        TableName: table(),
        Item: {
          ...keys.idempotency(booking.agent, idempotency.key),
          bookingId: booking.id,
          bodyHash: idempotency.bodyHash,
          expiresAt: Math.floor(Date.now() / 1000) + idempotencyLifetimeSeconds,
        },
        ConditionExpression: "attribute_not_exists(pk)",
      },
    });
  }
  const result = await transactWrite(items);
  if (result.ok) return { kind: "created", booking };
  const { failed } = result;
  if (idempotency && failed.at(-1)) {
    const record = await idempotencyRecord(booking.agent, idempotency.key);
    if (record?.bodyHash !== undefined && record.bodyHash !== idempotency.bodyHash) {
      return { kind: "key_reused" };
    }
    const replayed = record ? await getBooking(record.bookingId) : undefined;
    if (replayed) return { kind: "replayed", booking: replayed };
  }
  if (failed[0]) return { kind: "full" };
  if (failed[1]) return { kind: "duplicate" };
  throw new Error(`booking transaction cancelled at items ${failed.flatMap((f, i) => (f ? [i] : []))}`);
}

export async function idempotencyRecord(agent: string, key: string): Promise<IdempotencyRecord | undefined> {
  const result = await dynamoClient().send(
    new GetCommand({ TableName: table(), Key: keys.idempotency(agent, key), ConsistentRead: true }),
  );
  const { bookingId, bodyHash } = result.Item ?? {};
  if (typeof bookingId !== "string") return undefined;
  return typeof bodyHash === "string" ? { bookingId, bodyHash } : { bookingId };
}

export async function getBooking(id: string): Promise<StoredBooking | undefined> {
  const result = await dynamoClient().send(
    new GetCommand({ TableName: table(), Key: keys.booking(id), ConsistentRead: true }),
  );
  return result.Item ? fromItem(result.Item) : undefined;
}

async function queryBookings(input: QueryInput): Promise<StoredBooking[]> {
  return (await queryAll(input)).map(fromItem);
}

/** An agent's bookings whose start lies in [fromIso, toIso). */
export function listBookingsOfAgent(agent: string, fromIso: string, toIso: string): Promise<StoredBooking[]> {
  return queryBookings({
    TableName: table(),
    IndexName: indexes.gsi1,
    KeyConditionExpression: "gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to",
    ExpressionAttributeValues: {
      ":pk": keys.agentBookingsPartition(agent),
      ":from": fromIso,
      ":to": toIso,
    },
  });
}

/** All bookings on one local date. */
export function listBookingsOnDay(date: string): Promise<StoredBooking[]> {
  return queryBookings({
    TableName: table(),
    IndexName: indexes.gsi2,
    KeyConditionExpression: "gsi2pk = :pk",
    ExpressionAttributeValues: { ":pk": keys.dayBookingsPartition(date) },
  });
}

export type ChangeResult = { kind: "changed"; booking: StoredBooking } | { kind: "full" } | { kind: "stale" };

/** Moves a booking to another slot: frees the old place and takes the new one atomically. */
export async function rescheduleBooking(
  current: StoredBooking,
  next: Pick<StoredBooking, "date" | "time" | "start" | "end" | "points">,
  event: OutboxEvent,
  audit: AuditInput,
  guard?: ChangeGuard,
): Promise<ChangeResult> {
  const now = event.occurredAt;
  const moved: StoredBooking = {
    ...current,
    ...next,
    updatedAt: now,
    sync: { state: "pending", attempts: 0 },
  };
  const items: TransactItem[] = [
    freePlace(current.date, current.time),
    takePlace(next.date, next.time),
    replaceBooking(moved, current, { mustBeBooked: true, guard }),
    outboxPut(current.id, event),
    auditPut(audit),
  ];
  const result = await transactWrite(items);
  if (result.ok) return { kind: "changed", booking: moved };
  if (result.failed[2]) return { kind: "stale" };
  if (result.failed[1]) return { kind: "full" };
  throw new Error(
    `reschedule transaction cancelled at items ${result.failed.flatMap((f, i) => (f ? [i] : []))}`,
  );
}

/** Cancels a booking and frees its place. */
export async function cancelBooking(
  current: StoredBooking,
  event: OutboxEvent,
  audit: AuditInput,
  outcome?: StoredBooking["outcome"],
  guard?: ChangeGuard,
) {
  const cancelled: StoredBooking = {
    ...current,
    status: "cancelled",
    ...(outcome ? { outcome } : {}),
    updatedAt: event.occurredAt,
    sync: { state: "pending", attempts: 0 },
  };
  const result = await transactWrite([
    freePlace(current.date, current.time),
    replaceBooking(cancelled, current, { mustBeBooked: true, guard }),
    outboxPut(current.id, event),
    auditPut(audit),
  ]);
  return result.ok ? { kind: "changed" as const, booking: cancelled } : { kind: "stale" as const };
}

/** Sets the outcome (by hand or from the calendar) and records the event. */
export async function setOutcome(
  current: StoredBooking,
  outcome: Pick<StoredBooking, "outcome" | "potentialClass" | "points">,
  event: OutboxEvent,
  audit?: AuditInput,
): Promise<ChangeResult> {
  const updated: StoredBooking = { ...current, ...outcome, updatedAt: event.occurredAt };
  if (!outcome.potentialClass) delete updated.potentialClass;
  const result = await transactWrite([
    replaceBooking(updated, current, { mustBeBooked: false }),
    outboxPut(current.id, event),
    ...(audit ? [auditPut(audit)] : []),
  ]);
  return result.ok ? { kind: "changed", booking: updated } : { kind: "stale" };
}

/** Records the calendar sync result; never overwrites a newer change of the booking. */
export async function setSyncState(id: string, sync: StoredBooking["sync"]): Promise<void> {
  await unlessConditionFails(
    dynamoClient().send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.booking(id),
        UpdateExpression: "SET #sync = :sync",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeNames: { "#sync": "sync" },
        ExpressionAttributeValues: { ":sync": sync },
      }),
    ),
  );
}
