import { addDays, isoWeekday } from "../booking/local-date.ts";

/**
 * Streaks over the last `lookbackDays` local days (today included):
 * - work streak: Mon–Fri days with points > 0; weekends and blocked dates
 *   (holidays, company holidays) are skipped, never breaking it;
 * - booking streak: consecutive calendar days (weekends too) with a booking;
 * - points streak: work days with confirmed points > 0;
 * today not (yet) active does not break a streak: it counts up to yesterday.
 * A streak shield bridges one missed work day of the work streak (used
 * oldest-first, only where it joins two active days).
 */
export interface DayActivity {
  points: number;
  confirmed: number;
  bookings: number;
}

export interface StreakInput {
  today: string;
  lookbackDays: number;
  activity: ReadonlyMap<string, DayActivity>;
  isBlocked: (date: string) => boolean;
  shieldedDays: ReadonlySet<string>;
  shieldsAvailable: number;
}

export interface StreakResult {
  work: number;
  booking: number;
  points: number;
  /** Longest of the three now. */
  current: number;
  /** Longest run of any of the three inside the look-back. */
  longest: number;
  /** Missed work days a new shield now protects. */
  newShieldDays: string[];
}

type DayState = "active" | "missed" | "skip";

function longestRun(days: readonly DayState[]): { longest: number; trailing: number } {
  let run = 0;
  let longest = 0;
  for (const state of days) {
    if (state === "active") run++;
    else if (state === "missed") run = 0;
    longest = Math.max(longest, run);
  }
  return { longest, trailing: run };
}

export function computeStreaks(input: StreakInput): StreakResult {
  const dates = Array.from({ length: input.lookbackDays }, (_, i) =>
    addDays(input.today, i - input.lookbackDays + 1),
  );
  const workDay = (date: string) => isoWeekday(date) <= 5 && !input.isBlocked(date);
  const activityOf = (date: string) => input.activity.get(date) ?? { points: 0, confirmed: 0, bookings: 0 };
  const isToday = (date: string) => date === input.today;

  const workStates: DayState[] = dates.map((date) => {
    if (!workDay(date)) return "skip";
    if (activityOf(date).points > 0) return "active";
    return isToday(date) ? "skip" : "missed";
  });
  // Shields: a missed work day between two active work days, protected once.
  const newShieldDays: string[] = [];
  let shields = input.shieldsAvailable;
  for (let i = 0; i < workStates.length; i++) {
    if (workStates[i] !== "missed") continue;
    const date = dates[i] as string;
    const before = workStates.slice(0, i).findLast((state) => state !== "skip");
    const after = workStates.slice(i + 1).find((state) => state !== "skip");
    if (before !== "active" || after !== "active") continue;
    if (input.shieldedDays.has(date)) workStates[i] = "skip";
    else if (shields > 0) {
      shields--;
      newShieldDays.push(date);
      workStates[i] = "skip";
    }
  }
  const bookingStates: DayState[] = dates.map((date) => {
    if (activityOf(date).bookings > 0) return "active";
    return isToday(date) ? "skip" : "missed";
  });
  const pointsStates: DayState[] = dates.map((date) => {
    if (!workDay(date)) return "skip";
    if (activityOf(date).confirmed > 0) return "active";
    return isToday(date) ? "skip" : "missed";
  });
  const work = longestRun(workStates);
  const booking = longestRun(bookingStates);
  const points = longestRun(pointsStates);
  return {
    work: work.trailing,
    booking: booking.trailing,
    points: points.trailing,
    current: Math.max(work.trailing, booking.trailing, points.trailing),
    longest: Math.max(work.longest, booking.longest, points.longest),
    newShieldDays,
  };
}
