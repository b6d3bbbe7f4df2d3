/**
 * The scheduled jobs, one definition for EventBridge Scheduler (AWS) and
 * croner (local). Times are UTC unless a job names its zone. The achievements job (20:00 UTC) joins
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
  /**
   * The zone the cron fields are read in: an IANA name, or `appTimeZone` for
   * the deployment's `TIMEZONE` (so "Monday 06:00" stays 06:00 local across
   * DST). Absent: UTC.
   */
  timeZone?: string;
}

/** A job whose `timeZone` is this runs in the app's own zone (`TIMEZONE`, the stage's `timezone`). */
export const appTimeZone = "app";

/** The IANA zone a job's cron is read in, given the app's zone. */
export function scheduleTimeZone(job: Pick<ScheduledJob, "timeZone">, appZone: string): string {
  if (job.timeZone === appTimeZone) return appZone;
  return job.timeZone ?? "UTC";
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
    name: "achievements",
    description:
      "Award MVP of the last closed week, month and year and every agent's streak and period badges",
    cron: { minute: "0", hour: "20", weekDays: "*" },
    module: "functions/badges/achievements-job.ts",
  },
  {
    name: "weekly-report",
    description:
      "Last week's executive report as a PDF in the exports bucket (reports/), every Monday 06:00 local",
    cron: { minute: "0", hour: "6", weekDays: "MON" },
    module: "functions/reports/weekly-job.ts",
    timeZone: appTimeZone,
  },
  {
    name: "run-scheduled-exports",
    description: "Deliver the scheduled exports that are due (weekly on Mondays, monthly on the 1st)",
    cron: { minute: "20", hour: "*", weekDays: "*" },
    module: "functions/exports/scheduled-job.ts",
  },
  // --- gamification ---
  {
    name: "snapshot-leaderboards",
    description:
      "Just after local midnight: keep every leaderboard's ranks (rank change since yesterday) and close an ended season's final standings",
    cron: { minute: "5", hour: "0", weekDays: "*" },
    module: "functions/progress/snapshot-job.ts",
    // Midnight is the app's, not UTC's: 23:05 UTC is already tomorrow east of UTC+1.
    timeZone: appTimeZone,
  },
  {
    name: "rebuild-gamification",
    description:
      "Recompute all gamification state (accounts, period totals, booking credits) from the bookings and the ledger",
    cron: { minute: "30", hour: "2", weekDays: "SUN" },
    module: "functions/progress/rebuild-job.ts",
  },
  {
    name: "rebuild-aggregates",
    description:
      "Recompute the analytics aggregates from the bookings and correct any drift (quiet hours, after the outcome job)",
    cron: { minute: "30", hour: "2", weekDays: "*" },
    module: "functions/analytics/rebuild-job.ts",
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
