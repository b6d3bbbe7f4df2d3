/**
 * The scheduled jobs, one definition for EventBridge Scheduler (AWS) and
 * croner (local). Times are UTC. The achievements job (20:00 UTC) joins
 * with the gamification feature: a schedule that does nothing is not deployed.
 */
export interface CronFields {
  minute: string;
  hour: string;
  /** `MON-FRI`, `*`, … */
  weekDays: string;
}

export interface ScheduledJob {
  name: string;
  description: string;
  cron: CronFields;
  /** Module (relative to the project root) that exports `handler`. */
  module: string;
}

export const scheduledJobs = [
  {
    name: "generate-availability",
    description: "Recompute consultants' availability from their calendars",
    cron: { minute: "0", hour: "5-14", weekDays: "MON-FRI" },
    module: "functions/availability/generate-job.ts",
  },
  {
    name: "check-outcomes",
    description:
      "Resolve every ended booking still pending in the look-back window from the central calendar",
    cron: { minute: "0", hour: "19", weekDays: "*" },
    module: "functions/outcomes/check-job.ts",
  },
  {
    name: "retry-calendar-sync",
    description: "Retry calendar syncs that failed while Google was unavailable",
    cron: { minute: "*/5", hour: "*", weekDays: "*" },
    module: "functions/booking/sync-retry-job.ts",
  },
  {
    name: "train-no-show-model",
    description: "Train the no-show model on resolved history and evaluate it on the latest four weeks",
    cron: { minute: "30", hour: "2", weekDays: "*" },
    module: "functions/predictions/train-job.ts",
  },
] as const satisfies readonly ScheduledJob[];

/** EventBridge: six fields, `?` for the day of month when weekdays are given. */
export function eventBridgeCron({ minute, hour, weekDays }: CronFields): string {
  return weekDays === "*" ? `cron(${minute} ${hour} * * ? *)` : `cron(${minute} ${hour} ? * ${weekDays} *)`;
}

/** croner / Unix: five fields. */
export function unixCron({ minute, hour, weekDays }: CronFields): string {
  return `${minute} ${hour} * * ${weekDays}`;
}
