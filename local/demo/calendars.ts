import { DateTime } from "luxon";
import type { CalendarEmulator } from "../calendar/emulator.ts";
import { seededRandom } from "./random.ts";

interface SeedOptions {
  consultants: readonly { name: string; calendarId: string }[];
  days: number;
  from: Date;
  timeZone: string;
}

/**
 * Fills empty demo calendars: `T1-bereit` working blocks on weekdays (some
 * days off), a few customer appointments that block slots, and some events in
 * non-blocking colours. Deterministic per consultant and day, and only for
 * days that have no events yet: a restart adds nothing twice, and a restart
 * weeks later fills the days that have come into the horizon since.
 */
export function seedDemoCalendars(emulator: CalendarEmulator, options: SeedOptions): number {
  let seeded = 0;
  const first = DateTime.fromJSDate(options.from, { zone: options.timeZone }).startOf("day");
  for (const [index, consultant] of options.consultants.entries()) {
    const at = (day: DateTime, time: string) => {
      const [hour = 0, minute = 0] = time.split(":").map(Number);
      return day.set({ hour, minute }).toUTC().toISO()!;
    };
    const add = (day: DateTime, from: string, to: string, summary: string, colorId?: string) => {
      emulator.seedEvent(consultant.calendarId, {
        summary,
        start: { dateTime: at(day, from), timeZone: options.timeZone },
        end: { dateTime: at(day, to), timeZone: options.timeZone },
        ...(colorId ? { colorId } : {}),
      });
      seeded++;
    };
    for (let offset = 0; offset < options.days; offset++) {
      const day = first.plus({ days: offset });
      if (emulator.eventCount(consultant.calendarId, day.toJSDate(), day.plus({ days: 1 }).toJSDate()) > 0)
        continue;
      const next = seededRandom(index * 100_000 + Math.floor(day.toMillis() / 86_400_000));
      if (day.weekday > 5 || next() < 0.12) continue; // weekend or a day off
      const friday = day.weekday === 5;
      const ready = next() < 0.5 ? "T1-bereit" : "T1 bereit";
      if (next() < 0.25) {
        // Only the morning or only the afternoon.
        if (next() < 0.5) add(day, "08:30", "13:30", ready);
        else add(day, "13:30", friday ? "16:30" : "22:30", ready);
      } else {
        add(day, "08:30", friday ? "16:30" : "22:30", ready);
      }
      if (next() < 0.3) add(day, friday ? "11:00" : "16:00", friday ? "12:00" : "17:30", "Kundentermin");
      if (next() < 0.2) add(day, "12:00", "13:00", "Mittagspause", "8");
      if (next() < 0.15) add(day, "09:30", "10:00", "Teammeeting (optional)", "1");
    }
  }
  return seeded;
}
