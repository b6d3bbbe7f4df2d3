import { DateTime } from "luxon";
import * as z from "zod";
import {
  achievementRate,
  isoWeekPattern,
  roundPoints,
  statusOf,
  type TelefonieStatus,
  type TelefonieWeekSummary,
  telefonieRules,
  weekDates,
  weeksEndingWith,
} from "../telefonie/week.ts";

/**
 * Executive reports (weekly, monthly): pure figures from Telefonie weeks and
 * booking counts. Status ≥ 90 % green, ≥ 70 % yellow, else red; distribution
 * top ≥ 90 %, solid 70–89 %, below < 70 %.
 */
export type ReportKind = "week" | "month";

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

export const reportPeriodSchema = z
  .string()
  .refine(
    (period) =>
      (isoWeekPattern.test(period) || monthPattern.test(period)) && DateTime.fromISO(period).isValid,
    "reports.periodFormat",
  );

export interface ReportPeriod {
  kind: ReportKind;
  period: string;
  from: string;
  to: string;
  /** ISO weeks counted: the week itself, or the weeks whose Thursday lies in the month. */
  weeks: string[];
}

export function reportPeriod(period: string): ReportPeriod {
  if (isoWeekPattern.test(period)) {
    return { kind: "week", period, ...weekDates(period), weeks: [period] };
  }
  const start = DateTime.fromISO(`${period}-01`, { zone: "UTC" });
  const end = start.endOf("month");
  const weeks: string[] = [];
  // ISO convention: a week belongs to the month of its Thursday.
  for (let day = start; day <= end; day = day.plus({ days: 1 })) {
    if (day.weekday === 4) weeks.push(day.toFormat("kkkk-'W'WW"));
  }
  return { kind: "month", period, from: start.toISODate() ?? "", to: end.toISODate() ?? "", weeks };
}

/** The week before the one containing `now` in `zone`: what the Monday report covers. */
export function previousWeek(now: Date, zone: string): string {
  return DateTime.fromJSDate(now, { zone }).minus({ weeks: 1 }).toFormat("kkkk-'W'WW");
}

export interface BookingCounts {
  total: number;
  resolved: number;
  shown: number;
  noShow: number;
  cancelled: number;
}

export const noBookings: BookingCounts = { total: 0, resolved: 0, shown: 0, noShow: 0, cancelled: 0 };

export interface ReportInput {
  period: ReportPeriod;
  generatedAt: string;
  /** Participant weeks by ISO week: every week of the period and of the 4-week trend. */
  weeks: Map<string, TelefonieWeekSummary[]>;
  displayNames: Map<string, string>;
  /** Booking counts by ISO week (trend) and for the period itself. */
  bookingsByWeek: Map<string, BookingCounts>;
  bookings: BookingCounts;
}

export interface ReportRowData {
  username: string;
  displayName: string;
  goal: number;
  achieved: number;
  rate: number | null;
  status: TelefonieStatus | null;
  vacationWeeks: number;
}

export interface ReportData {
  kind: ReportKind;
  period: string;
  from: string;
  to: string;
  weeks: string[];
  generatedAt: string;
  summary: {
    goal: number;
    achieved: number;
    rate: number | null;
    status: TelefonieStatus | null;
    participants: number;
    bookings: BookingCounts & { showRate: number | null };
  };
  distribution: { top: number; solid: number; below: number; none: number };
  team: ReportRowData[];
  trend: {
    isoWeek: string;
    goal: number;
    achieved: number;
    rate: number | null;
    status: TelefonieStatus | null;
    bookings: number;
  }[];
}

/** Goal and achieved of weeks with a goal; vacation weeks count toward neither. */
function totals(weeks: readonly TelefonieWeekSummary[]) {
  let goal = 0;
  let points = 0;
  for (const week of weeks) {
    points += week.achieved;
    if (!week.vacation && week.goal !== undefined) goal += week.goal;
  }
  return { goal: roundPoints(goal), achieved: roundPoints(points) };
}

export function distributionBand(rate: number | null): "top" | "solid" | "below" | "none" {
  if (rate === null) return "none";
  if (rate >= telefonieRules.greenFrom) return "top";
  if (rate >= telefonieRules.yellowFrom) return "solid";
  return "below";
}

export function buildReport(input: ReportInput): ReportData {
  const { period } = input;
  const byUser = new Map<string, TelefonieWeekSummary[]>();
  for (const isoWeek of period.weeks) {
    for (const week of input.weeks.get(isoWeek) ?? []) {
      byUser.set(week.username, [...(byUser.get(week.username) ?? []), week]);
    }
  }
  const team: ReportRowData[] = [...byUser.entries()]
    .map(([username, weeks]) => {
      const sum = totals(weeks);
      const rate = achievementRate(sum.goal, sum.achieved);
      return {
        username,
        displayName: input.displayNames.get(username) ?? username,
        ...sum,
        rate,
        status: statusOf(rate),
        vacationWeeks: weeks.filter((week) => week.vacation).length,
      };
    })
    .sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1) || a.displayName.localeCompare(b.displayName, "de"));
  const goal = roundPoints(team.reduce((sum, row) => sum + row.goal, 0));
  const points = roundPoints(team.reduce((sum, row) => sum + row.achieved, 0));
  const rate = achievementRate(goal, points);
  const distribution = { top: 0, solid: 0, below: 0, none: 0 };
  for (const row of team) distribution[distributionBand(row.rate)]++;
  const lastWeek = period.weeks[period.weeks.length - 1] ?? period.period;
  const trend = weeksEndingWith(lastWeek, telefonieRules.trendWeeks).map((isoWeek) => {
    const sum = totals(input.weeks.get(isoWeek) ?? []);
    const weekRate = achievementRate(sum.goal, sum.achieved);
    return {
      isoWeek,
      ...sum,
      rate: weekRate,
      status: statusOf(weekRate),
      bookings: input.bookingsByWeek.get(isoWeek)?.total ?? 0,
    };
  });
  const { bookings } = input;
  return {
    kind: period.kind,
    period: period.period,
    from: period.from,
    to: period.to,
    weeks: period.weeks,
    generatedAt: input.generatedAt,
    summary: {
      goal,
      achieved: points,
      rate,
      status: statusOf(rate),
      participants: team.length,
      bookings: { ...bookings, showRate: bookings.resolved > 0 ? bookings.shown / bookings.resolved : null },
    },
    distribution,
    team,
    trend,
  };
}

/** Every ISO week a report needs: the period's and the trend's. */
export function weeksNeeded(period: ReportPeriod): string[] {
  const last = period.weeks[period.weeks.length - 1] ?? period.period;
  return [...new Set([...period.weeks, ...weeksEndingWith(last, telefonieRules.trendWeeks)])];
}
