import { createJobHandler } from "../../shared/jobs/job-handler.ts";
import { checkOutcomes } from "./check.ts";

/** Daily at 19:00 UTC: today's outcomes from the central calendar's colours (or a date an admin chose). */
export const handler = createJobHandler("check-outcomes", async (event) =>
  checkOutcomes(event.date, event.time ? new Date(event.time) : new Date()),
);
