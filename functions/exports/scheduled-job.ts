import { createJobHandler } from "../../shared/jobs/job-handler.ts";
import { runDueSchedules } from "./schedules.ts";

/** Hourly: delivers the scheduled exports that are due (weekly on Mondays, monthly on the 1st). */
export const handler = createJobHandler("run-scheduled-exports", async (event) =>
  runDueSchedules(event.time ? new Date(event.time) : new Date()),
);
