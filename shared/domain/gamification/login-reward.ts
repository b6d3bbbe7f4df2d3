import { addDays } from "../booking/local-date.ts";

/**
 * The daily login reward: once per local day, on the first authenticated
 * visit. The streak counts consecutive days with a visit.
 */

export const loginRewardRule = {
  base: 10,
  perStreakDay: 5,
  streakCap: 40,
  milestones: { 7: 100, 30: 500, 100: 2000 } as Record<number, number>,
} as const;

/** The streak on `today` given the streak recorded on the last visited day. */
export function nextLoginStreak(today: string, last?: { date: string; streak: number }): number {
  if (!last) return 1;
  if (last.date === today) return last.streak;
  return last.date === addDays(today, -1) ? last.streak + 1 : 1;
}

export function loginRewardCoins(streak: number): number {
  const rule = loginRewardRule;
  return rule.base + Math.min(rule.perStreakDay * streak, rule.streakCap) + (rule.milestones[streak] ?? 0);
}

export function loginEventKey(date: string): string {
  return `login:${date}`;
}
