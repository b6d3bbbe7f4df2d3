import { createSignal } from "solid-js";
import { dateTimeFormat } from "./intl.ts";

/** Calendar arithmetic on `YYYY-MM-DD` strings (dates, not instants: no time zone involved). */
const dayMs = 86_400_000;

/**
 * The zone slot dates and times are local to: the server names it with every availability answer
 * (the slot template's zone); until the first answer, the product's default zone.
 */
const [timeZone, setTimeZone] = createSignal("Europe/Berlin");

export { setTimeZone, timeZone };

/** Today's date in the slots' zone. */
export function today(): string {
  return dateTimeFormat("en-CA", { timeZone: timeZone() }).format(new Date());
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** Monday of the week `date` lies in. */
export function mondayOf(date: string): string {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

export function isoWeek(date: string): number {
  const thursday = addDays(mondayOf(date), 3);
  const firstThursday = addDays(mondayOf(`${thursday.slice(0, 4)}-01-04`), 3);
  return 1 + Math.round((Date.parse(thursday) - Date.parse(firstThursday)) / (7 * dayMs));
}
