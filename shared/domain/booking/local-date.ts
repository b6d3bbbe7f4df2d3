import * as z from "zod";

/**
 * Local calendar dates ("YYYY-MM-DD") and wall-clock times ("HH:mm") as plain
 * strings: they sort correctly as text, need no time zone and survive JSON and
 * DynamoDB unchanged. Instants are always UTC ISO strings elsewhere.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** True for a real calendar date in YYYY-MM-DD form (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** True for a wall-clock time 00:00–23:59 in HH:mm form. */
export function isHhMm(value: string): boolean {
  return HH_MM.test(value);
}

export const isoDateSchema = z.string({ error: "field.dateMissing" }).refine(isIsoDate, "field.date");

export const hhmmSchema = z.string({ error: "field.timeMissing" }).refine(isHhMm, "field.time");

/** YYYY-MM-DD of a proleptic Gregorian date (UTC arithmetic: no zone can shift it). */
export function formatIsoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The date `days` calendar days after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const utc = new Date(Date.UTC(year, month - 1, day + days));
  return formatIsoDate(utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate());
}

/** Calendar days from `from` to `to` (negative when `to` lies before). */
export function daysBetween(from: string, to: string): number {
  const [fromUtc, toUtc] = [from, to].map((date) => {
    const [year, month, day] = date.split("-").map(Number) as [number, number, number];
    return Date.UTC(year, month - 1, day);
  }) as [number, number];
  return Math.round((toUtc - fromUtc) / 86_400_000);
}

/** The dates from..to, both included. */
export function datesBetween(from: string, to: string): string[] {
  return Array.from({ length: Math.max(0, daysBetween(from, to) + 1) }, (_, index) => addDays(from, index));
}

/**
 * The local date in `timeZone` at the instant `now` (Intl, no date library:
 * the site uses this too).
 */
export function localDate(now: Date | number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(now);
  const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** The weekday keys, Monday first (the slot template's times are keyed by them). */
export const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof weekdays)[number];

/** The weekday key of a local date. */
export function weekdayOf(date: string): Weekday {
  return weekdays[isoWeekday(date) - 1]!;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
