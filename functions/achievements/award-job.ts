import { createJobHandler } from "../../shared/jobs/job-handler.ts";

/**
 * Scheduled achievement processing. The schedule, permissions and wiring are in place;
 * the work itself arrives with its feature issue, so for now it reports that.
 */
export const handler = createJobHandler("award-achievements", async (_event, logger) => {
  logger.info("achievement processing has no work wired yet");
  return { processed: 0 };
});
