import { rebuildAggregates } from "../../shared/data/analytics/aggregates-repository.ts";
import { createJobHandler } from "../../shared/jobs/job-handler.ts";

/**
 * Nightly (and on an admin's "run now"): recomputes every aggregate row from
 * the bookings and corrects what drifted (an event batch that failed for good,
 * an import written without events). On agreeing aggregates it writes nothing.
 */
export const handler = createJobHandler("rebuild-aggregates", async (_event, _logger, control) =>
  rebuildAggregates((done, total) => control.progress(done, total)),
);
