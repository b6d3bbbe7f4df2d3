import { retryDueSyncs } from "../../shared/calendar/sync-retry.ts";
import { adminJobSource } from "../../shared/contracts/jobs.ts";
import { createJobHandler } from "../../shared/jobs/job-handler.ts";

/** Every 5 minutes: calendar syncs whose backoff is over. */
export const handler = createJobHandler("retry-calendar-sync", async (event, _logger, run) =>
  retryDueSyncs(
    // An admin asking to retry now means every queued sync, not only those whose backoff is over.
    event.source === adminJobSource
      ? new Date("9999-12-31T23:59:59Z")
      : event.time
        ? new Date(event.time)
        : new Date(),
    run.progress,
  ),
);
