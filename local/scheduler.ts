import { Cron } from "croner";
import { type ScheduledJob, scheduledJobs, unixCron } from "../shared/schedules.ts";
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

/** Fires the same cron expressions as EventBridge at the same job handlers. */
export function startScheduler(log: (line: string) => void = console.log): { stop(): void } {
  const crons = scheduledJobs.map(
    (job) =>
      new Cron(unixCron(job.cron), { timezone: "UTC", protect: true, name: job.name }, async () => {
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
