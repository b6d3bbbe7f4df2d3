import { addDays, formatIsoDate, isoWeekday } from "../booking/local-date.ts";

export type ExportFrequency = "weekly" | "monthly";

/**
 * The local date range a delivery on `runDate` covers: weekly = the previous
 * ISO week (Monday–Sunday), monthly = the previous calendar month.
 */
export function scheduledRange(frequency: ExportFrequency, runDate: string): { from: string; to: string } {
  if (frequency === "weekly") {
    const thisMonday = addDays(runDate, 1 - isoWeekday(runDate));
    return { from: addDays(thisMonday, -7), to: addDays(thisMonday, -1) };
  }
  const [year, month] = runDate.split("-").map(Number) as [number, number];
  const firstOfThisMonth = formatIsoDate(year, month, 1);
  const lastOfPrevious = addDays(firstOfThisMonth, -1);
  return { from: `${lastOfPrevious.slice(0, 7)}-01`, to: lastOfPrevious };
}

/**
 * The next local date a schedule delivers on, strictly after `afterDate`:
 * the next Monday (weekly) or the next 1st of a month (monthly).
 */
export function nextRunDate(frequency: ExportFrequency, afterDate: string): string {
  if (frequency === "weekly") return addDays(afterDate, 8 - isoWeekday(afterDate));
  const [year, month] = afterDate.split("-").map(Number) as [number, number];
  return month === 12 ? formatIsoDate(year + 1, 1, 1) : formatIsoDate(year, month + 1, 1);
}
