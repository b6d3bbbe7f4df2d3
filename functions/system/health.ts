import { HeadBucketCommand } from "@aws-sdk/client-s3";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { calendarClient } from "../../shared/calendar/client.ts";
import { config } from "../../shared/config.ts";
import type { DependencyCheck, Health } from "../../shared/contracts/system.ts";
import { dynamoClient, objectStore } from "../../shared/data/clients.ts";
import { keys } from "../../shared/data/keys.ts";

const checkTimeoutMs = 3000;

async function timed(check: () => Promise<unknown>): Promise<DependencyCheck> {
  const started = performance.now();
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), checkTimeoutMs).unref()),
    ]);
    return { status: "ok", latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    // The error name only: messages can contain endpoints or account details.
    const detail = error instanceof Error ? error.name : "error";
    return { status: "error", latencyMs: Math.round(performance.now() - started), detail };
  }
}

/** Checks each dependency with the cheapest call the function's permissions allow. */
export async function checkHealth(): Promise<Health> {
  const { TABLE_NAME, EXPORT_BUCKET, CENTRAL_CALENDAR_ID, APP_VERSION } = config();
  const [table, bucket, calendar] = await Promise.all([
    timed(() => dynamoClient().send(new GetCommand({ TableName: TABLE_NAME, Key: keys.health() }))),
    timed(() => objectStore().send(new HeadBucketCommand({ Bucket: EXPORT_BUCKET }))),
    timed(async () =>
      (await calendarClient()).events.list(
        { calendarId: CENTRAL_CALENDAR_ID, maxResults: 1, timeMin: new Date().toISOString() },
        { retry: false },
      ),
    ),
  ]);
  const healthy = [table, bucket, calendar].every((check) => check.status === "ok");
  return {
    status: healthy ? "ok" : "degraded",
    version: APP_VERSION,
    node: process.version,
    time: new Date().toISOString(),
    checks: { table, bucket, calendar },
  };
}
