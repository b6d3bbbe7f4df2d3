import * as z from "zod";
import { addDays, formatIsoDate, isoWeekday } from "./local-date.ts";

/**
 * German public holidays (gesetzliche Feiertage) per federal state.
 *
 * Only holidays that apply to a whole state are listed: those valid in parts
 * of a state only (Fronleichnam in parts of SN/TH, Mariä Himmelfahrt in
 * Catholic communities of BY, Augsburger Friedensfest) are left out because a
 * slot calendar has one state. The rules follow current law including the
 * recent additions with their first year (Frauentag BE 2019 / MV 2023,
 * Reformationstag in HB/HH/NI/SH 2018, Weltkindertag TH 2019, the nationwide
 * Reformationstag 2017 and Berlin's one-off 8 May 2020 and 2025). Law before
 * 1995 (Buß- und Bettag nationwide, 17 June before 1990) is not modelled.
 */

export const germanStates = [
  "BW",
  "BY",
  "BE",
  "BB",
  "HB",
  "HH",
  "HE",
  "MV",
  "NI",
  "NW",
  "RP",
  "SL",
  "SN",
  "ST",
  "SH",
  "TH",
] as const;

export const germanStateSchema = z.enum(germanStates, { error: "template.unknownState" });
export type GermanState = z.infer<typeof germanStateSchema>;

export interface Holiday {
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
  /** German name as printed in calendars. */
  name: string;
}

/** Which states observe a holiday, and from which year (inclusive). */
interface HolidayRule {
  name: string;
  /** Date of the holiday in `year`, given that year's Easter Sunday. */
  date: (year: number, easter: string) => string;
  states: readonly GermanState[] | "all";
  since?: number;
  /** Extra years in which all states observe it (Reformationstag 2017). */
  nationwideIn?: readonly number[];
  onlyIn?: readonly number[];
}

const fixed =
  (month: number, day: number) =>
  (year: number): string =>
    formatIsoDate(year, month, day);
const fromEaster =
  (offset: number) =>
  (_year: number, easter: string): string =>
    addDays(easter, offset);

/** Buß- und Bettag: the Wednesday before 23 November (so 16–22 November). */
function repentanceDay(year: number): string {
  const nov22 = formatIsoDate(year, 11, 22);
  const backToWednesday = (isoWeekday(nov22) - 3 + 7) % 7;
  return addDays(nov22, -backToWednesday);
}

const rules: readonly HolidayRule[] = [
  { name: "Neujahr", date: fixed(1, 1), states: "all" },
  { name: "Heilige Drei Könige", date: fixed(1, 6), states: ["BW", "BY", "ST"] },
  { name: "Internationaler Frauentag", date: fixed(3, 8), states: ["BE"], since: 2019 },
  { name: "Internationaler Frauentag", date: fixed(3, 8), states: ["MV"], since: 2023 },
  { name: "Karfreitag", date: fromEaster(-2), states: "all" },
  // Easter and Whit Sunday are statutory only in BB and HE; they matter only if Sundays get slots.
  { name: "Ostersonntag", date: fromEaster(0), states: ["BB", "HE"] },
  { name: "Ostermontag", date: fromEaster(1), states: "all" },
  { name: "Tag der Arbeit", date: fixed(5, 1), states: "all" },
  { name: "Tag der Befreiung", date: fixed(5, 8), states: ["BE"], onlyIn: [2020, 2025] },
  { name: "Christi Himmelfahrt", date: fromEaster(39), states: "all" },
  { name: "Pfingstsonntag", date: fromEaster(49), states: ["BB", "HE"] },
  { name: "Pfingstmontag", date: fromEaster(50), states: "all" },
  { name: "Fronleichnam", date: fromEaster(60), states: ["BW", "BY", "HE", "NW", "RP", "SL"] },
  { name: "Mariä Himmelfahrt", date: fixed(8, 15), states: ["SL"] },
  { name: "Weltkindertag", date: fixed(9, 20), states: ["TH"], since: 2019 },
  { name: "Tag der Deutschen Einheit", date: fixed(10, 3), states: "all" },
  {
    name: "Reformationstag",
    date: fixed(10, 31),
    states: ["BB", "MV", "SN", "ST", "TH"],
    nationwideIn: [2017],
  },
  { name: "Reformationstag", date: fixed(10, 31), states: ["HB", "HH", "NI", "SH"], since: 2018 },
  { name: "Allerheiligen", date: fixed(11, 1), states: ["BW", "BY", "NW", "RP", "SL"] },
  { name: "Buß- und Bettag", date: repentanceDay, states: ["SN"] },
  { name: "1. Weihnachtstag", date: fixed(12, 25), states: "all" },
  { name: "2. Weihnachtstag", date: fixed(12, 26), states: "all" },
];

/**
 * Easter Sunday of a Gregorian year (anonymous Gregorian algorithm,
 * Meeus/Jones/Butcher), as YYYY-MM-DD.
 */
export function easterSunday(year: number): string {
  assertYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatIsoDate(year, month, day);
}

/** The public holidays of `state` in `year`, sorted by date. */
export function publicHolidays(state: GermanState, year: number): Holiday[] {
  assertYear(year);
  const easter = easterSunday(year);
  const applies = (rule: HolidayRule): boolean => {
    if (rule.nationwideIn?.includes(year)) return true;
    if (rule.onlyIn && !rule.onlyIn.includes(year)) return false;
    if (rule.since !== undefined && year < rule.since) return false;
    return rule.states === "all" || rule.states.includes(state);
  };
  return rules
    .filter(applies)
    .map((rule) => ({ date: rule.date(year, easter), name: rule.name }))
    .sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

/** A company holiday: its date (YYYY-MM-DD), or the date with the reason admins gave. */
export type CompanyHoliday = string | { date: string; reason?: string | undefined };

/** The part of a slot template that decides blocked dates. */
export interface BlockedDateRules {
  holidayState: GermanState;
  /** Company holidays (Betriebsferien, Brückentage). */
  companyHolidays: readonly CompanyHoliday[];
}

/** The date of a company holiday entry. */
export function companyHolidayDate(entry: CompanyHoliday): string {
  return typeof entry === "string" ? entry : entry.date;
}

// Holiday lists are pure functions of (state, year): cache them, since slot
// generation asks once per day of the horizon.
const holidayDates = new Map<string, Map<string, string>>();

function holidayIndex(state: GermanState, year: number): Map<string, string> {
  const cacheKey = `${state}#${year}`;
  let index = holidayDates.get(cacheKey);
  if (!index) {
    index = new Map();
    for (const holiday of publicHolidays(state, year)) {
      if (!index.has(holiday.date)) index.set(holiday.date, holiday.name);
    }
    holidayDates.set(cacheKey, index);
  }
  return index;
}

/**
 * Why a date has no slots: the holiday's name, a company holiday's reason
 * ("Betriebsurlaub" when none was given), or undefined when the date is not blocked.
 */
export function blockedDateReason(rules: BlockedDateRules, date: string): string | undefined {
  const year = Number(date.slice(0, 4));
  const holiday = holidayIndex(rules.holidayState, year).get(date);
  if (holiday) return holiday;
  const company = rules.companyHolidays.find((entry) => companyHolidayDate(entry) === date);
  if (company === undefined) return undefined;
  return (typeof company === "string" ? undefined : company.reason) || "Betriebsurlaub";
}

/** True when `date` (YYYY-MM-DD) is a public holiday of the state or a company holiday. */
export function isBlockedDate(rules: BlockedDateRules, date: string): boolean {
  return blockedDateReason(rules, date) !== undefined;
}

function assertYear(year: number): void {
  // The Gregorian Easter rule starts in 1583; four-digit years keep YYYY-MM-DD valid.
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`year must be an integer 1583–9999, got ${year}`);
  }
}
