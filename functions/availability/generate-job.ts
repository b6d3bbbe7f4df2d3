import { emitMetric, metricNames } from "../../shared/http/observability.ts";
import { createJobHandler } from "../../shared/jobs/job-handler.ts";
import { generateAvailability } from "./generate.ts";
import { migrateConsultantAssignment } from "./migrate-consultants.ts";

/** Scheduled hourly Mon–Fri 05–14 UTC; admins can also run it on demand. */
export const handler = createJobHandler("generate-availability", async (event, logger) => {
  // The one-off consultant migration comes first (a single marker read once it has run).
  const migration = await migrateConsultantAssignment();
  if (migration) logger.info("consultant migration ran", { ...migration });
  const run = await generateAvailability(event.time ? new Date(event.time) : new Date());
  // Alarmed on: a consultant whose calendar could not be read offers no new slots.
  emitMetric(metricNames.availabilityConsultantFailed, run.failedConsultants.length);
  if (run.failedConsultants.length > 0)
    logger.warn("some calendars failed", { failed: run.failedConsultants.length });
  if (run.lostSlots.length > 0) logger.warn("slots lost all consultants", { lost: run.lostSlots.length });
  if (run.overCapacity > 0) logger.warn("bookings over capacity", { overCapacity: run.overCapacity });
  return migration ? { ...run, migration } : run;
});
