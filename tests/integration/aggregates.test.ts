import { PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { lambdaContext } from "../../local/lambda-context.ts";
import type { StoredBooking } from "../../shared/data/bookings-repository.ts";
import type { AggregateDimension } from "../../shared/domain/analytics/counts.ts";
import { aggregateDimensions } from "../../shared/domain/analytics/counts.ts";
import type { Outcome, PotentialClass } from "../../shared/domain/booking/outcomes.ts";
import { bookingEvents } from "../../shared/events/booking-events.ts";
import type { OutboxEvent } from "../../shared/events/outbox.ts";
import { demoAdmin, signedIn, type TestClient } from "../support/http.ts";
import { runJobAndWait } from "../support/jobs.ts";

// A window of dates no other test books into: the comparison covers exactly this test's bookings.
// Dates no other test file books on: other files write bookings without events (export rows),
// which the recomputation would count and the aggregates, rightly, would not.
const from = "2033-05-02";
const to = "2033-05-15";
const dates = Array.from({ length: 14 }, (_, index) => `2033-05-${String(index + 2).padStart(2, "0")}`);
const times = ["09:00", "11:00", "14:00", "16:00", "18:00", "20:00"];
const agents = ["anna", "max", "sophie", "agg-tina"];
const consultants = ["agg-c1", "agg-c2", "agg-c3"];
const potentials: PotentialClass[] = ["normal", "top", "closer_needed", "recall", "standard"];
const outcomes: Outcome[] = [
  "completed",
  "overhang",
  "no_show",
  "ghost",
  "cancelled",
  "rescheduled",
  "consultant_change",
];

let admin: TestClient;
let dynamo: typeof import("../../shared/data/clients.ts");
let keys: typeof import("../../shared/data/keys.ts")["keys"];
let aggregates: typeof import("../../shared/data/analytics/aggregates-repository.ts");
let bookingsRepository: typeof import("../../shared/data/bookings-repository.ts");
let events: typeof import("../../functions/events/handler.ts");
let dispatch: typeof import("../../functions/events/dispatch.ts");

beforeAll(async () => {
  admin = await signedIn(demoAdmin);
  // The events handler runs here, in this process, against the stack's DynamoDB Local and calendar emulator.
  process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
  process.env.S3_ENDPOINT = inject("s3Endpoint");
  process.env.GOOGLE_CALENDAR_API_URL = inject("calendarUrl");
  dynamo = await import("../../shared/data/clients.ts");
  keys = (await import("../../shared/data/keys.ts")).keys;
  aggregates = await import("../../shared/data/analytics/aggregates-repository.ts");
  bookingsRepository = await import("../../shared/data/bookings-repository.ts");
  events = await import("../../functions/events/handler.ts");
  dispatch = await import("../../functions/events/dispatch.ts");
});

/** A small seeded generator (mulberry32): a failure names its seed and can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, pick, int: (max: number) => Math.floor(next() * max) };
}

/** A booked test booking in this file's window (no calendar event behind it: the sync says synced). */
function testBooking(
  id: string,
  at: string,
  fields: Pick<
    StoredBooking,
    "date" | "time" | "agent" | "consultant" | "outcome" | "potentialClass" | "points"
  >,
): StoredBooking {
  const start = `${fields.date}T${fields.time}:00.000Z`;
  return {
    id,
    eventId: `ev${id}`,
    ...fields,
    start,
    end: start,
    firstName: "Test",
    lastName: "Aggregat",
    phone: "+4915112345678",
    status: "booked",
    sync: { state: "synced", attempts: 0 },
    createdAt: at,
    updatedAt: at,
  };
}

async function store(booking: StoredBooking) {
  await dynamo.dynamoClient().send(
    new PutCommand({
      TableName: "slot-booking",
      Item: {
        ...keys.booking(booking.id),
        ...keys.bookingOfAgent(booking.agent, booking.start, booking.id),
        ...keys.bookingOnDay(booking.date, booking.time, booking.id),
        type: "booking",
        ...booking,
      },
    }),
  );
}

let sequence = 0;
function streamRecord(event: OutboxEvent): DynamoDBRecord {
  const bookingId = (event.payload as { bookingId: string }).bookingId;
  const key = keys.outbox(bookingId, event.occurredAt, event.id);
  return {
    eventID: `${++sequence}`,
    eventName: "INSERT",
    eventSource: "aws:dynamodb",
    dynamodb: {
      Keys: { pk: { S: key.pk }, sk: { S: key.sk } },
      NewImage: marshall(
        {
          ...key,
          type: "outbox",
          eventId: event.id,
          eventType: event.type,
          occurredAt: event.occurredAt,
          payload: event.payload,
        },
        { removeUndefinedValues: true },
      ) as NonNullable<DynamoDBRecord["dynamodb"]>["NewImage"],
      SequenceNumber: String(sequence).padStart(21, "0"),
      StreamViewType: "NEW_AND_OLD_IMAGES",
    },
  };
}

/**
 * The first events go through the deployed events handler (calendar sync and all); the rest
 * through the same dispatch with the analytics subscriber alone, so the run is not dominated by
 * calendar calls that have tests of their own.
 */
let throughHandler = 60;
async function deliver(records: DynamoDBRecord[]) {
  const event: DynamoDBStreamEvent = { Records: records };
  const result =
    throughHandler > 0
      ? await events.handler(event, lambdaContext("slot-booking-events", 15 * 60_000))
      : await dispatch.dispatchStreamEvent(event, analyticsOnly(), (error) => {
          throw error;
        });
  throughHandler -= records.length;
  expect(result.batchItemFailures).toEqual([]);
}

function analyticsOnly() {
  return Object.fromEntries(
    Object.values(bookingEvents).map((type) => [type, [aggregates.countBookingEvent]]),
  );
}

/** The window's bookings through the day index (a Query per date, not a Scan of the whole table). */
async function testBookings(): Promise<StoredBooking[]> {
  return (await Promise.all(dates.map((date) => bookingsRepository.listBookingsOnDay(date)))).flat();
}

async function expectAggregatesMatchBookings() {
  const bookings = await testBookings();
  for (const dimension of aggregateDimensions) {
    const query = { from, to, dimension: dimension as AggregateDimension };
    expect(await aggregates.readAggregates(query), dimension).toEqual(aggregates.recompute(bookings, query));
  }
  return bookings;
}

/**
 * One shard of a randomized event stream: `events` booking events over fresh bookings (created,
 * outcome set and corrected, rescheduled, reassigned, cancelled or released), each stored before
 * its event, delivered now and then in batches of 1–10 with records repeated inside a batch and
 * whole earlier batches delivered again. A seeded generator: a failure names its seed.
 */
async function streamShard(shard: number, seed: number, events: number) {
  const rng = random(seed);
  const bookings: StoredBooking[] = [];
  const stream: DynamoDBRecord[] = [];
  let delivered = 0;
  const deliveries: DynamoDBRecord[][] = [];
  const emit = (type: string, payload: Record<string, unknown>, at: string) => {
    stream.push(
      streamRecord({ id: `agg-${shard}-${stream.length}-${rng.int(1e9)}`, type, occurredAt: at, payload }),
    );
  };
  let clock = Date.parse("2033-05-01T08:00:00Z") + shard * 3_600_000;
  while (stream.length < events) {
    clock += 1000;
    const at = new Date(clock).toISOString();
    const roll = rng.next();
    const booking = bookings.length > 0 ? rng.pick(bookings) : undefined;
    if (!booking || roll < 0.3) {
      const id = `${shard}${(bookings.length + 1).toString(16).padStart(7, "0")}${"a".repeat(24)}`;
      const created = testBooking(id, at, {
        date: rng.pick(dates),
        time: rng.pick(times),
        agent: rng.pick(agents),
        consultant: rng.pick(consultants),
        outcome: "pending",
        potentialClass: rng.pick(potentials),
        points: 1 + rng.int(7),
      });
      bookings.push(created);
      await store(created);
      emit(bookingEvents.created, { bookingId: id }, at);
    } else if (roll < 0.65) {
      const outcome = rng.pick(outcomes);
      const previous = booking.outcome;
      booking.outcome = outcome;
      if (rng.next() < 0.2) booking.potentialClass = rng.pick(potentials);
      booking.updatedAt = at;
      await store(booking);
      emit(
        bookingEvents.outcomeSet,
        { bookingId: booking.id, from: previous, to: outcome, outcome, source: "manual", by: "admin" },
        at,
      );
    } else if (roll < 0.8) {
      const previous = { date: booking.date, time: booking.time };
      booking.date = rng.pick(dates);
      booking.time = rng.pick(times);
      booking.points = 1 + rng.int(7);
      booking.updatedAt = at;
      await store(booking);
      emit(bookingEvents.rescheduled, { bookingId: booking.id, from: previous }, at);
    } else if (roll < 0.9) {
      const previous = booking.consultant;
      booking.consultant = rng.pick(consultants);
      booking.updatedAt = at;
      await store(booking);
      emit(bookingEvents.reassigned, { bookingId: booking.id, from: previous, to: booking.consultant }, at);
    } else {
      const released = rng.next() < 0.5;
      const previous = booking.outcome;
      booking.status = "cancelled";
      booking.outcome = released && rng.next() < 0.5 ? "rescheduled" : "cancelled";
      booking.updatedAt = at;
      await store(booking);
      emit(
        released ? bookingEvents.released : bookingEvents.cancelled,
        { bookingId: booking.id, from: previous, to: booking.outcome, outcome: booking.outcome },
        at,
      );
    }
    // The stream lags behind the writes: deliver what has piled up now and then, in batches of 1–10,
    // with records repeated inside a batch and whole earlier batches delivered again.
    if (rng.next() < 0.4) {
      while (delivered < stream.length) {
        const size = 1 + rng.int(10);
        const batch = stream.slice(delivered, delivered + size);
        delivered += batch.length;
        if (rng.next() < 0.15) batch.push(rng.pick(batch));
        deliveries.push(batch);
        await deliver(batch);
        if (rng.next() < 0.1) await deliver(rng.pick(deliveries));
      }
    }
  }
  while (delivered < stream.length) {
    const batch = stream.slice(delivered, delivered + 10);
    delivered += batch.length;
    await deliver(batch);
  }
  return { bookings, stream, deliveries };
}

describe("analytics aggregates", () => {
  it("count the demo's bookings from the start (the seeding writes no booking events)", async () => {
    const { addDays, localDate } = await import("../../shared/domain/booking/local-date.ts");
    const today = localDate(new Date(), "Europe/Berlin");
    const window = { from: addDays(today, -27), to: addDays(today, -1) };
    const counted = (await aggregates.readAggregates({ ...window, dimension: "day" })).reduce(
      (sum, row) => sum + row.bookings,
      0,
    );
    // The demo resolves a few hundred bookings in these weeks; tests add only a few dozen counted ones.
    expect(counted).toBeGreaterThan(300);
  });

  it("after 2,000 booking and outcome events with duplicates and redeliveries, every aggregate equals a recomputation from the bookings", async () => {
    const started = Date.now();
    const seed = Number(process.env.AGGREGATES_SEED ?? 20261130);
    // Four stream shards, each with its own bookings, processed at the same time (as the events
    // Lambda does per shard); within a shard, records arrive in order, late, repeated and redelivered.
    const shards = await Promise.all([0, 1, 2, 3].map((shard) => streamShard(shard, seed + shard, 500)));
    const bookings = shards.flatMap((shard) => shard.bookings);
    const stream = shards.flatMap((shard) => shard.stream);
    const deliveries = shards.flatMap((shard) => shard.deliveries);
    const rng = random(seed);
    // A late redelivery of a sample of the whole stream changes nothing.
    const late = Array.from({ length: 300 }, () => rng.pick(stream));
    for (let index = 0; index < late.length; index += 50) await deliver(late.slice(index, index + 50));

    const records = deliveries.reduce((sum, batch) => sum + batch.length, 0);
    console.info(
      `aggregates: ${stream.length} events, ${records}+ records delivered, ${Date.now() - started} ms`,
    );
    const stored = await expectAggregatesMatchBookings();
    expect(stored.length).toBe(bookings.length);
    const day = await aggregates.readAggregates({ from, to, dimension: "day" });
    const total = day.reduce((sum, row) => sum + row.bookings, 0);
    expect(total).toBe(bookings.length);
    // Every outcome really occurs in the stream, so corrections between all of them were exercised.
    for (const outcome of outcomes)
      expect(
        day.some((row) => row[outcome] > 0),
        outcome,
      ).toBe(true);
  }, 900_000);

  it("counts a booking once when its events arrive at the same time (other shards, redeliveries racing)", async () => {
    const records: DynamoDBRecord[] = [];
    for (let index = 0; index < 20; index++) {
      const id = `${(index + 1).toString(16).padStart(8, "0")}${"b".repeat(24)}`;
      const at = `2033-05-01T09:00:${String(index).padStart(2, "0")}.000Z`;
      const booking = testBooking(id, at, {
        date: dates[index % dates.length]!,
        time: times[index % times.length]!,
        agent: agents[index % agents.length]!,
        consultant: consultants[index % consultants.length]!,
        outcome: outcomes[index % outcomes.length]!,
        potentialClass: potentials[index % potentials.length]!,
        points: 3,
      });
      await store(booking);
      records.push(
        streamRecord({
          id: `race-c-${id}`,
          type: bookingEvents.created,
          occurredAt: at,
          payload: { bookingId: id },
        }),
        streamRecord({
          id: `race-o-${id}`,
          type: bookingEvents.outcomeSet,
          occurredAt: at,
          payload: { bookingId: id, from: "pending", to: booking.outcome, outcome: booking.outcome },
        }),
      );
    }
    // Every event twice, each delivery on its own, all at once: two events of one booking
    // race for its counted state, and a redelivery races its first delivery.
    await Promise.all([...records, ...records].map((record) => deliver([record])));
    await expectAggregatesMatchBookings();
  });

  it("the rebuild job agrees with the events handler and corrects a row that drifted", async () => {
    const before = await expectAggregatesMatchBookings();
    expect(before.length).toBeGreaterThan(0);
    // A counter that drifted (as if an event had been applied by hand twice).
    const drifted = (await aggregates.readAggregates({ from, to, dimension: "consultant" }))[0]!;
    await dynamo.dynamoClient().send(
      new UpdateCommand({
        TableName: "slot-booking",
        Key: keys.aggregate("consultant", drifted.date, drifted.value),
        UpdateExpression: "ADD bookings :five, no_show :five",
        ExpressionAttributeValues: { ":five": 5 },
      }),
    );
    await expect(expectAggregatesMatchBookings()).rejects.toThrow();
    const run = await runJobAndWait(admin, "rebuild-aggregates", "", 240_000);
    expect(run.status).toBe("succeeded");
    expect(Number(run.summary?.rowsCorrected)).toBeGreaterThanOrEqual(1);
    await expectAggregatesMatchBookings();
    // On agreeing aggregates a second run corrects nothing of this window.
    const again = await runJobAndWait(admin, "rebuild-aggregates", "", 240_000);
    expect(again.status).toBe("succeeded");
    // …nor anywhere: every booking's counted state is recognised as the same (whatever order
    // DynamoDB gives a stored map's keys), so the second run rewrites no booking.
    expect([Number(again.summary?.rowsCorrected), Number(again.summary?.bookingsCorrected)]).toEqual([0, 0]);
    await expectAggregatesMatchBookings();
  }, 600_000);
});
