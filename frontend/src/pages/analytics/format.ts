import { formatDay, locale, t } from "../../i18n/index.ts";

/** Rates are fractions; null is "no data", never 0 %. */
export function percent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  return new Intl.NumberFormat(locale(), { style: "percent", maximumFractionDigits: digits }).format(value);
}

export function number(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined) return "–";
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(value);
}

/** Percentage points with a sign ("+3,2 Pp."). */
export function points(value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  const sign = value > 0 ? "+" : "";
  return `${sign}${number(value, 1)} ${t("analytics.pp")}`;
}

export function relative(value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  return `${value > 0 ? "+" : ""}${percent(value, 0)}`;
}

export function windowText(window: { from: string; to: string }): string {
  // A window over a year's end names the years: "01.12. – 01.12." would read as one day.
  const style = window.from.slice(0, 4) === window.to.slice(0, 4) ? "short" : "shortWithYear";
  return t("analytics.window", { from: formatDay(window.from, style), to: formatDay(window.to, style) });
}

const sources = {
  aggregates: "analytics.source.aggregates",
  slots: "analytics.source.slots",
  bookings: "analytics.source.bookings",
  imported: "analytics.source.imported",
  telefonie: "analytics.source.telefonie",
} as const;

/** "Zeitraum … · Quelle: …": every figure names both. */
export function caption(window: { from: string; to: string }, source: keyof typeof sources): string {
  return `${windowText(window)} · ${t(sources[source])}`;
}

export const weekdayKeys = [
  "analytics.weekday.1",
  "analytics.weekday.2",
  "analytics.weekday.3",
  "analytics.weekday.4",
  "analytics.weekday.5",
  "analytics.weekday.6",
  "analytics.weekday.7",
] as const;
