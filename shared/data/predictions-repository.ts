import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { mapWithLimit } from "../concurrency.ts";
import { config } from "../config.ts";
import { type CustomerPrior, labelOf } from "../domain/predictions/features.ts";
import type { ModelResult } from "../domain/predictions/model.ts";
import type { StoredBooking } from "./bookings-repository.ts";
import { listBookingsOnDay } from "./bookings-repository.ts";
import { dynamoClient } from "./clients.ts";
import { customerWithBookings } from "./customers-repository.ts";
import { keys } from "./keys.ts";
import { queryAll } from "./query.ts";

const table = () => config().TABLE_NAME;
const latest = "LATEST";

/**
 * Stores a training result under its training date (kept, so earlier models
 * and their metrics stay readable) and as the current model.
 */
export async function saveModel(model: ModelResult): Promise<void> {
  const item = {
    type: "prediction-model",
    model: JSON.stringify(model),
    trainedAt: model.trainedAt,
    status: model.status,
  };
  await Promise.all([
    dynamoClient().send(
      new PutCommand({ TableName: table(), Item: { ...keys.predictionModel(model.trainedAt), ...item } }),
    ),
    dynamoClient().send(
      new PutCommand({ TableName: table(), Item: { ...keys.predictionModel(latest), ...item } }),
    ),
  ]);
}

/** The current model (or the latest "not enough data" result); undefined before the first training. */
export async function latestModel(): Promise<ModelResult | undefined> {
  const result = await dynamoClient().send(
    new GetCommand({ TableName: table(), Key: keys.predictionModel(latest), ConsistentRead: true }),
  );
  const stored = result.Item?.model;
  return typeof stored === "string" ? (JSON.parse(stored) as ModelResult) : undefined;
}

/** The training runs, newest first: date, status and held-out metrics. */
export async function listModels(limit = 10): Promise<ModelResult[]> {
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: "pk = :pk AND sk < :latest",
    ExpressionAttributeValues: { ":pk": keys.predictionModelsPartition(), ":latest": latest },
    ScanIndexForward: false,
    Limit: limit,
  });
  return items
    .slice(0, limit)
    .flatMap((item) => (typeof item.model === "string" ? [JSON.parse(item.model) as ModelResult] : []));
}

function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let at = Date.parse(`${from}T12:00:00Z`); at <= Date.parse(`${to}T12:00:00Z`); at += 86_400_000)
    dates.push(new Date(at).toISOString().slice(0, 10));
  return dates;
}

/** Every booking whose slot lies on a local date from..to: one Query per day (the day index), never a scan. */
export async function bookingsBetween(from: string, to: string): Promise<StoredBooking[]> {
  const days = await mapWithLimit(datesBetween(from, to), 8, (date) => listBookingsOnDay(date));
  return days.flat();
}

/**
 * Each customer's record of resolved appointments whose slot had started
 * before `at` (one profile read per customer, a handful at a time).
 */
export async function customerPriors(
  customerIds: readonly string[],
  at: string,
): Promise<Map<string, CustomerPrior>> {
  const unique = [...new Set(customerIds)];
  const records = await mapWithLimit(unique, 8, async (id) => [id, await customerWithBookings(id)] as const);
  return new Map(
    records.map(([id, record]) => {
      const earlier = (record?.bookings ?? []).filter((booking) => booking.start < at);
      let resolved = 0;
      let noShows = 0;
      for (const booking of earlier) {
        const label = labelOf(booking.outcome);
        if (label === undefined) continue;
        resolved++;
        noShows += label;
      }
      return [id, { resolved, noShows }];
    }),
  );
}
