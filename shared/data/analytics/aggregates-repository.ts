import { BatchWriteCommand, GetCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { config } from "../../config.ts";
import {
  type AggregateDimension,
  aggregateBookings,
  aggregateDimensions,
  type Contribution,
  type Counts,
  contributionDelta,
  contributionOf,
  countFields,
  emptyCounts,
  isZero,
  parseRowId,
  rowId,
} from "../../domain/analytics/counts.ts";
import { getBooking, scanBookings } from "../bookings-repository.ts";
import { dynamoClient } from "../clients.ts";
import { keys } from "../keys.ts";
import { queryAll } from "../query.ts";
import { type TransactItem, transactWrite } from "../transactions.ts";

export type { AggregateDimension, Counts } from "../../domain/analytics/counts.ts";

/** One aggregate row: a local date × one value of a dimension, with its counts. */
export interface AggregateRow extends Counts {
  date: string;
  value: string;
}

const table = () => config().TABLE_NAME;

function rowItem(dimension: AggregateDimension, date: string, value: string, counts: Counts) {
  return { ...keys.aggregate(dimension, date, value), type: "aggregate", dimension, date, value, ...counts };
}

function counts(item: Record<string, unknown>): Counts {
  const result = emptyCounts();
  for (const field of countFields) result[field] = Number(item[field] ?? 0);
  return result;
}

/** Counter updates in one expression: ADD is commutative, so concurrent events never lose an increment. */
function rowUpdate(id: string, delta: Counts): TransactItem {
  const { dimension, date, value } = parseRowId(id);
  const names: Record<string, string> = {
    "#type": "type",
    "#dimension": "dimension",
    "#date": "date",
    "#value": "value",
  };
  const values: Record<string, unknown> = {
    ":type": "aggregate",
    ":dimension": dimension,
    ":date": date,
    ":value": value,
  };
  const adds: string[] = [];
  for (const [index, field] of countFields.entries()) {
    if (delta[field] === 0) continue;
    names[`#f${index}`] = field;
    values[`:f${index}`] = delta[field];
    adds.push(`#f${index} :f${index}`);
  }
  return {
    Update: {
      TableName: table(),
      Key: keys.aggregate(dimension, date, value),
      UpdateExpression: `SET #type = :type, #dimension = :dimension, #date = :date, #value = :value ADD ${adds.join(", ")}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

interface Counted {
  contribution?: Contribution;
  version: number;
}

async function readCounted(bookingId: string): Promise<Counted | undefined> {
  const result = await dynamoClient().send(
    new GetCommand({ TableName: table(), Key: keys.aggregateCounted(bookingId), ConsistentRead: true }),
  );
  if (!result.Item) return undefined;
  return {
    ...(result.Item.contribution ? { contribution: result.Item.contribution as Contribution } : {}),
    version: Number(result.Item.version ?? 0),
  };
}

function countedPut(
  bookingId: string,
  contribution: Contribution | undefined,
  seen: Counted | undefined,
): TransactItem {
  return {
    Put: {
      TableName: table(),
      Item: {
        ...keys.aggregateCounted(bookingId),
        type: "aggregateCounted",
        bookingId,
        ...(contribution ? { contribution } : {}),
        version: (seen?.version ?? 0) + 1,
      },
      ...(seen
        ? { ConditionExpression: "version = :seen", ExpressionAttributeValues: { ":seen": seen.version } }
        : { ConditionExpression: "attribute_not_exists(pk)" }),
    },
  };
}

/** `unchanged`: the booking is already counted as it stands (nothing to write). */
export type ApplyResult = "applied" | "unchanged";

/**
 * Brings the aggregates in line with a booking after one of its outbox events.
 * The booking's counted state (condition: unchanged since read) and the
 * counter deltas commit in one transaction; the deltas are the difference
 * between how the booking was counted and how it is now. So an outcome
 * correction moves its count from the old outcome to the new, a reschedule
 * moves it between days and slot times, and an event delivered late, twice or
 * at the same time as another of its booking changes nothing beyond what the
 * booking's state says: the counts are exact without remembering events (a
 * per-event marker was tried and took away nothing the tests could see).
 */
export async function applyBookingEvent(bookingId: string): Promise<ApplyResult> {
  for (let attempt = 1; ; attempt++) {
    const [booking, seen] = await Promise.all([getBooking(bookingId), readCounted(bookingId)]);
    const now = booking ? contributionOf(booking) : undefined;
    const deltas = contributionDelta(seen?.contribution, now);
    if (deltas.size === 0) return "unchanged";
    const result = await transactWrite([
      countedPut(bookingId, now, seen),
      ...[...deltas].map(([id, delta]) => rowUpdate(id, delta)),
    ]);
    if (result.ok) return "applied";
    // The counted state changed under us (another event of this booking): read again.
    if (attempt >= 5) throw new Error("aggregates: booking counted state kept changing");
  }
}

/** Aggregate rows of one dimension for local dates from..to (inclusive). */
export async function readAggregates(query: {
  from: string;
  to: string;
  dimension: AggregateDimension;
}): Promise<AggregateRow[]> {
  const range = keys.aggregateRange(query.from, query.to);
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
    ExpressionAttributeValues: {
      ":pk": keys.aggregatePartition(query.dimension),
      ":from": range.from,
      ":to": range.to,
    },
  });
  return items
    .map((item) => ({ date: String(item.date), value: String(item.value), ...counts(item) }))
    .filter((row) => !isZero(row));
}

async function readAllRows(): Promise<Map<string, Counts>> {
  const rows = new Map<string, Counts>();
  for (const dimension of aggregateDimensions) {
    for (const row of await readAggregates({ from: "0000-00-00", to: "9999-99-99", dimension })) {
      rows.set(rowId(dimension, row.date, row.value), row);
    }
  }
  return rows;
}

async function scanCounted(): Promise<Map<string, Contribution | undefined>> {
  const counted = new Map<string, Contribution | undefined>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamoClient().send(
      new ScanCommand({
        TableName: table(),
        FilterExpression: "#type = :type",
        ExpressionAttributeNames: { "#type": "type" },
        ExpressionAttributeValues: { ":type": "aggregateCounted" },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of page.Items ?? [])
      counted.set(String(item.bookingId), item.contribution as Contribution | undefined);
    start = page.LastEvaluatedKey;
  } while (start);
  return counted;
}

async function batchWrite(requests: Record<string, unknown>[]): Promise<void> {
  for (let index = 0; index < requests.length; index += 25) {
    let pending: Record<string, unknown>[] | undefined = requests.slice(index, index + 25);
    for (let attempt = 0; pending && pending.length > 0; attempt++) {
      const result = await dynamoClient().send(
        new BatchWriteCommand({ RequestItems: { [table()]: pending as never } }),
      );
      pending = result.UnprocessedItems?.[table()] as Record<string, unknown>[] | undefined;
      if (pending?.length)
        await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
    }
  }
}

/**
 * Counted alike: no row would change. (Not by JSON text: a stored map's keys
 * come back from DynamoDB in any order, which made every rebuild rewrite
 * every booking's counted state.)
 */
const sameContribution = (a: Contribution | undefined, b: Contribution | undefined) =>
  contributionDelta(a, b).size === 0;

export interface RebuildResult {
  bookings: number;
  rows: number;
  /** Rows whose stored counts differed from the recomputation (and were corrected). */
  rowsCorrected: number;
  /** Bookings whose counted state differed (and was corrected). */
  bookingsCorrected: number;
}

/**
 * Recomputes every aggregate row from the bookings and writes only what
 * differs (rows and the bookings' counted states alike), so a rebuild on
 * agreeing aggregates writes nothing. Events applied while it runs may be
 * overwritten by its snapshot; the next rebuild (or the booking's next event)
 * settles them, which is why it runs when bookings rest (nightly).
 */
export async function rebuildAggregates(
  progress?: (done: number, total: number) => void,
): Promise<RebuildResult> {
  const bookings = await scanBookings();
  const expected = aggregateBookings(bookings);
  const [stored, counted] = await Promise.all([readAllRows(), scanCounted()]);
  const writes: Record<string, unknown>[] = [];
  let rowsCorrected = 0;
  for (const id of new Set([...expected.keys(), ...stored.keys()])) {
    const want = expected.get(id) ?? emptyCounts();
    const have = stored.get(id) ?? emptyCounts();
    if (countFields.every((field) => want[field] === have[field])) continue;
    rowsCorrected++;
    const { dimension, date, value } = parseRowId(id);
    writes.push(
      isZero(want)
        ? { DeleteRequest: { Key: keys.aggregate(dimension, date, value) } }
        : { PutRequest: { Item: rowItem(dimension, date, value, want) } },
    );
  }
  let bookingsCorrected = 0;
  const ids = new Set(bookings.map((booking) => booking.id));
  for (const booking of bookings) {
    const contribution = contributionOf(booking);
    if (sameContribution(counted.get(booking.id), contribution)) continue;
    bookingsCorrected++;
    writes.push({
      PutRequest: {
        Item: {
          ...keys.aggregateCounted(booking.id),
          type: "aggregateCounted",
          bookingId: booking.id,
          contribution,
          version: Date.now(),
        },
      },
    });
  }
  for (const [bookingId, contribution] of counted) {
    if (ids.has(bookingId) || !contribution) continue;
    bookingsCorrected++;
    writes.push({ DeleteRequest: { Key: keys.aggregateCounted(bookingId) } });
  }
  for (let index = 0; index < writes.length; index += 250) {
    await batchWrite(writes.slice(index, index + 250));
    progress?.(Math.min(index + 250, writes.length), writes.length);
  }
  return { bookings: bookings.length, rows: expected.size, rowsCorrected, bookingsCorrected };
}

/** Rows recomputed from the given bookings, as `readAggregates` would answer (tests and the bench compare them). */
export function recompute(
  bookings: Parameters<typeof aggregateBookings>[0],
  query: { from: string; to: string; dimension: AggregateDimension },
): AggregateRow[] {
  const rows: AggregateRow[] = [];
  for (const [id, row] of aggregateBookings(bookings)) {
    const { dimension, date, value } = parseRowId(id);
    if (dimension === query.dimension && date >= query.from && date <= query.to && !isZero(row))
      rows.push({ date, value, ...row });
  }
  return rows.sort((a, b) => (a.date === b.date ? (a.value < b.value ? -1 : 1) : a.date < b.date ? -1 : 1));
}

/** The events handler's subscriber: every booking event brings the booking's counting up to date. */
export async function countBookingEvent(event: { payload: unknown }): Promise<void> {
  const bookingId = (event.payload as { bookingId?: unknown } | undefined)?.bookingId;
  if (typeof bookingId !== "string") return;
  await applyBookingEvent(bookingId);
}
