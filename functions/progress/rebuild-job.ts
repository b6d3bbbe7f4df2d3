import { rebuildGamification } from "../../shared/data/gamification/ledger-rebuild.ts";
import { createJobHandler } from "../../shared/jobs/job-handler.ts";

/** Weekly at night, or an admin's "run now": all gamification state recomputed from the history. */
export const handler = createJobHandler("rebuild-gamification", async (event, _logger, control) =>
  rebuildGamification({
    now: event.time ? new Date(event.time) : new Date(),
    progress: (done, total) => control.progress(done, total),
  }),
);
