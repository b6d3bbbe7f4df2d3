import { adminJobSource, type JobRun, type RunnableJob } from "../../shared/contracts/jobs.ts";
import { finishJobRun, startJobRun } from "../../shared/data/job-runs-repository.ts";
import { startJobFunction } from "../../shared/jobs/job-starter.ts";

/**
 * Admins' "run now": creates the run record, then starts the job in its own
 * function (minutes of work do not fit a 15 s API request) and returns at once.
 * The job updates the record; the Jobs tab polls it.
 */
export async function startJobNow(
  job: RunnableJob,
  options: { date?: string | undefined; from?: string | undefined; to?: string | undefined } = {},
): Promise<JobRun> {
  const run = await startJobRun(job);
  try {
    await startJobFunction(job, {
      source: adminJobSource,
      job,
      time: run.startedAt,
      runId: run.id,
      ...(options.date ? { date: options.date } : {}),
      ...(options.from ? { from: options.from } : {}),
      ...(options.to ? { to: options.to } : {}),
    });
  } catch (error) {
    await finishJobRun(job, run.id, { status: "failed", error: "job.startFailed" });
    throw error;
  }
  return run;
}
