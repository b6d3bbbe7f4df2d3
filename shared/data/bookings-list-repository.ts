import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import { config } from "../config.ts";
import { addDays, isIsoDate } from "../domain/booking/local-date.ts";
import { fromItem as bookingFromItem, type StoredBooking } from "./bookings-repository.ts";
import { dynamoClient } from "./clients.ts";
import { keys } from "./keys.ts";
import type { QueryInput } from "./query.ts";
import { indexes } from "./table.ts";

/**
 * Where a page of bookings ends: the DynamoDB key of the last item it took
 * (its LastEvaluatedKey as the next Query's ExclusiveStartKey) and, for the
 * all-agents list that walks day partitions, the day. Sent to clients as an
 * opaque base64url token; decoded and checked against the query it continues.
 */
export interface PagePosition {
  /** Table and index key of the last item taken. */
  k?: Record<string, string> | undefined;
  /** Day partition to continue in (all-agents list). */
  d?: string | undefined;
}

const positionSchema = z
  .object({
    k: z.record(z.string().max(300), z.string().max(300)).optional(),
    d: z.string().refine(isIsoDate).optional(),
  })
  .strict()
  .refine((position) => position.k !== undefined || position.d !== undefined);

export function encodeCursor(position: PagePosition): string {
  return Buffer.from(JSON.stringify(position)).toString("base64url");
}

/** The position a cursor names, or undefined when it is not one this API wrote. */
export function decodeCursor(cursor: string): PagePosition | undefined {
  try {
    const parsed = positionSchema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export interface BookingPage {
  bookings: StoredBooking[];
  /** Absent when nothing more matches. */
  next?: PagePosition | undefined;
}

interface Entry {
  booking?: StoredBooking | undefined;
  position: PagePosition;
}

/**
 * Reading budget of one request: a search over a long history returns what it
 * found so far with a cursor instead of reading the whole partition at once.
 */
const maxExaminedPerPage = 1_000;

/**
 * Takes `limit` matching bookings from an ordered source and looks one match
 * further, so `next` is absent exactly when nothing more matches (no empty
 * last page behind a "load more").
 */
async function collect(
  source: AsyncIterable<Entry>,
  limit: number,
  keep: (booking: StoredBooking) => boolean,
): Promise<BookingPage> {
  const bookings: StoredBooking[] = [];
  let lastTaken: PagePosition | undefined;
  let examined = 0;
  for await (const entry of source) {
    if (entry.booking && keep(entry.booking)) {
      if (bookings.length === limit) return { bookings, next: lastTaken };
      bookings.push(entry.booking);
      lastTaken = entry.position;
    }
    if (++examined >= maxExaminedPerPage) {
      return { bookings, next: bookings.length === limit ? lastTaken : entry.position };
    }
  }
  return { bookings };
}

/** Items of a Query in order, following LastEvaluatedKey, each with its own key as position. */
async function* queryEntries(
  input: QueryInput,
  keyNames: readonly string[],
  start: Record<string, string> | undefined,
  position: (key: Record<string, string>) => PagePosition,
): AsyncGenerator<Entry> {
  let exclusiveStart: Record<string, unknown> | undefined = start;
  do {
    const page = await dynamoClient().send(new QueryCommand({ ...input, ExclusiveStartKey: exclusiveStart }));
    for (const item of page.Items ?? []) {
      const key = Object.fromEntries(keyNames.map((name) => [name, String(item[name])]));
      yield { booking: bookingFromItem(item), position: position(key) };
    }
    exclusiveStart = page.LastEvaluatedKey;
  } while (exclusiveStart);
}

const agentIndexKey = ["pk", "sk", "gsi1pk", "gsi1sk"] as const;
const dayIndexKey = ["pk", "sk", "gsi2pk", "gsi2sk"] as const;

/** Why a cursor cannot continue this list (another agent's, another kind of list). */
export class CursorMismatch extends Error {}

function checkedKey(
  key: Record<string, string> | undefined,
  names: readonly string[],
  partition: string,
  partitionName: string,
): Record<string, string> | undefined {
  if (key === undefined) return undefined;
  const fits =
    Object.keys(key).length === names.length &&
    names.every((name) => typeof key[name] === "string" && key[name] !== "") &&
    key[partitionName] === partition;
  if (!fits) throw new CursorMismatch();
  return key;
}

/**
 * One page of an agent's bookings by start (the agent index, one partition):
 * `[fromIso, toIso]` bounds the index's sort key; `keep` filters server-side.
 */
export function pageBookingsOfAgent(query: {
  agent: string;
  fromIso: string;
  toIso: string;
  descending: boolean;
  limit: number;
  after?: PagePosition | undefined;
  filtered: boolean;
  keep: (booking: StoredBooking) => boolean;
}): Promise<BookingPage> {
  const partition = keys.agentBookingsPartition(query.agent);
  if (query.after?.d !== undefined) throw new CursorMismatch();
  const start = checkedKey(query.after?.k, agentIndexKey, partition, "gsi1pk");
  let { fromIso, toIso } = query;
  // "Now" moves between two pages: the bounds widen to the cursor, `keep` still applies the view.
  const at = start?.gsi1sk;
  if (at !== undefined && at < fromIso) fromIso = at;
  if (at !== undefined && at > toIso) toIso = at;
  const source = queryEntries(
    {
      TableName: config().TABLE_NAME,
      IndexName: indexes.gsi1,
      KeyConditionExpression: "gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to",
      ExpressionAttributeValues: { ":pk": partition, ":from": fromIso, ":to": toIso },
      ScanIndexForward: !query.descending,
      // Unfiltered, one more than the page tells whether another follows; filtered, read ahead.
      Limit: query.filtered ? 200 : query.limit + 1,
    },
    agentIndexKey,
    start,
    (key) => ({ k: key }),
  );
  return collect(source, query.limit, query.keep);
}

/**
 * One page of every agent's bookings, walking the day partitions from `fromDate`
 * to `toDate` (backwards when descending), by time within a day.
 */
export function pageBookingsByDay(query: {
  fromDate: string;
  toDate: string;
  descending: boolean;
  limit: number;
  after?: PagePosition | undefined;
  keep: (booking: StoredBooking) => boolean;
}): Promise<BookingPage> {
  const { fromDate, toDate, descending } = query;
  const step = descending ? -1 : 1;
  let day = query.after?.d ?? (descending ? toDate : fromDate);
  if (day < fromDate || day > toDate) throw new CursorMismatch();
  let start = checkedKey(query.after?.k, dayIndexKey, keys.dayBookingsPartition(day), "gsi2pk");
  async function* days(): AsyncGenerator<Entry> {
    while (day >= fromDate && day <= toDate) {
      const current = day;
      yield* queryEntries(
        {
          TableName: config().TABLE_NAME,
          IndexName: indexes.gsi2,
          KeyConditionExpression: "gsi2pk = :pk",
          ExpressionAttributeValues: { ":pk": keys.dayBookingsPartition(current) },
          ScanIndexForward: !descending,
        },
        dayIndexKey,
        start,
        (key) => ({ d: current, k: key }),
      );
      start = undefined;
      day = addDays(current, step);
      // A day without matches still counts against the budget, and a cursor may continue from its end.
      if (day >= fromDate && day <= toDate) yield { position: { d: day } };
    }
  }
  return collect(days(), query.limit, query.keep);
}
