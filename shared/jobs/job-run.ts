import { calendarErrorCause } from "../calendar/retry.ts";
import type { JobEvent } from "../contracts/jobs.ts";
import { finishJobRun, reportJobProgress, startJobRun } from "../data/job-runs-repository.ts";

export interface JobRunControl {
  runId: string;
  /** Where the job is; written at most every couple of seconds (admins poll the record). */
  progress(done: number, total: number): void;
}

const progressEveryMs = 2_000;

/**
 * A failure as admins see it in the Jobs tab: short, never a stack, and for an
 * HTTP client's error only its cause (the error object carries the request).
 */
function failureReason(error: unknown): string {
  if (typeof error === "object" && error !== null && "response" in error) {
    const { status, reason, message } = calendarErrorCause(error);
    return [status, reason, message].filter(Boolean).join(" ");
  }
  return (error instanceof Error ? error.message : String(error)).slice(0, 300);
}

/**
 * Runs one job with its run record: `running` (created here, or by the admin
 * function that started the run and passed its id), progress while it works,
 * then `succeeded` with the job's summary or `failed` with the reason.
 */
export async function runWithRecord<R>(
  job: string,
  event: JobEvent,
  work: (control: JobRunControl) => Promise<R>,
): Promise<R> {
  const runId = event.runId ?? (await startJobRun(job)).id;
  let lastWrite = 0;
  let pending: Promise<void> = Promise.resolve();
  const control: JobRunControl = {
    runId,
    progress(done, total) {
      const now = Date.now();
      if (now - lastWrite < progressEveryMs && done < total) return;
      lastWrite = now;
      // Progress is a courtesy: a failed write never fails the job.
      pending = pending.then(() => reportJobProgress(job, runId, done, total)).catch(() => undefined);
    },
  };
  try {
    const result = await work(control);
    await pending;
    const summary =
      typeof result === "object" && result !== null ? { ...(result as Record<string, unknown>) } : { result };
    await finishJobRun(job, runId, { status: "succeeded", summary });
    return result;
  } catch (error) {
    await pending;
    await finishJobRun(job, runId, { status: "failed", error: failureReason(error) });
    throw error;
  }
}
