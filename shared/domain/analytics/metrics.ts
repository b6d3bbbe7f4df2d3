import type { Counts } from "./counts.ts";

/**
 * The metric definitions, used everywhere (dashboards, alerts, reports):
 * - resolved = completed + overhang + no_show + ghost
 * - show rate = (completed + overhang) / resolved
 * - no-show rate = (no_show + ghost) / resolved
 * - cancellation rate = cancelled / all bookings in the window
 * - quality score = Σ weight / (n × 100), weights completed 100, overhang 90,
 *   rescheduled 40, cancelled 10, no_show 0, ghost −10, floored at 0
 * Rates are fractions 0..1; `null` when the denominator is 0 (no data is not 0 %).
 */
type OutcomeCounts = Pick<
  Counts,
  "bookings" | "completed" | "overhang" | "no_show" | "ghost" | "cancelled" | "rescheduled"
>;

export function resolved(counts: OutcomeCounts): number {
  return counts.completed + counts.overhang + counts.no_show + counts.ghost;
}

export function showRate(counts: OutcomeCounts): number | null {
  const n = resolved(counts);
  return n === 0 ? null : (counts.completed + counts.overhang) / n;
}

export function noShowRate(counts: OutcomeCounts): number | null {
  const n = resolved(counts);
  return n === 0 ? null : (counts.no_show + counts.ghost) / n;
}

export function cancellationRate(counts: OutcomeCounts): number | null {
  return counts.bookings === 0 ? null : counts.cancelled / counts.bookings;
}

export const qualityWeights = {
  completed: 100,
  overhang: 90,
  rescheduled: 40,
  cancelled: 10,
  no_show: 0,
  ghost: -10,
} as const;

/** n = the bookings with one of the weighted outcomes (pending ones have no quality yet). */
export function qualityScore(counts: OutcomeCounts): number | null {
  let n = 0;
  let sum = 0;
  for (const [outcome, weight] of Object.entries(qualityWeights) as [keyof typeof qualityWeights, number][]) {
    n += counts[outcome];
    sum += counts[outcome] * weight;
  }
  return n === 0 ? null : Math.max(0, sum / (n * 100));
}

/** Change of a rate between two windows, in percentage points; null if either is unknown. */
export function trendPoints(current: number | null, previous: number | null): number | null {
  return current === null || previous === null ? null : (current - previous) * 100;
}

/** Relative change of a count, e.g. bookings this period vs the previous one; null without a base. */
export function relativeChange(current: number, previous: number): number | null {
  return previous === 0 ? null : (current - previous) / previous;
}

// ---- Team ranking ------------------------------------------------------------

export const combinedWeights = { showRate: 0.75, activity: 0.1, consistency: 0.15 } as const;

/** Activity = Telefonie entries ÷ 30 × 100, capped at 100. */
export function activityScore(telefonieEntries: number): number {
  return Math.min(100, (telefonieEntries / 30) * 100);
}

/** Consistency = 100 − standard deviation of weekly goal achievement (%), 50 with fewer than 2 weeks. */
export function consistencyScore(weeklyAchievementPercent: readonly number[]): number {
  if (weeklyAchievementPercent.length < 2) return 50;
  const mean = weeklyAchievementPercent.reduce((a, b) => a + b, 0) / weeklyAchievementPercent.length;
  const variance =
    weeklyAchievementPercent.reduce((sum, value) => sum + (value - mean) ** 2, 0) /
    weeklyAchievementPercent.length;
  return Math.max(0, 100 - Math.sqrt(variance));
}

/** Combined ranking score 0..100 from a show rate (0..1, unknown counts as 0) and the two Telefonie scores. */
export function combinedScore(input: {
  showRate: number | null;
  telefonieEntries: number;
  weeklyAchievementPercent: readonly number[];
}): number {
  return (
    combinedWeights.showRate * (input.showRate ?? 0) * 100 +
    combinedWeights.activity * activityScore(input.telefonieEntries) +
    combinedWeights.consistency * consistencyScore(input.weeklyAchievementPercent)
  );
}

export type PerformanceClass = "high" | "medium" | "low";

/** high ≥ 80, medium ≥ 40, else low. */
export function performanceClass(score: number): PerformanceClass {
  return score >= 80 ? "high" : score >= 40 ? "medium" : "low";
}

// ---- Alerts --------------------------------------------------------------------

export const alertThresholds = {
  /** 7-day no-show rate above this: alert. */
  noShowWarning: 0.15,
  /** …above this: high. */
  noShowHigh: 0.2,
  /** A consultant's or slot's 7-day no-show rate rising by at least this many points… */
  risePoints: 10,
  /** …on at least this many resolved appointments in each window (fewer is noise). */
  riseMinResolved: 5,
} as const;

export type AlertLevel = "warning" | "high";

/** The level of a 7-day no-show rate, or undefined when it is within bounds. */
export function noShowAlertLevel(rate: number | null): AlertLevel | undefined {
  if (rate === null) return undefined;
  if (rate > alertThresholds.noShowHigh) return "high";
  if (rate > alertThresholds.noShowWarning) return "warning";
  return undefined;
}

/** Whether a no-show rate rose markedly between two windows of enough appointments. */
export function risingNoShow(current: OutcomeCounts, previous: OutcomeCounts): boolean {
  if (
    resolved(current) < alertThresholds.riseMinResolved ||
    resolved(previous) < alertThresholds.riseMinResolved
  )
    return false;
  const rise = trendPoints(noShowRate(current), noShowRate(previous));
  return rise !== null && rise >= alertThresholds.risePoints;
}
