import { createJobHandler } from "../../shared/jobs/job-handler.ts";
import { checkOutcomes } from "./check.ts";

/**
 * Daily at 19:00 UTC: every booking of the look-back window (default 14 days
 * up to today) resolved from the central calendar; an admin's run may name a
 * date or a date range.
 */
export const handler = createJobHandler("check-outcomes", async (event) =>
  checkOutcomes(
    { date: event.date, from: event.from, to: event.to },
    event.time ? new Date(event.time) : new Date(),
  ),
);
