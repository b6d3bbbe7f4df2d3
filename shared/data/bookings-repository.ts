import { randomUUID } from "node:crypto";
import { BatchGetCommand, GetCommand, ScanCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import { config } from "../config.ts";
import { type Booking, bookingSchema } from "../contracts/booking-records.ts";
import { isoWeekOf } from "../domain/booking/assignment.ts";
import {
  legacyOutcomes,
  type Outcome,
  type OutcomeChange,
  type OutcomeSource,
  outcomeSchema,
  type PotentialClass,
} from "../domain/booking/outcomes.ts";
import type { OutboxEvent } from "../events/outbox.ts";
import { type AuditInput, auditItem } from "./audit-repository.ts";
import { dynamoClient } from "./clients.ts";
import { customerItems, withCustomerId } from "./customers-repository.ts";
import { unlessConditionFails } from "./errors.ts";
import { parseItem } from "./items.ts";
import { type ItemKey, keys } from "./keys.ts";
import { type QueryInput, queryAll } from "./query.ts";
import { type StoredSlot, slotFromItem } from "./slots-repository.ts";
import { indexes } from "./table.ts";
import { type TransactItem, transactWrite } from "./transactions.ts";

export interface StoredBooking extends Booking {
  /** The central-calendar event's id, derived from the booking id (idempotent inserts). */
  eventId: string;
  recall?: boolean;
}

/** The stored booking: its contract plus internal fields. */
const storedBookingSchema: z.ZodType<StoredBooking> = bookingSchema
  .extend({
    eventId: z.string(),
    recall: z.boolean().optional(),
    // Items written before "appeared" was renamed read as "completed" (the outcome job also rewrites them).
    outcome: z.preprocess(
      (value) => (typeof value === "string" ? (legacyOutcomes.get(value) ?? value) : value),
      outcomeSchema,
    ),
  })
  .loose();

const table = () => config().TABLE_NAME;
const idempotencyLifetimeSeconds = 24 * 60 * 60;

/** The stored item of a booking with its keys (history writers put it directly). */
export function bookingItem(booking: StoredBooking): Record<string, unknown> {
  return {
    ...keys.booking(booking.id),
    ...keys.bookingOfAgent(booking.agent, booking.start, booking.id),
    ...keys.bookingOnDay(booking.date, booking.time, booking.id),
    type: "booking",
    ...booking,
  };
}

export function fromItem(item: Record<string, unknown>): StoredBooking {
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

/** The place a booking holds: its slot and, once assigned, its consultant's share of it. */
export interface PlaceRef {
  date: string;
  time: string;
  consultant?: string | undefined;
}

/** Conditions of taking a place beyond capacity, evaluated inside the write. */
export interface PlaceRules {
  /** The slot must start after this instant (minimum notice; "not in the past" at the least). */
  startsAfter?: string | undefined;
  /** At most this many bookings per consultant and day (the day counter's condition). */
  maxPerDay?: number | undefined;
}

/**
 * The capacity invariant in one conditional write, never read-then-write: the
 * slot has a free place and so does the consultant (their count starts at
 * zero on their first booking in the slot).
 */
function takePlace(place: PlaceRef, rules: PlaceRules = {}): TransactItem {
  const names: Record<string, string> = { "#capacity": "capacity" };
  const values: Record<string, unknown> = { ":one": 1 };
  const conditions = ["attribute_exists(pk)", "booked < #capacity"];
  let update = "SET booked = booked + :one";
  if (place.consultant !== undefined) {
    names["#c"] = place.consultant;
    values[":zero"] = 0;
    conditions.push("places.#c > :zero", "(attribute_not_exists(bookedBy.#c) OR bookedBy.#c < places.#c)");
    update += ", bookedBy.#c = if_not_exists(bookedBy.#c, :zero) + :one";
  }
  if (rules.startsAfter) {
    names["#start"] = "start";
    values[":startsAfter"] = rules.startsAfter;
    conditions.push("#start > :startsAfter");
  }
  return {
    Update: {
      TableName: table(),
      Key: keys.slot(place.date, place.time),
      UpdateExpression: update,
      ConditionExpression: conditions.join(" AND "),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      // A lost race answers with the slot as the condition saw it: no second read to say why.
      ReturnValuesOnConditionCheckFailure: "ALL_OLD",
    },
  };
}

/**
 * The slot a failed `takePlace` saw: null when it no longer exists (the
 * template dropped it), else its counts and places at that moment.
 */
function slotSeen(item: Record<string, unknown> | undefined): StoredSlot | null {
  return item ? slotFromItem(item) : null;
}

function freePlace(place: PlaceRef): TransactItem {
  const conditions = ["attribute_exists(pk)", "booked > :zero"];
  let update = "SET booked = booked - :one";
  const names: Record<string, string> = {};
  if (place.consultant !== undefined) {
    names["#c"] = place.consultant;
    conditions.push("bookedBy.#c > :zero");
    update += ", bookedBy.#c = bookedBy.#c - :one";
  }
  return {
    Update: {
      TableName: table(),
      Key: keys.slot(place.date, place.time),
      UpdateExpression: update,
      ConditionExpression: conditions.join(" AND "),
      ExpressionAttributeValues: { ":one": 1, ":zero": 0 },
      ...(place.consultant !== undefined ? { ExpressionAttributeNames: names } : {}),
    },
  };
}

/**
 * The consultant's day and week counters, changed with the booking: the
 * assignment balances on the week's, the per-day limit is the day's condition.
 * `delta` +1 also records when the consultant was last assigned (round robin).
 */
function loadUpdates(
  place: PlaceRef,
  delta: 1 | -1,
  at: string,
  options: { maxPerDay?: number | undefined; day?: boolean; week?: boolean } = {},
): TransactItem[] {
  const consultant = place.consultant;
  if (consultant === undefined) return [];
  const items: TransactItem[] = [];
  const counter = (key: ItemKey, limit?: number): TransactItem => ({
    Update: {
      TableName: table(),
      Key: key,
      UpdateExpression: `ADD #count :delta SET #type = :type${delta > 0 ? ", lastAssignedAt = :at" : ""}`,
      ...(limit !== undefined
        ? { ConditionExpression: "attribute_not_exists(#count) OR #count < :limit" }
        : {}),
      ExpressionAttributeNames: { "#count": "count", "#type": "type" },
      ExpressionAttributeValues: {
        ":delta": delta,
        ":type": "load",
        ...(delta > 0 ? { ":at": at } : {}),
        ...(limit !== undefined ? { ":limit": limit } : {}),
      },
    },
  });
  if (options.day !== false)
    items.push(
      counter(keys.consultantDayLoad(consultant, place.date), delta > 0 ? options.maxPerDay : undefined),
    );
  if (options.week !== false) items.push(counter(keys.consultantWeekLoad(consultant, isoWeekOf(place.date))));
  return items;
}

export interface ConsultantLoad {
  /** Bookings this ISO week. */
  week: number;
  /** Bookings on the day. */
  day: number;
  lastAssignedAt?: string;
}

/** The day and week counters of the consultants for one date (one BatchGet). */
export async function consultantLoads(
  consultants: readonly string[],
  date: string,
): Promise<Map<string, ConsultantLoad>> {
  const loads = new Map<string, ConsultantLoad>(consultants.map((id) => [id, { week: 0, day: 0 }]));
  if (consultants.length === 0) return loads;
  const week = isoWeekOf(date);
  const wanted = consultants.flatMap((id) => [
    keys.consultantDayLoad(id, date),
    keys.consultantWeekLoad(id, week),
  ]);
  let pending: Record<string, unknown>[] = wanted.map((key) => ({ ...key }));
  for (let round = 0; pending.length > 0 && round < 5; round++) {
    const result = await dynamoClient().send(
      new BatchGetCommand({ RequestItems: { [table()]: { Keys: pending, ConsistentRead: true } } }),
    );
    for (const item of result.Responses?.[table()] ?? []) {
      const { pk, sk, count, lastAssignedAt } = item as Record<string, unknown>;
      const id = String(pk).slice("LOAD#".length);
      const load = loads.get(id);
      if (!load || typeof count !== "number") continue;
      if (String(sk).startsWith("DAY#")) load.day = count;
      else {
        load.week = count;
        if (typeof lastAssignedAt === "string") load.lastAssignedAt = lastAssignedAt;
      }
    }
    pending = (result.UnprocessedKeys?.[table()]?.Keys ?? []) as Record<string, unknown>[];
  }
  return loads;
}

/** Sets a consultant's counters to what the bookings say (the one-off migration; absolute, so idempotent). */
export async function setConsultantLoad(
  consultant: string,
  period: { date: string } | { isoWeek: string },
  count: number,
): Promise<void> {
  const key =
    "date" in period
      ? keys.consultantDayLoad(consultant, period.date)
      : keys.consultantWeekLoad(consultant, period.isoWeek);
  await dynamoClient().send(
    new UpdateCommand({
      TableName: table(),
      Key: key,
      UpdateExpression: "SET #count = :count, #type = :type",
      ExpressionAttributeNames: { "#count": "count", "#type": "type" },
      ExpressionAttributeValues: { ":count": count, ":type": "load" },
    }),
  );
}

/** Removes the admins' list entry of a booking flagged over capacity (with the change that clears it). */
function overCapacityDelete(booking: StoredBooking): TransactItem[] {
  if (!booking.overCapacity) return [];
  return [{ Delete: { TableName: table(), Key: keys.overCapacity(booking.date, booking.time, booking.id) } }];
}

export type CreateResult =
  | { kind: "created"; booking: StoredBooking }
  | { kind: "replayed"; booking: StoredBooking }
  /**
   * The slot or the chosen consultant had no free place (or the slot started meanwhile);
   * `slot` as the condition saw it, null when the slot is gone (absent: not known, read it).
   */
  | { kind: "full"; slot?: StoredSlot | null }
  /** The consultant reached the maximum bookings per day. */
  | { kind: "day_limit" }
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
 * Takes a place in the slot, stores the booking, its outbox event, its
 * customer and the idempotency record in one transaction: all or nothing.
 */
export async function createBooking(
  booking: StoredBooking,
  event: OutboxEvent,
  idempotency: IdempotencyClaim | undefined,
  audit?: AuditInput,
  rules: PlaceRules = {},
): Promise<CreateResult> {
  // Every booking belongs to the customer of its phone number, whoever creates it.
  booking = withCustomerId(booking);
  const loads = loadUpdates(booking, 1, booking.createdAt, { maxPerDay: rules.maxPerDay });
  const items: TransactItem[] = [
    takePlace(booking, rules),
    {
      Put: {
        TableName: table(),
        Item: bookingItem(booking),
        ConditionExpression: "attribute_not_exists(pk)",
      },
    },
    // Day counter at index 2: its condition is the per-day limit.
    ...loads,
    outboxPut(booking.id, event),
    // Unconditional: they never change which item's failure means what.
    ...customerItems(booking),
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
  const { failed, seen } = result;
  if (idempotency && failed.at(-1)) {
    const record = await idempotencyRecord(booking.agent, idempotency.key);
    if (record?.bodyHash !== undefined && record.bodyHash !== idempotency.bodyHash) {
      return { kind: "key_reused" };
    }
    const replayed = record ? await getBooking(record.bookingId) : undefined;
    if (replayed) return { kind: "replayed", booking: replayed };
  }
  if (failed[0]) return { kind: "full", slot: slotSeen(seen[0]) };
  if (failed[1]) return { kind: "duplicate" };
  if (loads.length > 0 && failed[2]) return { kind: "day_limit" };
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

export type ChangeResult =
  | { kind: "changed"; booking: StoredBooking }
  /** As for a new booking: the target slot as the condition saw it, null when it is gone. */
  | { kind: "full"; slot?: StoredSlot | null }
  | { kind: "day_limit" }
  | { kind: "stale" };

/**
 * Moves a booking to another slot (and the consultant assigned there): frees
 * the old place and takes the new one atomically; a flag over capacity clears.
 */
export async function rescheduleBooking(
  current: StoredBooking,
  next: Pick<StoredBooking, "date" | "time" | "start" | "end" | "points"> & {
    consultant?: string | undefined;
  },
  event: OutboxEvent,
  audit: AuditInput,
  guard?: ChangeGuard,
  rules: PlaceRules = {},
): Promise<ChangeResult> {
  const now = event.occurredAt;
  const { overCapacity: _cleared, ...rest } = current;
  const moved: StoredBooking = {
    ...rest,
    ...next,
    updatedAt: now,
    sync: { state: "pending", attempts: 0 },
  };
  if (next.consultant === undefined) delete moved.consultant;
  // One transaction may touch an item once: a counter both freed and taken stays as it is.
  const sameConsultant = current.consultant === next.consultant;
  const sameDay = sameConsultant && current.date === next.date;
  const sameWeek = sameConsultant && isoWeekOf(current.date) === isoWeekOf(next.date);
  const counters = { day: !sameDay, week: !sameWeek };
  const taken = loadUpdates(moved, 1, now, { maxPerDay: rules.maxPerDay, ...counters });
  const items: TransactItem[] = [
    freePlace(current),
    takePlace(moved, rules),
    replaceBooking(moved, current, { mustBeBooked: true, guard }),
    outboxPut(current.id, event),
    auditPut(audit),
    // The new day counter at index 5 when it is in the write: its condition is the per-day limit.
    ...taken,
    ...loadUpdates(current, -1, now, counters),
    ...overCapacityDelete(current),
  ];
  const result = await transactWrite(items);
  if (result.ok) return { kind: "changed", booking: moved };
  if (result.failed[2]) return { kind: "stale" };
  if (result.failed[1]) return { kind: "full", slot: slotSeen(result.seen[1]) };
  if (counters.day && taken.length > 0 && result.failed[5]) return { kind: "day_limit" };
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
  delete cancelled.overCapacity;
  const result = await transactWrite([
    freePlace(current),
    replaceBooking(cancelled, current, { mustBeBooked: true, guard }),
    outboxPut(current.id, event),
    auditPut(audit),
    ...loadUpdates(current, -1, event.occurredAt),
    ...overCapacityDelete(current),
  ]);
  return result.ok ? { kind: "changed" as const, booking: cancelled } : { kind: "stale" as const };
}

// ---- Outcomes ---------------------------------------------------------------
// Outcome writes touch only the outcome fields, with UpdateItem and a condition
// on the outcome as it was read: never a whole-item Put, which could roll back
// a calendar-sync state (or any other field) written in between.

/** One outcome change as the writer means it. */
export interface OutcomeWrite {
  outcome: Outcome;
  /** Set when the change names a class (an admin's choice, a completed colour). */
  potentialClass?: PotentialClass | undefined;
  source: OutcomeSource;
  /** Admin username or `job:<name>`. */
  by: string;
  reason?: string | undefined;
  at: string;
}

/** Stored values that mean `outcome` (a renamed value still in old items). */
function storedValuesOf(outcome: Outcome): string[] {
  return [outcome, ...[...legacyOutcomes].filter(([, now]) => now === outcome).map(([old]) => old)];
}

/** The UpdateItem parts every outcome change shares: fields, history entry, condition on what was read. */
function outcomeUpdate(current: StoredBooking, change: OutcomeWrite, extraSets: string[] = []) {
  const entry: OutcomeChange = {
    at: change.at,
    by: change.by,
    from: current.outcome,
    to: change.outcome,
    ...(change.reason ? { reason: change.reason } : {}),
  };
  const names: Record<string, string> = {
    "#outcome": "outcome",
    "#source": "outcomeSource",
    "#history": "outcomeHistory",
    "#updatedAt": "updatedAt",
  };
  const values: Record<string, unknown> = {
    ":to": change.outcome,
    ":source": change.source,
    ":entry": [entry],
    ":empty": [],
    ":at": change.at,
  };
  const sets = [
    "#outcome = :to",
    "#source = :source",
    "#history = list_append(if_not_exists(#history, :empty), :entry)",
    "#updatedAt = :at",
    ...extraSets,
  ];
  if (change.potentialClass) {
    sets.push("#class = :class");
    names["#class"] = "potentialClass";
    values[":class"] = change.potentialClass;
  }
  const seen = storedValuesOf(current.outcome).map((value, index) => {
    values[`:seen${index}`] = value;
    return `#outcome = :seen${index}`;
  });
  const conditions = ["attribute_exists(pk)", `(${seen.join(" OR ")})`];
  if (change.source === "calendar") {
    // The job never overrides an outcome set by hand, even one set after it read the booking.
    conditions.push("(attribute_not_exists(#source) OR #source <> :manual)");
    values[":manual"] = "manual";
  }
  const updated: StoredBooking = {
    ...current,
    outcome: change.outcome,
    ...(change.potentialClass ? { potentialClass: change.potentialClass } : {}),
    outcomeSource: change.source,
    outcomeHistory: [...(current.outcomeHistory ?? []), entry],
    updatedAt: change.at,
  };
  return { sets, names, values, conditions, updated };
}

/**
 * Sets the outcome (by hand or from the calendar): the outcome fields only,
 * the history entry appended, the outbox event and the audit entry in the same
 * transaction. `stale` when the outcome changed since `current` was read (or,
 * for the calendar, an admin has set it by hand).
 */
export async function setOutcome(
  current: StoredBooking,
  change: OutcomeWrite,
  event: OutboxEvent,
  audit?: AuditInput,
): Promise<ChangeResult> {
  const { sets, names, values, conditions, updated } = outcomeUpdate(current, change);
  const result = await transactWrite([
    {
      Update: {
        TableName: table(),
        Key: keys.booking(current.id),
        UpdateExpression: `SET ${sets.join(", ")}`,
        ConditionExpression: conditions.join(" AND "),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
    outboxPut(current.id, event),
    ...(audit ? [auditPut(audit)] : []),
  ]);
  return result.ok ? { kind: "changed", booking: updated } : { kind: "stale" };
}

/**
 * A booking the calendar marked as withdrawn leaves its slot: status
 * cancelled, the place freed, the outcome (cancelled or rescheduled) recorded
 * like any other outcome change. The sync state is left alone: the calendar
 * already shows what happened.
 */
export async function releaseBooking(
  current: StoredBooking,
  change: OutcomeWrite,
  event: OutboxEvent,
  audit: AuditInput,
): Promise<ChangeResult> {
  const { sets, names, values, conditions, updated } = outcomeUpdate(current, change, [
    "#status = :cancelled",
  ]);
  names["#status"] = "status";
  values[":cancelled"] = "cancelled";
  values[":booked"] = "booked";
  conditions.push("#status = :booked");
  const result = await transactWrite([
    freePlace(current),
    {
      Update: {
        TableName: table(),
        Key: keys.booking(current.id),
        // A released booking no longer holds a place, so it is no longer over capacity either.
        UpdateExpression: `SET ${sets.join(", ")}${current.overCapacity ? " REMOVE overCapacity" : ""}`,
        ConditionExpression: conditions.join(" AND "),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
    outboxPut(current.id, event),
    auditPut(audit),
    ...loadUpdates(current, -1, event.occurredAt),
    ...overCapacityDelete(current),
  ]);
  return result.ok ? { kind: "changed", booking: { ...updated, status: "cancelled" } } : { kind: "stale" };
}

/** Rewrites a renamed outcome value in place (no history: the fact did not change, its name did). */
async function convertLegacyOutcome(id: string, stored: string): Promise<boolean> {
  const now = legacyOutcomes.get(stored);
  if (!now) return false;
  return unlessConditionFails(
    dynamoClient().send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.booking(id),
        UpdateExpression: "SET #outcome = :now",
        ConditionExpression: "#outcome = :old",
        ExpressionAttributeNames: { "#outcome": "outcome" },
        ExpressionAttributeValues: { ":now": now, ":old": stored },
      }),
    ),
  ).then((result) => result !== undefined);
}

/**
 * The bookings of one local date, for the outcome job: one Query of the day
 * partition; old outcome values it meets are converted on the way (that is
 * how stored items are migrated on AWS).
 */
export async function bookingsForOutcomes(
  date: string,
): Promise<{ bookings: StoredBooking[]; converted: number }> {
  const items = await queryAll({
    TableName: table(),
    IndexName: indexes.gsi2,
    KeyConditionExpression: "gsi2pk = :pk",
    ExpressionAttributeValues: { ":pk": keys.dayBookingsPartition(date) },
  });
  let converted = 0;
  for (const item of items) {
    if (typeof item.outcome === "string" && typeof item.id === "string" && legacyOutcomes.has(item.outcome)) {
      if (await convertLegacyOutcome(item.id, item.outcome)) converted++;
    }
  }
  return { bookings: items.map(fromItem), converted };
}

/**
 * One-off migration at start (local platform): every booking still holding a
 * renamed outcome value gets the new name. Idempotent: a second run finds none.
 * A Scan, because it runs once per start over a local table; on AWS the outcome
 * job converts what it reads instead.
 */
export async function migrateLegacyOutcomes(): Promise<number> {
  const old = [...legacyOutcomes.keys()];
  const values: Record<string, unknown> = { ":booking": "booking" };
  old.forEach((value, index) => {
    values[`:old${index}`] = value;
  });
  let converted = 0;
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await dynamoClient().send(
      new ScanCommand({
        TableName: table(),
        FilterExpression: `#type = :booking AND #outcome IN (${old.map((_, i) => `:old${i}`).join(", ")})`,
        ExpressionAttributeNames: { "#type": "type", "#outcome": "outcome" },
        ExpressionAttributeValues: values,
        ExclusiveStartKey: cursor,
      }),
    );
    for (const item of page.Items ?? []) {
      if (typeof item.id === "string" && typeof item.outcome === "string") {
        if (await convertLegacyOutcome(item.id, item.outcome)) converted++;
      }
    }
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return converted;
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

/**
 * Moves a booking to another consultant in the same slot (the availability
 * job, when its consultant's places shrank): the target needs a free place of
 * their own; the slot's total does not change. A flag over capacity clears.
 */
export async function reassignBooking(
  current: StoredBooking,
  to: string,
  event: OutboxEvent,
  audit: AuditInput,
): Promise<"changed" | "stale"> {
  const at = event.occurredAt;
  const { overCapacity: _cleared, ...rest } = current;
  const moved: StoredBooking = {
    ...rest,
    consultant: to,
    updatedAt: at,
    sync: { state: "pending", attempts: 0 },
  };
  const from = current.consultant;
  const names: Record<string, string> = { "#to": to };
  let update = "SET bookedBy.#to = if_not_exists(bookedBy.#to, :zero) + :one";
  const conditions = [
    "places.#to > :zero",
    "(attribute_not_exists(bookedBy.#to) OR bookedBy.#to < places.#to)",
  ];
  if (from !== undefined) {
    names["#from"] = from;
    update += ", bookedBy.#from = bookedBy.#from - :one";
    conditions.push("bookedBy.#from > :zero");
  }
  const result = await transactWrite([
    {
      Update: {
        TableName: table(),
        Key: keys.slot(current.date, current.time),
        UpdateExpression: update,
        ConditionExpression: conditions.join(" AND "),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ":one": 1, ":zero": 0 },
      },
    },
    replaceBooking(moved, current, { mustBeBooked: true }),
    outboxPut(current.id, event),
    auditPut(audit),
    ...loadUpdates(moved, 1, at),
    ...loadUpdates(current, -1, at),
    ...overCapacityDelete(current),
  ]);
  return result.ok ? "changed" : "stale";
}

/**
 * Flags (or clears) a booking that fits no consultant's places: never more
 * bookings than places without a visible flag. The flag item lists it for admins.
 */
export async function setOverCapacity(
  current: StoredBooking,
  flagged: boolean,
  audit: AuditInput,
  at = new Date().toISOString(),
): Promise<"changed" | "stale"> {
  const { overCapacity: _previous, ...rest } = current;
  const next: StoredBooking = { ...rest, ...(flagged ? { overCapacity: true } : {}), updatedAt: at };
  const listing = keys.overCapacity(current.date, current.time, current.id);
  const result = await transactWrite([
    replaceBooking(next, current, { mustBeBooked: true }),
    flagged
      ? {
          Put: {
            TableName: table(),
            Item: { ...listing, type: "over-capacity", bookingId: current.id, at },
          },
        }
      : { Delete: { TableName: table(), Key: listing } },
    auditPut(audit),
  ]);
  return result.ok ? "changed" : "stale";
}

/** Bookings flagged over capacity, by slot (one Query of the listing partition). */
export async function listOverCapacity(): Promise<StoredBooking[]> {
  const listed = await queryAll({
    TableName: table(),
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": keys.overCapacityPartition() },
  });
  const bookings = await Promise.all(
    listed.map((item) => (typeof item.bookingId === "string" ? getBooking(item.bookingId) : undefined)),
  );
  return bookings.filter((booking): booking is StoredBooking => booking?.overCapacity === true);
}

/** Every booking in the table, for the one-off consultant migration (a Scan, paged). */
export async function scanBookings(): Promise<StoredBooking[]> {
  const bookings: StoredBooking[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamoClient().send(
      new ScanCommand({
        TableName: table(),
        FilterExpression: "#type = :booking AND sk = :sk",
        ExpressionAttributeNames: { "#type": "type" },
        ExpressionAttributeValues: { ":booking": "booking", ":sk": "BOOKING" },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    bookings.push(...(page.Items ?? []).map(fromItem));
    start = page.LastEvaluatedKey;
  } while (start);
  return bookings;
}

/** Gives a booking without one its consultant (the migration); never overwrites an assigned one. */
export async function setBookingConsultant(id: string, consultant: string): Promise<boolean> {
  const written = await unlessConditionFails(
    dynamoClient().send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.booking(id),
        UpdateExpression: "SET consultant = :consultant",
        ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(consultant)",
        ExpressionAttributeValues: { ":consultant": consultant },
      }),
    ),
  );
  return written !== undefined;
}
