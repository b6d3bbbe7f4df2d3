import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { retryDueSyncs } from "../../shared/calendar/sync-retry.ts";
import { adminJobSource } from "../../shared/contracts/jobs.ts";
import { emitMetric, metricNames } from "../../shared/http/observability.ts";
import { createJobHandler } from "../../shared/jobs/job-handler.ts";

/** Every 5 minutes: calendar syncs whose backoff is over. */
export const handler = createJobHandler("retry-calendar-sync", async (event, _logger, run) => {
  const result = await retryDueSyncs(
    // An admin asking to retry now means every queued sync, not only those whose backoff is over.
    event.source === adminJobSource
      ? new Date("9999-12-31T23:59:59Z")
      : event.time
        ? new Date(event.time)
        : new Date(),
    run.progress,
  );
  // Alarmed on: a sync that keeps failing means a booking's event is missing from the calendar.
  emitMetric(metricNames.oldestSyncRetryAge, result.oldestPendingSeconds, MetricUnit.Seconds);
  return result;
});
