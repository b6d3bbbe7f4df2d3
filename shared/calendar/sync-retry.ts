import { mapWithLimit } from "../concurrency.ts";
import { dueSyncRetries, oldestPendingSyncFailure } from "../data/sync-retry-repository.ts";
import { syncBookingToCalendar } from "./booking-sync.ts";

export interface SyncRetryRun {
  due: number;
  synced: number;
  failed: number;
  /** Seconds since the oldest sync still pending after this run first failed (0: none pending). */
  oldestPendingSeconds: number;
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
  const oldest = await oldestPendingSyncFailure();
  return {
    oldestPendingSeconds: oldest ? Math.max(0, Math.round((Date.now() - Date.parse(oldest)) / 1000)) : 0,
    due: due.length,
    synced: results.filter((result) => result === "synced").length,
    failed: results.filter((result) => result === "failed").length,
  };
}
