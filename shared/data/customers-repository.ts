import { createHash } from "node:crypto";
import { BatchGetCommand, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import { mapWithLimit } from "../concurrency.ts";
import { config } from "../config.ts";
import { legacyOutcomes, outcomeSchema } from "../domain/booking/outcomes.ts";
import { type CustomerName, customerPhoneOf, encodeName } from "../domain/customers/customer.ts";
import { customerIdOf } from "../domain/customers/customer-id.ts";
import type { CustomerBooking } from "../domain/customers/profile.ts";
import { indexTokens, nameMatches, searchToken } from "../domain/customers/search.ts";
import { batchPut } from "./batch-write.ts";
import { dynamoClient } from "./clients.ts";
import { parseItem } from "./items.ts";
import { keys } from "./keys.ts";
import { queryAll } from "./query.ts";
import { indexes } from "./table.ts";
import { type TransactItem, transactWrite } from "./transactions.ts";

const table = () => config().TABLE_NAME;

/** What the customer write needs of a booking. */
export interface CustomerOfBooking {
  id: string;
  customerId?: string | undefined;
  phone: string;
  firstName: string;
  lastName: string;
  createdAt: string;
}

/**
 * The customer's side of a new booking, for the booking's own transaction:
 * the profile (created on first use; the name pair added to a string set,
 * which dedupes and commutes, so concurrent bookings of one customer never
 * lose a name and need no read before the write) and an immutable link to
 * the booking. No conditions: these items never cancel a booking.
 */
export function customerItems(booking: CustomerOfBooking): TransactItem[] {
  const { customerId } = booking;
  if (!customerId) return [];
  return [
    ...nameIndexItems(customerId, booking).map((Item) => ({ Put: { TableName: table(), Item } })),
    {
      Update: {
        TableName: table(),
        Key: keys.customer(customerId),
        UpdateExpression:
          "SET #type = :type, id = :id, phone = :phone, createdAt = if_not_exists(createdAt, :at), updatedAt = :at ADD #names :name",
        ExpressionAttributeNames: { "#type": "type", "#names": "names" },
        ExpressionAttributeValues: {
          ":type": "customer",
          ":id": customerId,
          ":phone": customerPhoneOf(booking.phone),
          ":at": booking.createdAt,
          ":name": new Set([encodeName(booking)]),
        },
      },
    },
    {
      Put: {
        TableName: table(),
        Item: {
          ...keys.customerBooking(customerId, booking.createdAt, booking.id),
          type: "customer-booking",
          bookingId: booking.id,
        },
      },
    },
  ];
}

/**
 * The name-search items of one name of a customer: one per word of the name
 * (deterministic keys, so writing them again changes nothing).
 */
export function nameIndexItems(customerId: string, name: CustomerName): Record<string, unknown>[] {
  const nameHash = createHash("sha256").update(encodeName(name)).digest("hex").slice(0, 12);
  return indexTokens(name).map((token) => ({
    ...keys.customerNameToken(token, customerId, nameHash),
    type: "customer-name",
    customerId,
    firstName: name.firstName,
    lastName: name.lastName,
  }));
}

/**
 * Past bookings of new customers written in bulk (demo history): profiles,
 * links and name items in batches. Only for customers without a profile
 * (a profile is put whole); bookings of existing customers go through
 * `customerItems`.
 */
export async function writeCustomersOfBookings(bookings: readonly CustomerOfBooking[]): Promise<void> {
  const byCustomer = new Map<string, { phone: string; names: Set<string>; at: string }>();
  const items: Record<string, unknown>[] = [];
  for (const booking of bookings) {
    const { customerId } = booking;
    if (!customerId) continue;
    const entry = byCustomer.get(customerId) ?? {
      phone: customerPhoneOf(booking.phone),
      names: new Set(),
      at: booking.createdAt,
    };
    const encoded = encodeName(booking);
    if (!entry.names.has(encoded)) items.push(...nameIndexItems(customerId, booking));
    entry.names.add(encoded);
    if (booking.createdAt < entry.at) entry.at = booking.createdAt;
    byCustomer.set(customerId, entry);
    items.push({
      ...keys.customerBooking(customerId, booking.createdAt, booking.id),
      type: "customer-booking",
      bookingId: booking.id,
    });
  }
  // Profiles put whole (names as a set): the caller writes customers that have no profile yet.
  for (const [id, entry] of byCustomer)
    items.push({
      ...keys.customer(id),
      type: "customer",
      id,
      phone: entry.phone,
      names: entry.names,
      createdAt: entry.at,
      updatedAt: entry.at,
    });
  await batchPut(items);
}

export interface CustomerNameHit {
  customerId: string;
  firstName: string;
  lastName: string;
}

const nameHitSchema = z
  .object({ customerId: z.string(), firstName: z.string(), lastName: z.string() })
  .loose();

/**
 * Customers whose name matches a search: one Query of the partition of the
 * search's longest word (begins_with on the word), then every word of the
 * search checked against the name. At most `limit` customers, by name.
 */
export async function searchCustomersByName(query: string, limit = 20): Promise<CustomerNameHit[]> {
  const token = searchToken(query);
  if (!token) return [];
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :token)",
    ExpressionAttributeValues: { ":pk": keys.customerNamePartition(token), ":token": token },
  });
  const hits = new Map<string, CustomerNameHit>();
  for (const item of items) {
    const hit = parseItem("customer name", nameHitSchema, item);
    if (!hits.has(hit.customerId) && nameMatches(query, hit))
      hits.set(hit.customerId, {
        customerId: hit.customerId,
        firstName: hit.firstName,
        lastName: hit.lastName,
      });
  }
  return [...hits.values()]
    .sort(
      (a, b) => a.lastName.localeCompare(b.lastName, "de") || a.firstName.localeCompare(b.firstName, "de"),
    )
    .slice(0, limit);
}

export const customerNamesBackfillMarker = "customer-names-v1";

/**
 * One-off: name-search items for the customers of bookings made before the
 * index existed (found day by day through the slot dates, Query only).
 * Idempotent: the items' keys derive from the name, and a marker ends it.
 */
export async function backfillCustomerNames(): Promise<number> {
  const marker = await dynamoClient().send(
    new GetCommand({
      TableName: table(),
      Key: keys.marker(customerNamesBackfillMarker),
      ConsistentRead: true,
    }),
  );
  if (marker.Item) return 0;
  const slotKeys = await queryAll({
    TableName: table(),
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": keys.slotsPartition() },
    ProjectionExpression: "#date",
    ExpressionAttributeNames: { "#date": "date" },
  });
  const dates = [...new Set(slotKeys.map((item) => String(item.date)))];
  const seen = new Set<string>();
  const items: Record<string, unknown>[] = [];
  await mapWithLimit(dates, 4, async (date) => {
    const bookings = await queryAll({
      TableName: table(),
      IndexName: indexes.gsi2,
      KeyConditionExpression: "gsi2pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.dayBookingsPartition(date) },
    });
    for (const item of bookings) {
      const booking = withCustomerId(parseItem("booking", legacyBookingSchema, item));
      const name = { firstName: booking.firstName, lastName: booking.lastName };
      const seenKey = `${booking.customerId}:${encodeName(name)}`;
      if (seen.has(seenKey) || !booking.customerId) continue;
      seen.add(seenKey);
      items.push(...nameIndexItems(booking.customerId, name));
    }
  });
  await batchPut(items);
  await dynamoClient().send(
    new PutCommand({
      TableName: table(),
      Item: { ...keys.marker(customerNamesBackfillMarker), doneAt: new Date().toISOString() },
    }),
  );
  return seen.size;
}

/** The customer a booking belongs to: derived from its (already normalised) phone number. */
export function withCustomerId<B extends { phone: string; customerId?: string | undefined }>(booking: B): B {
  return booking.customerId
    ? booking
    : { ...booking, customerId: customerIdOf(customerPhoneOf(booking.phone)) };
}

const customerSchema = z
  .object({
    id: z.string(),
    phone: z.string(),
    names: z.set(z.string()).default(new Set()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .loose();
export type StoredCustomer = z.infer<typeof customerSchema>;

const linkSchema = z.object({ bookingId: z.string() }).loose();

/** The booking fields a profile counts; an outcome stored under an old name reads as its new one. */
const customerBookingSchema: z.ZodType<CustomerBooking> = z
  .object({
    id: z.string(),
    date: z.string(),
    time: z.string(),
    start: z.string(),
    status: z.enum(["booked", "cancelled"]),
    outcome: z
      .string()
      .transform((outcome) => legacyOutcomes.get(outcome) ?? outcome)
      .pipe(outcomeSchema),
    agent: z.string(),
    consultant: z.string().optional(),
    firstName: z.string(),
    lastName: z.string(),
    createdAt: z.string(),
  })
  .transform(({ consultant, ...booking }) => ({ ...booking, ...(consultant ? { consultant } : {}) }));

const batchGetSize = 100;
const batchAttempts = 8;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// Only what a profile shows (never the note); every name aliased, several are reserved words.
const bookingAttributes = [
  "id",
  "date",
  "time",
  "start",
  "status",
  "outcome",
  "agent",
  "consultant",
  "firstName",
  "lastName",
  "createdAt",
];
const projection = {
  ProjectionExpression: bookingAttributes.map((_, i) => `#a${i}`).join(", "),
  ExpressionAttributeNames: Object.fromEntries(bookingAttributes.map((name, i) => [`#a${i}`, name])),
};

/** Bookings by id (BatchGet in hundreds, unprocessed keys sent again); ids that do not exist are skipped. */
async function bookingsById(ids: readonly string[]): Promise<CustomerBooking[]> {
  const chunks: string[][] = [];
  for (let start = 0; start < ids.length; start += batchGetSize)
    chunks.push(ids.slice(start, start + batchGetSize));
  const pages = await mapWithLimit(chunks, 4, async (chunk) => {
    const items: Record<string, unknown>[] = [];
    let pending: Record<string, unknown>[] = chunk.map((id) => ({ ...keys.booking(id) }));
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > batchAttempts) throw new Error(`${pending.length} bookings left unread after retries`);
      if (attempt > 1) await sleep(Math.random() * Math.min(1_000, 50 * 2 ** attempt));
      const result = await dynamoClient().send(
        new BatchGetCommand({
          RequestItems: {
            [table()]: {
              Keys: pending,
              ConsistentRead: true,
              ...projection,
            },
          },
        }),
      );
      items.push(...(result.Responses?.[table()] ?? []));
      pending = result.UnprocessedKeys?.[table()]?.Keys ?? [];
    }
    return items;
  });
  return pages.flat().map((item) => parseItem("booking", customerBookingSchema, item));
}

export interface CustomerRecord {
  customer: StoredCustomer;
  bookings: CustomerBooking[];
}

/**
 * A customer and all their bookings: one Query of the customer's partition
 * (profile and booking links), then the bookings by id. Outcomes are read
 * from the bookings themselves, so the counts are always the bookings' own.
 */
export async function customerWithBookings(id: string): Promise<CustomerRecord | undefined> {
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": keys.customerPartition(id) },
    ConsistentRead: true,
  });
  const profile = items.find((item) => item.sk === keys.customer(id).sk);
  if (!profile) return undefined;
  const bookingIds = items
    .filter((item) => item !== profile)
    .map((item) => parseItem("customer booking", linkSchema, item).bookingId);
  return {
    customer: parseItem("customer", customerSchema, profile),
    bookings: await bookingsById(bookingIds),
  };
}

export async function getCustomer(id: string): Promise<StoredCustomer | undefined> {
  const result = await dynamoClient().send(
    new GetCommand({ TableName: table(), Key: keys.customer(id), ConsistentRead: true }),
  );
  return result.Item ? parseItem("customer", customerSchema, result.Item) : undefined;
}

export const customersBackfillMarker = "customers-backfill-v1";

const legacyBookingSchema = z
  .object({
    id: z.string(),
    phone: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    createdAt: z.string(),
    customerId: z.string().optional(),
  })
  .loose();

/**
 * One-off: gives every booking made before customers existed its customer
 * (booking's `customerId`, profile, link), each booking in one transaction.
 * Idempotent twice over: done once a marker says so, and each write is
 * conditional on the booking still lacking a customer (the name set and the
 * link are idempotent anyway). Bookings are found day by day through the
 * slot dates (Query only: functions are not granted Scan). Returns how many
 * bookings got a customer; 0 once done.
 */
export async function backfillCustomers(): Promise<number> {
  const marker = await dynamoClient().send(
    new GetCommand({ TableName: table(), Key: keys.marker(customersBackfillMarker), ConsistentRead: true }),
  );
  if (marker.Item) return 0;
  const slotKeys = await queryAll({
    TableName: table(),
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": keys.slotsPartition() },
    ProjectionExpression: "#date",
    ExpressionAttributeNames: { "#date": "date" },
  });
  const dates = [...new Set(slotKeys.map((item) => String(item.date)))];
  const counts = await mapWithLimit(dates, 4, async (date) => {
    const items = await queryAll({
      TableName: table(),
      IndexName: indexes.gsi2,
      KeyConditionExpression: "gsi2pk = :pk",
      FilterExpression: "attribute_not_exists(customerId)",
      ExpressionAttributeValues: { ":pk": keys.dayBookingsPartition(date) },
    });
    let done = 0;
    for (const item of items) {
      const booking = withCustomerId(parseItem("booking", legacyBookingSchema, item));
      const result = await transactWrite([
        {
          Update: {
            TableName: table(),
            Key: keys.booking(booking.id),
            UpdateExpression: "SET customerId = :customer",
            ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(customerId)",
            ExpressionAttributeValues: { ":customer": booking.customerId },
          },
        },
        ...customerItems(booking),
      ]);
      if (result.ok) done += 1;
    }
    return done;
  });
  await dynamoClient().send(
    new PutCommand({
      TableName: table(),
      Item: { ...keys.marker(customersBackfillMarker), doneAt: new Date().toISOString() },
    }),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}
