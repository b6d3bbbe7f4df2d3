import type { runnableJobs } from "../../shared/contracts/jobs.ts";
import { generateAvailability } from "../availability/generate.ts";
import { retryDueSyncs } from "../booking/sync-retry-job.ts";
import { checkOutcomes } from "../outcomes/check.ts";

/** Runs a job's work in this request (admins' "run now"); the scheduled Lambdas call the same functions. */
export async function runJobNow(
  job: (typeof runnableJobs)[number],
  options: { date?: string | undefined } = {},
): Promise<Record<string, unknown>> {
  switch (job) {
    case "generate-availability":
      return { ...(await generateAvailability()) };
    case "check-outcomes":
      return { ...(await checkOutcomes(options.date)) };
    case "retry-calendar-sync":
      // An admin asking to retry now means every queued sync, not only those whose backoff is over.
      return retryDueSyncs(new Date("9999-12-31T23:59:59Z"));
  }
}
