import { DateTime } from "luxon";
import * as z from "zod";

/**
 * Telefonie: weekly points that admins enter per participant. Plain domain
 * rules (no storage, no AWS): the numbers are the product's defaults.
 */
export const telefonieKinds = ["T1", "T2", "Telefonie", "Extra"] as const;
export type TelefonieKind = (typeof telefonieKinds)[number];

export const telefonieRules = {
  /** Points of one activity and the weekly goal both lie in 0–100. */
  maxPoints: 100,
  maxGoal: 100,
  /** Goal suggestion: mean achieved of the last N non-vacation weeks × factor, clamped. */
  suggestionWeeks: 4,
  suggestionFactor: 1.1,
  suggestionMin: 5,
  suggestionMax: 50,
  suggestionWithoutHistory: 15,
  /** Status by achievement rate (achieved / goal): green from 90 %, yellow from 70 %, else red. */
  greenFrom: 0.9,
  yellowFrom: 0.7,
  /** The team trend looks back this many weeks (the selected one included). */
  trendWeeks: 4,
} as const;

/** Points are kept to one decimal; 0.1 steps avoid float noise in sums (0.1 + 0.2). */
export function roundPoints(value: number): number {
  return Math.round(value * 10) / 10;
}

export const isoWeekPattern = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;

/** `2026-W49`, a week that exists in that year (W53 only in long years). */
export const isoWeekSchema = z
  .string()
  .regex(isoWeekPattern, "telefonie.weekFormat")
  .refine((week) => DateTime.fromISO(week).isValid, "telefonie.weekFormat");

export const telefonieKindSchema = z.enum(telefonieKinds);

const pointsSchema = z
  .number("field.number")
  .min(0, "telefonie.pointsRange")
  .max(telefonieRules.maxPoints, "telefonie.pointsRange")
  .transform(roundPoints);

export const telefonieEntryInputSchema = z.object({
  kind: telefonieKindSchema,
  points: pointsSchema,
  note: z.string().trim().max(200).optional(),
});

export const telefonieGoalSchema = z
  .number("field.number")
  .min(0, "telefonie.goalRange")
  .max(telefonieRules.maxGoal, "telefonie.goalRange")
  .transform(roundPoints);

export interface TelefonieEntry {
  id: string;
  kind: TelefonieKind;
  points: number;
  note?: string;
  /** Starts at 1; every change of the entry counts up (the ledger keys on it). */
  version: number;
  at: string;
  by: string;
}

/** What is stored per participant and ISO week. */
export interface TelefonieWeekState {
  username: string;
  isoWeek: string;
  goal?: number;
  vacation: boolean;
  entries: TelefonieEntry[];
}

export function achieved(entries: readonly Pick<TelefonieEntry, "points">[]): number {
  return roundPoints(entries.reduce((sum, entry) => sum + entry.points, 0));
}

export function remaining(goal: number, achievedPoints: number): number {
  return roundPoints(Math.max(goal - achievedPoints, 0));
}

export function balance(goal: number, achievedPoints: number): number {
  return roundPoints(achievedPoints - goal);
}

/** Achieved ÷ goal; null without a goal (vacation, not set, or 0). */
export function achievementRate(goal: number | undefined, achievedPoints: number): number | null {
  if (goal === undefined || goal <= 0) return null;
  return achievedPoints / goal;
}

export type TelefonieStatus = "green" | "yellow" | "red";

export function statusOf(rate: number | null): TelefonieStatus | null {
  if (rate === null) return null;
  if (rate >= telefonieRules.greenFrom) return "green";
  if (rate >= telefonieRules.yellowFrom) return "yellow";
  return "red";
}

/**
 * Goal suggestion from earlier weeks (any order; the most recent count):
 * mean achieved of the last 4 non-vacation weeks × 1.1, clamped to 5–50;
 * 15 without any such week.
 */
export function suggestGoal(
  history: readonly { isoWeek: string; vacation: boolean; achieved: number }[],
): number {
  const recent = history
    .filter((week) => !week.vacation)
    .sort((a, b) => b.isoWeek.localeCompare(a.isoWeek))
    .slice(0, telefonieRules.suggestionWeeks);
  if (recent.length === 0) return telefonieRules.suggestionWithoutHistory;
  const mean = recent.reduce((sum, week) => sum + week.achieved, 0) / recent.length;
  const suggested = mean * telefonieRules.suggestionFactor;
  return roundPoints(
    Math.min(telefonieRules.suggestionMax, Math.max(telefonieRules.suggestionMin, suggested)),
  );
}

/** What a week shows: the stored state plus the derived figures. */
export interface TelefonieWeekSummary extends TelefonieWeekState {
  achieved: number;
  remaining: number | null;
  balance: number | null;
  rate: number | null;
  status: TelefonieStatus | null;
  reachedGoal: boolean;
}

export function summarizeWeek(state: TelefonieWeekState): TelefonieWeekSummary {
  const points = achieved(state.entries);
  const goal = state.vacation ? undefined : state.goal;
  const rate = achievementRate(goal, points);
  const { goal: _stored, ...rest } = state;
  return {
    ...rest,
    ...(goal === undefined ? {} : { goal }),
    achieved: points,
    remaining: goal === undefined ? null : remaining(goal, points),
    balance: goal === undefined ? null : balance(goal, points),
    rate,
    status: statusOf(rate),
    reachedGoal: goal !== undefined && goal > 0 && points >= goal,
  };
}

/** The ISO week (`2026-W49`) of an instant in a zone. */
export function isoWeekOf(instant: Date | string, zone: string): string {
  const at =
    typeof instant === "string"
      ? DateTime.fromISO(instant, { zone })
      : DateTime.fromJSDate(instant, { zone });
  return at.toFormat("kkkk-'W'WW");
}

/** The week `offset` weeks from `isoWeek` (negative: earlier). */
export function shiftWeek(isoWeek: string, offset: number): string {
  return DateTime.fromISO(isoWeek, { zone: "UTC" }).plus({ weeks: offset }).toFormat("kkkk-'W'WW");
}

/** The `count` weeks ending with `isoWeek`, oldest first. */
export function weeksEndingWith(isoWeek: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => shiftWeek(isoWeek, index - count + 1));
}

/** Monday and Sunday (local dates) of an ISO week. */
export function weekDates(isoWeek: string): { from: string; to: string } {
  const monday = DateTime.fromISO(isoWeek, { zone: "UTC" });
  return { from: monday.toISODate() ?? "", to: monday.plus({ days: 6 }).toISODate() ?? "" };
}
