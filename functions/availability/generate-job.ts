import { createJobHandler } from "../../shared/jobs/job-handler.ts";

/**
 * Scheduled availability generation. The schedule, permissions and wiring are in place;
 * the work itself arrives with its feature issue, so for now it reports that.
 */
export const handler = createJobHandler("generate-availability", async (_event, logger) => {
  logger.info("availability generation has no work wired yet");
  return { processed: 0 };
});
