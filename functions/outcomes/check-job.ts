import { createJobHandler } from "../../shared/jobs/job-handler.ts";

/**
 * Scheduled outcome check. The schedule, permissions and wiring are in place;
 * the work itself arrives with its feature issue, so for now it reports that.
 */
export const handler = createJobHandler("check-outcomes", async (_event, logger) => {
  logger.info("outcome check has no work wired yet");
  return { processed: 0 };
});
