import * as z from "zod";

/** Jobs an admin may start by hand. */
export const runnableJobs = [
  "generate-availability",
  "check-outcomes",
  "retry-calendar-sync",
  "snapshot-leaderboards",
  "rebuild-gamification",
  "achievements",
  "rebuild-aggregates",
  "train-no-show-model",
] as const;
export type RunnableJob = (typeof runnableJobs)[number];

export const jobNameParamsSchema = z.object({ job: z.enum(runnableJobs, "job.unknown") });

const summarySchema = z.record(z.string(), z.unknown());

export const jobRunStatuses = ["running", "succeeded", "failed"] as const;

/** One run of a job, scheduled or started by an admin; written by the job itself as it goes. */
export const jobRunSchema = z
  .object({
    id: z.string(),
    job: z.string(),
    status: z.enum(jobRunStatuses),
    startedAt: z.string(),
    finishedAt: z.string().optional(),
    progress: z.object({ done: z.number().int(), total: z.number().int() }).optional(),
    summary: summarySchema.optional(),
    /** A short, log-safe reason when the run failed. */
    error: z.string().optional(),
  })
  .meta({ id: "JobRun" });

export type JobRun = z.infer<typeof jobRunSchema>;

/** POST …/run answers 202 at once: the job runs in its own function and reports through this record. */
export const jobRunResultSchema = z.object({ run: jobRunSchema });
export const jobRunListSchema = z.object({ runs: z.array(jobRunSchema) });

export const jobRunQuerySchema = z.object({
  /** check-outcomes: one local date to read (default: the look-back window up to today). */
  date: z.iso.date("field.date").optional(),
  /** check-outcomes: a local date range to read, inclusive (`to` defaults to today). */
  from: z.iso.date("field.date").optional(),
  to: z.iso.date("field.date").optional(),
});

/**
 * What a job's function receives: from EventBridge Scheduler `{source, job, time}`;
 * from an admin's "run now" also the id of the run record already created and the options.
 */
export interface JobEvent {
  source?: string;
  job?: string;
  time?: string;
  runId?: string;
  /** check-outcomes: the local date to read. */
  date?: string;
  /** check-outcomes: a local date range, inclusive. */
  from?: string;
  to?: string;
}

export const adminJobSource = "slot-booking.admin";

/** The environment variable through which the admin function knows a job function's name (AWS). */
export function jobFunctionVariable(job: RunnableJob): string {
  return `JOB_FUNCTION_${job.toUpperCase().replaceAll("-", "_")}`;
}
