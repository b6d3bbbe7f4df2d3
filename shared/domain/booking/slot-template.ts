import { DateTime, IANAZone } from "luxon";
import * as z from "zod";
import { germanStateSchema, isBlockedDate } from "./holidays.ts";
import {
  addDays,
  hhmmSchema,
  isIsoDate,
  isoDateSchema,
  localDate,
  type Weekday,
  weekdayOf,
  weekdays,
} from "./local-date.ts";

/**
 * The slot template: when slots start, how long they last, how far ahead they
 * are offered, how many places each consultant has and which dates are
 * blocked. It is data (stored, edited by admins through the API), so it is a
 * zod schema; parsing `{}` gives the defaults from DESIGN.md.
 */

export const weekdaySchema = z.enum(weekdays, {
  error: "template.weekday",
});

const MON_TO_THU = ["09:00", "11:00", "14:00", "16:00", "18:00", "20:00"];
const FRIDAY = ["09:00", "11:00", "14:00"];

const timesSchema = (defaults: readonly string[]) =>
  z
    .array(hhmmSchema)
    .max(48)
    .refine((times) => new Set(times).size === times.length, "template.timesDuplicate")
    .default(() => [...defaults]);

/** Most specific override wins: weekday+time, then time only, then weekday only. */
export const placesOverrideSchema = z.object({
  weekday: weekdaySchema.optional(),
  time: hhmmSchema.optional(),
  places: z.int("field.integer").min(0).max(100),
});
export type PlacesOverride = z.infer<typeof placesOverrideSchema>;

/** A blocked date with its reason (Betriebsurlaub, Brückentag, Inventur …). */
export const companyHolidaySchema = z.object({
  date: isoDateSchema,
  reason: z.string().trim().max(80).optional(),
});

/** The zone slots are local to when neither the template nor the deployment names one. */
export const defaultTimeZone = "Europe/Berlin";

export const timeZoneSchema = z
  .string()
  .refine((zone) => IANAZone.isValidZone(zone), "template.timeZoneUnknown");

/**
 * The stored template. `timeZone` is optional on purpose: a template that
 * names none follows the deployment's `TIMEZONE`, resolved by `withTimeZone`
 * where the settings are read, so there is one answer to "which zone".
 */
export const slotTemplateSchema = z
  .object({
    timeZone: timeZoneSchema.optional(),
    slotMinutes: z.int("field.integer").min(15).max(720).default(120),
    horizonDays: z.int("field.integer").min(1).max(366).default(56),
    times: z
      .object({
        mon: timesSchema(MON_TO_THU),
        tue: timesSchema(MON_TO_THU),
        wed: timesSchema(MON_TO_THU),
        thu: timesSchema(MON_TO_THU),
        fri: timesSchema(FRIDAY),
        sat: timesSchema([]),
        sun: timesSchema([]),
      })
      // prefault: a missing `times` runs through the per-weekday defaults above.
      .prefault({}),
    placesPerConsultant: z.int("field.integer").min(0).max(100).default(4),
    placesOverrides: z
      .array(placesOverrideSchema)
      .max(200)
      .default(() => []),
    holidayState: germanStateSchema.default("NW"),
    // A bare date (the original form) or a date with the reason shown to admins.
    companyHolidays: z
      .array(z.union([isoDateSchema, companyHolidaySchema]))
      .max(1000)
      .default(() => []),
  })
  .superRefine((template, ctx) => {
    // Slots of one day must not overlap: capacity is pooled per slot, and one
    // consultant cannot sit in two slots at once.
    for (const weekday of weekdays) {
      const minutes = template.times[weekday].map(toMinutes).sort((a, b) => a - b);
      for (let i = 1; i < minutes.length; i++) {
        if (minutes[i]! - minutes[i - 1]! < template.slotMinutes) {
          ctx.addIssue({
            code: "custom",
            path: ["times", weekday],
            message: "template.overlap",
            params: { minutes: template.slotMinutes },
          });
          break;
        }
      }
    }
  });

/** The template as stored and edited: its zone may be left to the deployment. */
export type SlotTemplateSettings = z.infer<typeof slotTemplateSchema>;
export type SlotTemplateInput = z.input<typeof slotTemplateSchema>;
/** The template with its zone resolved: what slots are computed from. */
export type SlotTemplate = SlotTemplateSettings & { timeZone: string };

/** The template's own zone, else `fallbackZone` (the deployment's `TIMEZONE`). */
export function withTimeZone(settings: SlotTemplateSettings, fallbackZone = defaultTimeZone): SlotTemplate {
  return { ...settings, timeZone: settings.timeZone ?? fallbackZone };
}

/** The default rules with the default zone. Frozen: parse a copy to change it. */
export const defaultSlotTemplate: SlotTemplate = deepFreeze(withTimeZone(slotTemplateSchema.parse({})));

/** One bookable slot: local date and wall-clock time, plus its UTC instants. */
export interface Slot {
  /** Local date in the template's zone, YYYY-MM-DD. */
  date: string;
  /** Local start time, HH:mm. */
  time: string;
  /** UTC ISO-8601 instants (`…Z`, with milliseconds like Date#toISOString). */
  start: string;
  end: string;
}

/**
 * The slots of `days` consecutive local dates starting at `fromDate`
 * (default: the template's horizon), in chronological order. Blocked dates
 * (public holidays of the state, company holidays) have none.
 *
 * Instants come from luxon in the template's zone, so 09:00 is 08:00Z in
 * winter and 07:00Z in summer. A slot lasts `slotMinutes` of real time. A
 * start time that does not exist on a spring-forward day (02:30 on the last
 * Sunday of March in Berlin) is skipped rather than silently moved; a time
 * that occurs twice in autumn takes the earlier (summer-time) instant.
 */
export function generateSlots(template: SlotTemplate, fromDate: string, days = template.horizonDays): Slot[] {
  if (!isIsoDate(fromDate)) throw new RangeError(`fromDate must be YYYY-MM-DD, got ${fromDate}`);
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a non-negative integer`);
  const slots: Slot[] = [];
  for (let offset = 0; offset < days; offset++) {
    const date = addDays(fromDate, offset);
    if (isBlockedDate(template, date)) continue;
    const times = [...template.times[weekdayOf(date)]].sort();
    for (const time of times) {
      const slot = buildSlot(template, date, time);
      if (slot) slots.push(slot);
    }
  }
  return slots;
}

/**
 * The slot at a local date and time, or undefined when the template offers
 * none there (blocked date, wrong weekday or time, nonexistent local time).
 * Booking uses this to turn a requested `{date, time}` into instants.
 */
export function slotAt(template: SlotTemplate, date: string, time: string): Slot | undefined {
  if (!isIsoDate(date) || isBlockedDate(template, date)) return undefined;
  if (!template.times[weekdayOf(date)].includes(time)) return undefined;
  return buildSlot(template, date, time);
}

/** Re-exported: callers that work with the template find them here. */
export { localDate, type Weekday, weekdayOf, weekdays };

/**
 * The UTC instants bounding a local day: its local midnight and the next
 * one (23 or 25 hours apart on DST change days).
 */
export function dayBounds(date: string, timeZone: string): { start: string; end: string } {
  if (!isIsoDate(date)) throw new RangeError(`date must be YYYY-MM-DD, got ${date}`);
  const start = DateTime.fromISO(date, { zone: timeZone }).startOf("day");
  const end = start.plus({ days: 1 }).startOf("day");
  return { start: start.toUTC().toISO()!, end: end.toUTC().toISO()! };
}

function buildSlot(template: SlotTemplate, date: string, time: string): Slot | undefined {
  const start = zonedInstant(date, time, template.timeZone);
  if (start === undefined) return undefined;
  const end = start + template.slotMinutes * 60_000;
  return { date, time, start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Epoch ms of a local wall-clock time, deterministically: undefined inside a
 * spring-forward gap, the earlier instant when an autumn time occurs twice.
 * (luxon resolves both from a guess based on the current offset, so its
 * answer for ambiguous times would depend on when the code runs.)
 */
function zonedInstant(date: string, time: string, timeZone: string): number | undefined {
  const zone = IANAZone.create(timeZone);
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, day, Number(time.slice(0, 2)), Number(time.slice(3, 5)));
  const candidates: number[] = [];
  // The offsets a day before and after cover both sides of any DST change.
  for (const probe of [wall - DAY_MS, wall + DAY_MS]) {
    const offsetMinutes = zone.offset(probe);
    const instant = wall - offsetMinutes * 60_000;
    if (zone.offset(instant) === offsetMinutes) candidates.push(instant);
  }
  return candidates.length > 0 ? Math.min(...candidates) : undefined;
}

function toMinutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
