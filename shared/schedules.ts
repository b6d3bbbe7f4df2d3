/**
 * The scheduled jobs, one definition for EventBridge Scheduler (AWS) and
 * croner (local). Times are UTC.
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
    name: "achievements",
    description:
      "Award MVP of the last closed week, month and year and every agent's streak and period badges",
    cron: { minute: "0", hour: "20", weekDays: "*" },
    module: "functions/badges/achievements-job.ts",
  },
  {
    name: "run-scheduled-exports",
    description: "Deliver the scheduled exports that are due (weekly on Mondays, monthly on the 1st)",
    cron: { minute: "20", hour: "*", weekDays: "*" },
    module: "functions/exports/scheduled-job.ts",
  // --- gamification ---
  {
    name: "snapshot-leaderboards",
    description:
      "Just after local midnight: keep every leaderboard's ranks (rank change since yesterday) and close an ended season's final standings",
    cron: { minute: "5", hour: "23", weekDays: "*" },
    module: "functions/progress/snapshot-job.ts",
  },
  {
    name: "rebuild-gamification",
    description:
      "Recompute all gamification state (accounts, period totals, booking credits) from the bookings and the ledger",
    cron: { minute: "30", hour: "2", weekDays: "SUN" },
    module: "functions/progress/rebuild-job.ts",
    name: "rebuild-aggregates",
    description:
      "Recompute the analytics aggregates from the bookings and correct any drift (quiet hours, after the outcome job)",
    cron: { minute: "30", hour: "2", weekDays: "*" },
    module: "functions/analytics/rebuild-job.ts",
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
