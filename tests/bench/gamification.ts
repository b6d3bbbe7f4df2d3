import { randomUUID } from "node:crypto";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import { eventsHandler } from "../../local/functions.ts";
import { lambdaContext } from "../../local/lambda-context.ts";
import { config } from "../../shared/config.ts";
import { scanBookings } from "../../shared/data/bookings-repository.ts";
import { dynamoClient } from "../../shared/data/clients.ts";
import { listConsultants } from "../../shared/data/consultants-repository.ts";
import { readLeaderboard } from "../../shared/data/gamification/leaderboards-repository.ts";
import { keys } from "../../shared/data/keys.ts";
import { localDate } from "../../shared/domain/booking/local-date.ts";
import { bookingEvents } from "../../shared/events/booking-events.ts";
import { type OutboxEvent, outboxPartitionPrefix } from "../../shared/events/outbox.ts";
import { generatedBooking, writeBookings } from "../support/export-rows.ts";
import { type BenchContext, type BenchRow, concurrently, percentile, repeat, since } from "./table.ts";

const agents = 100;
/** Records per invocation, as the event source mapping would deliver a busy stream. */
const batchSize = 25;

/** The record the stream delivers for a newly written outbox item. */
function streamRecord(event: OutboxEvent, sequence: number): DynamoDBRecord {
  const item = {
    pk: `${outboxPartitionPrefix}${event.id}`,
    sk: "EVENT",
    eventId: event.id,
    eventType: event.type,
    occurredAt: event.occurredAt,
    payload: event.payload,
  };
  return {
    eventID: randomUUID(),
    eventName: "INSERT",
    eventSource: "aws:dynamodb",
    dynamodb: {
      Keys: marshall({ pk: item.pk, sk: item.sk }) as never,
      NewImage: marshall(item, { removeUndefinedValues: true }) as never,
      SequenceNumber: String(sequence).padStart(21, "0"),
      StreamViewType: "NEW_AND_OLD_IMAGES",
    },
  };
}

/**
 * The events handler (all its subscribers: calendar sync, points ledger,
 * badges, aggregates) for booking.created and booking.outcome_set events of
 * fresh bookings by 100 agents, one batch after the other as one stream shard
 * delivers them; next to one raw UpdateItem per event, sequential (what a
 * consumer that writes one counter per event would manage). Then the points
 * leaderboard of those 100 agents: the read of precomputed bucket items vs the
 * same ranking computed from a scan of the bookings.
 */
export async function benchGamification(ctx: BenchContext): Promise<BenchRow[]> {
  const handler = await eventsHandler();
  const consultantIds = (await listConsultants()).map((consultant) => consultant.id);
  const today = localDate(new Date(), config().TIMEZONE);
  // Every agent gets bookings in every run.
  const perRun = ctx.quick ? agents : 2 * agents;
  let sequence = 0;

  const deliver = async (events: OutboxEvent[]) => {
    const started = performance.now();
    for (let index = 0; index < events.length; index += batchSize) {
      const Records = events.slice(index, index + batchSize).map((event) => streamRecord(event, ++sequence));
      const result = await handler({ Records }, lambdaContext("slot-booking-events", 15 * 60_000));
      if (result.batchItemFailures.length > 0) {
        throw new Error(`events handler failed ${result.batchItemFailures.length} records`);
      }
    }
    return events.length / (since(started) / 1000);
  };
  const event = (type: string, payload: Record<string, unknown>): OutboxEvent => ({
    id: randomUUID(),
    type,
    occurredAt: new Date().toISOString(),
    payload,
  });
  const rawUpdates = async (count: number) => {
    const started = performance.now();
    for (let index = 0; index < count; index++) {
      await dynamoClient().send(
        new UpdateCommand({
          TableName: config().TABLE_NAME,
          Key: { pk: "BENCH#EVENTS", sk: "COUNTER" },
          UpdateExpression: "ADD events :one",
          ExpressionAttributeValues: { ":one": 1 },
        }),
      );
    }
    return count / (since(started) / 1000);
  };

  const eventRuns = Math.min(ctx.runs, 3);
  const throughput = await repeat(eventRuns, async (run) => {
    const bookings = Array.from({ length: perRun }, (_, index) =>
      generatedBooking(`gm${run}x`, today, perRun, index, {
        agent: `bench-agent-${index % agents}`,
        consultant: consultantIds[index % consultantIds.length]!,
        outcome: "pending",
        points: 1 + (index % 5),
      }),
    );
    await writeBookings(dynamoClient(), config().TABLE_NAME, bookings);
    const created = await deliver(
      bookings.map((booking) => event(bookingEvents.created, { bookingId: booking.id })),
    );
    const createdBaseline = await rawUpdates(perRun);
    await concurrently(bookings.length, 16, async (index) => {
      await dynamoClient().send(
        new UpdateCommand({
          TableName: config().TABLE_NAME,
          Key: keys.booking(bookings[index]!.id),
          UpdateExpression: "SET outcome = :completed",
          ExpressionAttributeValues: { ":completed": "completed" },
        }),
      );
    });
    const outcome = await deliver(
      bookings.map((booking) =>
        event(bookingEvents.outcomeSet, {
          bookingId: booking.id,
          from: "pending",
          to: "completed",
          outcome: "completed",
          source: "manual",
          by: "bench",
        }),
      ),
    );
    const outcomeBaseline = await rawUpdates(perRun);
    return { created, createdBaseline, outcome, outcomeBaseline };
  });

  // The same ranking from the bookings themselves: this month's points per agent, highest first.
  const month = today.slice(0, 7);
  const byScanning = async () => {
    const points = new Map<string, number>();
    for (const booking of await scanBookings()) {
      if (booking.status !== "booked" || !booking.createdAt.startsWith(month)) continue;
      points.set(booking.agent, (points.get(booking.agent) ?? 0) + booking.points);
    }
    return [...points].sort((a, b) => b[1] - a[1]);
  };
  const board = await readLeaderboard("points", "month");
  const benchAgents = board.entries.filter((entry) => entry.username.startsWith("bench-agent-")).length;
  if (benchAgents < agents)
    throw new Error(`the leaderboard has ${benchAgents} of the ${agents} bench agents`);
  const scanned = await byScanning();
  const reads = ctx.quick ? 20 : 100;
  const scans = ctx.quick ? 3 : 10;
  const leaderboard = await repeat(ctx.runs, async () => {
    const read = await concurrently(reads, 1, async () => void (await readLeaderboard("points", "month")));
    const scan = await concurrently(scans, 1, async () => void (await byScanning()));
    return { read: read.latencies, scan: scan.latencies };
  });

  const rawName = "one raw UpdateItem per event, sequential";
  const size = `${perRun} events of ${agents} agents, batches of ${batchSize}`;
  const scanName = `same ranking from a Scan of all bookings (${scanned.length} agents, ${scans} scans)`;
  return [
    {
      figure: `events handler, booking.created (${size})`,
      unit: "events/s",
      samples: throughput.map((run) => run.created),
      baseline: { name: rawName, samples: throughput.map((run) => run.createdBaseline) },
    },
    {
      figure: `events handler, booking.outcome_set (${size})`,
      unit: "events/s",
      samples: throughput.map((run) => run.outcome),
      baseline: { name: rawName, samples: throughput.map((run) => run.outcomeBaseline) },
    },
    {
      figure: `leaderboard read, ${board.entries.length} agents (${reads} reads), p50`,
      unit: "ms",
      samples: leaderboard.map((run) => percentile(run.read, 50)),
      baseline: { name: scanName, samples: leaderboard.map((run) => percentile(run.scan, 50)) },
    },
    {
      figure: `leaderboard read, ${board.entries.length} agents (${reads} reads), p95`,
      unit: "ms",
      samples: leaderboard.map((run) => percentile(run.read, 95)),
      baseline: { name: scanName, samples: leaderboard.map((run) => percentile(run.scan, 95)) },
    },
  ];
}
