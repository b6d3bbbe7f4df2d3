import { type JobEvent, jobFunctionVariable, type RunnableJob } from "../contracts/jobs.ts";
import { invokeAsync } from "./invoke-async.ts";

/** Starts a job's function without waiting for it. */
export type JobStarter = (job: RunnableJob, event: JobEvent) => Promise<void>;

let localStarter: JobStarter | undefined;

/** The local platform starts the same job handlers in its own process (see local/stack.ts). */
export function setLocalJobStarter(starter: JobStarter | undefined): void {
  localStarter = starter;
}

/**
 * Starts the job in its own function, asynchronously: on AWS an `Event`
 * invocation of the job's Lambda (its name comes from the environment; the
 * admin function may invoke exactly those), locally the registered starter.
 */
export async function startJobFunction(job: RunnableJob, event: JobEvent): Promise<void> {
  const functionName = process.env[jobFunctionVariable(job)];
  if (functionName) {
    await invokeAsync(functionName, event, job);
    return;
  }
  if (!localStarter) throw new Error(`no function configured for job ${job} (${jobFunctionVariable(job)})`);
  await localStarter(job, event);
}
