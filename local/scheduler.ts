import { Cron } from "croner";
import { config } from "../shared/config.ts";
import type { JobEvent } from "../shared/contracts/jobs.ts";
import type { JobStarter } from "../shared/jobs/job-starter.ts";
import { type ScheduledJob, scheduledJobs, scheduleTimeZone, unixCron } from "../shared/schedules.ts";
import { jobHandler } from "./functions.ts";
import { lambdaContext } from "./lambda-context.ts";

/** The EventBridge Scheduler payload the job handlers receive on AWS. */
export function scheduledEvent(job: ScheduledJob, time = new Date()) {
  return { source: "slot-booking.scheduler", job: job.name, time: time.toISOString() };
}

export function jobNamed(name: (typeof scheduledJobs)[number]["name"]): ScheduledJob {
  return scheduledJobs.find((job) => job.name === name)!;
}

export async function runJob(job: ScheduledJob): Promise<unknown> {
  const handler = await jobHandler(job.module);
  return handler(scheduledEvent(job), lambdaContext(`slot-booking-${job.name}`, 15 * 60_000));
}

/**
 * The local stand-in for an `Event` invocation of a job's Lambda (admins' "run
 * now"): the same handler in this process, not awaited. A failure is in the
 * run record; the log gets a line.
 */
export function inProcessJobStarter(log: (line: string) => void = console.log): JobStarter {
  return async (name, event: JobEvent) => {
    const job = jobNamed(name);
    const handler = await jobHandler(job.module);
    void Promise.resolve()
      .then(() => handler(event, lambdaContext(`slot-booking-${job.name}`, 15 * 60_000)))
      .catch((error: unknown) =>
        log(`job ${job.name} failed: ${error instanceof Error ? error.message : String(error)}`),
      );
  };
}

/** The croner schedule of a job: its cron in its zone (UTC, or the app's `TIMEZONE`), as on EventBridge. */
export function jobCron(job: ScheduledJob, run: () => Promise<void>, appZone = config().TIMEZONE): Cron {
  return new Cron(
    unixCron(job.cron),
    { timezone: scheduleTimeZone(job, appZone), protect: true, name: job.name },
    run,
  );
}

/** Fires the same cron expressions as EventBridge at the same job handlers. */
export function startScheduler(log: (line: string) => void = console.log): { stop(): void } {
  const crons = scheduledJobs.map((job) =>
    jobCron(job, async () => {
      try {
        await runJob(job);
      } catch (error) {
        log(`job ${job.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  );
  return {
    stop() {
      for (const cron of crons) cron.stop();
    },
  };
}
