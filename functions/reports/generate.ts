import { config } from "../../shared/config.ts";
import type { Language } from "../../shared/contracts/messages.ts";
import { listBookingsOnDay } from "../../shared/data/bookings-repository.ts";
import { telefonieTeamWeek } from "../../shared/data/gamification/telefonie-repository.ts";
import { putReportFile, type StoredReportFile } from "../../shared/data/reports-repository.ts";
import { listUsers } from "../../shared/data/users-repository.ts";
import {
  type BookingCounts,
  buildReport,
  noBookings,
  previousWeek,
  type ReportData,
  reportPeriod,
  weeksNeeded,
} from "../../shared/domain/reports/report.ts";
import { weekDates } from "../../shared/domain/telefonie/week.ts";

const shownOutcomes = new Set(["completed", "overhang"]);
const noShowOutcomes = new Set(["no_show", "ghost"]);

function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (
    let day = new Date(`${from}T00:00:00Z`);
    day <= new Date(`${to}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() + 1)
  )
    dates.push(day.toISOString().slice(0, 10));
  return dates;
}

/** Bookings made for slots on these dates, counted by outcome (one Query per day). */
async function countBookings(dates: string[]): Promise<Map<string, BookingCounts>> {
  const byDate = new Map<string, BookingCounts>();
  await Promise.all(
    dates.map(async (date) => {
      const counts = { ...noBookings };
      for (const booking of await listBookingsOnDay(date)) {
        counts.total++;
        const outcome = String(booking.outcome ?? "pending");
        if (shownOutcomes.has(outcome)) counts.shown++;
        if (noShowOutcomes.has(outcome)) counts.noShow++;
        if (booking.status === "cancelled" || outcome === "cancelled") counts.cancelled++;
      }
      counts.resolved = counts.shown + counts.noShow;
      byDate.set(date, counts);
    }),
  );
  return byDate;
}

function sum(counts: (BookingCounts | undefined)[]): BookingCounts {
  const total = { ...noBookings };
  for (const count of counts) {
    if (!count) continue;
    for (const key of Object.keys(total) as (keyof BookingCounts)[]) total[key] += count[key];
  }
  return total;
}

/** The report's figures for a period (`2026-W49` or `2026-11`); without one, last week in the app's zone. */
export async function loadReport(period?: string, now = new Date()): Promise<ReportData> {
  const resolved = reportPeriod(period ?? previousWeek(now, config().TIMEZONE));
  const weeks = weeksNeeded(resolved);
  const [teamWeeks, users] = await Promise.all([
    Promise.all(weeks.map(async (isoWeek) => [isoWeek, await telefonieTeamWeek(isoWeek)] as const)),
    listUsers(),
  ]);
  const weekRanges = new Map(weeks.map((isoWeek) => [isoWeek, weekDates(isoWeek)]));
  const dates = new Set(datesBetween(resolved.from, resolved.to));
  for (const range of weekRanges.values())
    for (const date of datesBetween(range.from, range.to)) dates.add(date);
  const byDate = await countBookings([...dates]);
  const bookingsByWeek = new Map(
    [...weekRanges].map(([isoWeek, range]) => [
      isoWeek,
      sum(datesBetween(range.from, range.to).map((date) => byDate.get(date))),
    ]),
  );
  return buildReport({
    period: resolved,
    generatedAt: now.toISOString(),
    weeks: new Map(teamWeeks),
    displayNames: new Map(users.map((user) => [user.username, user.displayName])),
    bookingsByWeek,
    bookings: sum(datesBetween(resolved.from, resolved.to).map((date) => byDate.get(date))),
  });
}

/** Builds the report, renders the PDF and keeps it under `reports/` in the exports bucket. */
export async function generateReportFile(options: {
  period?: string;
  scheduled: boolean;
  language?: Language;
  now?: Date;
}): Promise<{ report: ReportData; file: StoredReportFile }> {
  const report = await loadReport(options.period, options.now);
  // pdfkit and its fonts (~900 KB) load only when a report is rendered, not in every cold start.
  const { renderReportPdf } = await import("./pdf.ts");
  const pdf = await renderReportPdf(report, options.language ?? "de");
  const file = await putReportFile(report.period, report.generatedAt, options.scheduled, pdf);
  return { report, file };
}
