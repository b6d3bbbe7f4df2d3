import { isoWeekOf } from "../booking/assignment.ts";
import { addDays, localDate } from "../booking/local-date.ts";
import type { GamificationSettings, Season } from "./settings.ts";

/** The buckets running totals are kept in. */
export const periods = ["day", "week", "month", "season", "all"] as const;
export type Period = (typeof periods)[number];

/** A season as it runs in one year: `key` = `<start year>-<id>` (Winter 2026 runs into 2027). */
export interface SeasonRun {
  season: Season;
  key: string;
  /** First and last local date. */
  from: string;
  to: string;
}

function lastDayOfFebruary(year: number): string {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${year}-02-${leap ? "29" : "28"}`;
}

/** The local last day of a season starting in `startYear` ("02-29" means February's last day). */
function seasonEnd(season: Season, startYear: number): string {
  const endYear = season.end < season.start ? startYear + 1 : startYear;
  if (season.end === "02-29") return lastDayOfFebruary(endYear);
  return `${endYear}-${season.end}`;
}

/** The season running on a local date, if any. */
export function seasonOn(
  date: string,
  settings: Pick<GamificationSettings, "seasons">,
): SeasonRun | undefined {
  const year = Number(date.slice(0, 4));
  for (const season of settings.seasons) {
    // A season over New Year that covers this date started this year or the year before.
    for (const startYear of [year, year - 1]) {
      const from = `${startYear}-${season.start}`;
      const to = seasonEnd(season, startYear);
      if (date >= from && date <= to) return { season, key: `${startYear}-${season.id}`, from, to };
    }
  }
  return undefined;
}

/** The season that ended most recently before `date` (for final standings when none runs). */
export function previousSeason(
  date: string,
  settings: Pick<GamificationSettings, "seasons">,
): SeasonRun | undefined {
  for (let back = 1; back <= 366; back++) {
    const run = seasonOn(addDays(date, -back), settings);
    if (run) return run;
  }
  return undefined;
}

export type PeriodKeys = Record<Exclude<Period, "season">, string> & { season?: string };

/** The bucket keys an instant falls into, by its local date in `timeZone`. */
export function periodKeysAt(
  at: string | Date,
  timeZone: string,
  settings: Pick<GamificationSettings, "seasons">,
): PeriodKeys {
  const date = localDate(typeof at === "string" ? new Date(at) : at, timeZone);
  return periodKeysOn(date, settings);
}

export function periodKeysOn(date: string, settings: Pick<GamificationSettings, "seasons">): PeriodKeys {
  const season = seasonOn(date, settings);
  return {
    day: date,
    week: isoWeekOf(date),
    month: date.slice(0, 7),
    ...(season ? { season: season.key } : {}),
    all: "all",
  };
}

export interface Multipliers {
  xp: number;
  coins: number;
}

/** The season's XP and coin multipliers on a local date (1 outside seasons). */
export function seasonMultipliers(
  date: string,
  settings: Pick<GamificationSettings, "seasons">,
): Multipliers {
  const run = seasonOn(date, settings);
  return run ? { xp: run.season.xpMultiplier, coins: run.season.coinMultiplier } : { xp: 1, coins: 1 };
}

/** The month before a `YYYY-MM` month key. */
export function previousMonth(month: string): string {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  return monthNumber === 1 ? `${year - 1}-12` : `${year}-${String(monthNumber - 1).padStart(2, "0")}`;
}
