import { setTimeout as sleep } from "node:timers/promises";
import { CreateTableCommand, type DynamoDBClient, waitUntilTableExists } from "@aws-sdk/client-dynamodb";
import { BatchWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { keys } from "../../shared/data/keys.ts";
import { tableDefinition } from "../../shared/data/table.ts";
import { addDays } from "../../shared/domain/booking/local-date.ts";

export interface GeneratedBooking {
  id: string;
  date: string;
  time: string;
  firstName: string;
  lastName: string;
  phone: string;
  agent: string;
  consultant: string;
  potentialClass: string;
  outcome: string;
  points: number;
}

const times = ["09:00", "11:00", "14:00", "16:00", "18:00", "20:00"];

/** Booking `index` of a generated set: deterministic, so a test knows every row it expects. */
export function generatedBooking(
  prefix: string,
  fromDate: string,
  perDay: number,
  index: number,
  overrides: Partial<GeneratedBooking> = {},
): GeneratedBooking {
  const day = Math.floor(index / perDay);
  return {
    id: `${prefix}${index.toString(16).padStart(32 - prefix.length, "0")}`,
    date: addDays(fromDate, day),
    time: times[index % times.length]!,
    firstName: `Vorname${index}`,
    lastName: `Nachname${index}`,
    phone: `+49170${String(1_000_000 + index).padStart(7, "0")}`,
    agent: "anna",
    consultant: "bench-consultant",
    potentialClass: "standard",
    outcome: index % 5 === 0 ? "no_show" : "completed",
    points: 3,
    ...overrides,
  };
}

/** A booking item as the booking transaction writes it (the fields and keys an export reads). */
export function bookingItem(booking: GeneratedBooking, dayIndexOnly = false) {
  const start = `${booking.date}T${booking.time}:00.000Z`;
  return {
    ...keys.booking(booking.id),
    // The agent index is not what an export reads; a throw-away table can go without it (faster writes).
    ...(dayIndexOnly ? {} : keys.bookingOfAgent(booking.agent, start, booking.id)),
    ...keys.bookingOnDay(booking.date, booking.time, booking.id),
    type: "booking",
    ...booking,
    start,
    end: start,
    status: "booked",
    eventId: booking.id,
    sync: { state: "synced", attempts: 1 },
    createdAt: start,
    updatedAt: start,
  };
}

/**
 * Writes bookings straight into `table` with BatchWrite (25 a request, several
 * in flight, unprocessed items sent again after a growing pause): how the
 * memory test and the bench get 100k rows without 100k booking transactions.
 * DynamoDB Local spends about a millisecond of CPU on each item whatever its
 * size, so the count of items, not their attributes, sets the time.
 */
export async function writeBookings(
  dynamo: DynamoDBDocumentClient,
  table: string,
  bookings: Iterable<GeneratedBooking>,
  options: { inFlight?: number; dayIndexOnly?: boolean } = {},
): Promise<number> {
  const inFlight = options.inFlight ?? 16;
  const iterator = bookings[Symbol.iterator]();
  let written = 0;
  const next = (): Record<string, unknown>[] => {
    const batch: Record<string, unknown>[] = [];
    for (let item = iterator.next(); !item.done; item = iterator.next()) {
      batch.push(bookingItem(item.value, options.dayIndexOnly));
      if (batch.length === 25) break;
    }
    return batch;
  };
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      for (let batch = next(); batch.length > 0; batch = next()) {
        let pending = batch.map((Item) => ({ PutRequest: { Item } }));
        for (let attempt = 0; pending.length > 0; attempt++) {
          if (attempt > 0) await sleep(Math.min(1_000, 25 * 2 ** attempt) * (0.5 + Math.random() / 2));
          const result = await dynamo.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
          pending = (result.UnprocessedItems?.[table] ?? []) as typeof pending;
        }
        written += batch.length;
      }
    }),
  );
  return written;
}

/**
 * A throw-away table for bulk rows: the single table's keys and indexes, but
 * no stream. DynamoDB Local writes a stream record beside every item (about a
 * third of its work per write), and nothing reads this table's changes: the
 * export worker only queries the day index.
 */
export async function createBulkTable(client: DynamoDBClient, name: string): Promise<void> {
  const { partitionKey, sortKey, globalSecondaryIndexes } = tableDefinition;
  const keySchema = (hash: string, range: string) => [
    { AttributeName: hash, KeyType: "HASH" as const },
    { AttributeName: range, KeyType: "RANGE" as const },
  ];
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [
        partitionKey,
        sortKey,
        ...globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
      ].map((attribute) => ({ AttributeName: attribute, AttributeType: "S" })),
      KeySchema: keySchema(partitionKey, sortKey),
      GlobalSecondaryIndexes: globalSecondaryIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: keySchema(index.partitionKey, index.sortKey),
        Projection: { ProjectionType: "ALL" },
      })),
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: name });
}

/** `count` generated bookings, `perDay` a day from `fromDate`. */
export function* generatedBookings(
  prefix: string,
  fromDate: string,
  perDay: number,
  count: number,
): Generator<GeneratedBooking> {
  for (let index = 0; index < count; index++) yield generatedBooking(prefix, fromDate, perDay, index);
}
