import { mapWithLimit } from "../concurrency.ts";
import { dueSyncRetries } from "../data/sync-retry-repository.ts";
import { syncBookingToCalendar } from "./booking-sync.ts";

export interface SyncRetryRun {
  due: number;
  synced: number;
  failed: number;
}

/** Re-drives calendar syncs that failed (e.g. while Google was down) once their backoff is due at `now`. */
export async function retryDueSyncs(
  now: Date,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<SyncRetryRun> {
  const due = await dueSyncRetries(now.toISOString());
  let done = 0;
  onProgress(0, due.length);
  const results = await mapWithLimit(due, 4, async (bookingId) => {
    const result = await syncBookingToCalendar(bookingId);
    onProgress(++done, due.length);
    return result;
  });
  return {
    due: due.length,
    synced: results.filter((result) => result === "synced").length,
    failed: results.filter((result) => result === "failed").length,
  };
}
