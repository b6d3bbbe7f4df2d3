import { mapWithLimit } from "../../shared/concurrency.ts";
import { dueSyncRetries } from "../../shared/data/sync-retry-repository.ts";
import { createJobHandler } from "../../shared/jobs/job-handler.ts";
import { syncBookingToCalendar } from "./calendar-sync.ts";

/** Re-drives calendar syncs that failed (e.g. while Google was down) once their backoff is due. */
export async function retryDueSyncs(now: Date): Promise<{ due: number; synced: number; failed: number }> {
  const due = await dueSyncRetries(now.toISOString());
  const results = await mapWithLimit(due, 4, syncBookingToCalendar);
  return {
    due: due.length,
    synced: results.filter((result) => result === "synced").length,
    failed: results.filter((result) => result === "failed").length,
  };
}

export const handler = createJobHandler("retry-calendar-sync", async (event) =>
  retryDueSyncs(event.time ? new Date(event.time) : new Date()),
);
