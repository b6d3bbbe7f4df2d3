import { weekdayOf } from "./local-date.ts";
import type { SlotTemplateSettings } from "./slot-template.ts";

/**
 * Places one consultant has in the slot at `date` `time`. The most specific
 * override wins: weekday and time, then time only, then weekday only, then
 * the template's default.
 */
export function placesPerConsultant(template: SlotTemplateSettings, date: string, time: string): number {
  const weekday = weekdayOf(date);
  const overrides = template.placesOverrides;
  const match =
    overrides.find((o) => o.weekday === weekday && o.time === time) ??
    overrides.find((o) => o.weekday === undefined && o.time === time) ??
    overrides.find((o) => o.weekday === weekday && o.time === undefined);
  return match?.places ?? template.placesPerConsultant;
}

/**
 * Capacity of a slot: available consultants × places per consultant. Pooled,
 * so a booking takes a place in the slot, not a particular consultant.
 */
export function slotCapacity(
  template: SlotTemplateSettings,
  date: string,
  time: string,
  availableConsultants: number,
): number {
  if (!Number.isInteger(availableConsultants) || availableConsultants < 0) {
    throw new RangeError(`availableConsultants must be a non-negative integer, got ${availableConsultants}`);
  }
  return availableConsultants * placesPerConsultant(template, date, time);
}
