import { BatchWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { keys } from "../../shared/data/keys.ts";
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
 * in flight, unprocessed items sent again): how the memory test and the bench
 * get 100k rows in seconds instead of 100k booking transactions.
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
        while (pending.length > 0) {
          const result = await dynamo.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
          pending = (result.UnprocessedItems?.[table] ?? []) as typeof pending;
        }
        written += batch.length;
      }
    }),
  );
  return written;
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
