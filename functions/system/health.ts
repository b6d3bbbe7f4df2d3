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
async function runChecks(): Promise<Health> {
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
    time: new Date().toISOString(),
    checks: { table, bucket, calendar },
  };
}

/**
 * The route is public: without a cache every request (or a script hammering
 * it) would reach Google, DynamoDB and S3. A healthy result is reused for a
 * minute per warm function, a degraded one for ten seconds (so recovery shows
 * soon); requests during a check share it.
 */
export const healthCacheMs = { ok: 60_000, degraded: 10_000 } as const;

interface CachedHealth {
  at: number;
  health: Promise<Health>;
  maxAgeMs: number;
}

let cached: CachedHealth | undefined;

export async function checkHealth(now = Date.now()): Promise<Health> {
  if (!cached || now - cached.at >= cached.maxAgeMs) {
    const entry: CachedHealth = { at: now, health: runChecks(), maxAgeMs: healthCacheMs.ok };
    cached = entry;
    entry.maxAgeMs = healthCacheMs[(await entry.health).status];
  }
  return cached.health;
}
