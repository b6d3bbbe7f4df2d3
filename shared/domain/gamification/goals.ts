import * as z from "zod";
import { addDays, isoWeekday } from "../booking/local-date.ts";

/**
 * Personal goals: five templates, each with its target limits, default,
 * deadline rule and reward multiplier. An agent picks a template and a
 * target; progress comes from the ledger's period totals and the agent's
 * data; a reached goal is claimed once for 50 XP × multiplier and as many coins.
 */

export const goalTemplateIds = ["dailyPoints", "weeklyBookings", "streak", "badges", "rank"] as const;
export type GoalTemplateId = (typeof goalTemplateIds)[number];

export interface GoalTemplate {
  id: GoalTemplateId;
  defaultTarget: number;
  min: number;
  max: number;
  multiplier: number;
  deadline: "nextDay" | "sunday" | "30days";
  /** Rank goals are reached by getting down to the target, the others by getting up to it. */
  lowerIsBetter?: boolean;
}

export const goalTemplates: Record<GoalTemplateId, GoalTemplate> = {
  dailyPoints: {
    id: "dailyPoints",
    defaultTarget: 10,
    min: 1,
    max: 50,
    multiplier: 1.2,
    deadline: "nextDay",
  },
  weeklyBookings: {
    id: "weeklyBookings",
    defaultTarget: 15,
    min: 5,
    max: 100,
    multiplier: 1.1,
    deadline: "sunday",
  },
  streak: { id: "streak", defaultTarget: 7, min: 3, max: 365, multiplier: 1.5, deadline: "30days" },
  badges: { id: "badges", defaultTarget: 3, min: 1, max: 20, multiplier: 1.3, deadline: "30days" },
  rank: {
    id: "rank",
    defaultTarget: 5,
    min: 1,
    max: 20,
    multiplier: 1.4,
    deadline: "30days",
    lowerIsBetter: true,
  },
};

export const goalBaseReward = 50;
export const maxOpenGoals = 10;

export const goalTemplateIdSchema = z.enum(goalTemplateIds, { error: "goal.templateUnknown" });

/** Target within the template's limits: checked with the template's own numbers in the message. */
export const goalInputSchema = z
  .object({
    template: goalTemplateIdSchema,
    target: z.int("field.integer").optional(),
  })
  .superRefine((input, context) => {
    const template = goalTemplates[input.template];
    if (input.target !== undefined && (input.target < template.min || input.target > template.max)) {
      context.addIssue({
        code: "custom",
        path: ["target"],
        message: "goal.targetOutOfRange",
        params: { min: template.min, max: template.max },
      });
    }
  });
export type GoalInput = z.infer<typeof goalInputSchema>;

export const goalUpdateSchema = z.object({ target: z.int("field.integer") });

/** The local date a goal created on `createdOn` ends on (inclusive, until 23:59 local). */
export function goalDeadline(template: GoalTemplate, createdOn: string): string {
  switch (template.deadline) {
    case "nextDay":
      return addDays(createdOn, 1);
    case "sunday":
      return addDays(createdOn, 7 - isoWeekday(createdOn));
    case "30days":
      return addDays(createdOn, 30);
  }
}

export function targetInRange(template: GoalTemplate, target: number): boolean {
  return Number.isInteger(target) && target >= template.min && target <= template.max;
}

export function goalReward(template: GoalTemplate) {
  const amount = Math.round(goalBaseReward * template.multiplier);
  return { xp: amount, coins: amount };
}

export type GoalStatus = "active" | "reached" | "claimed" | "expired";

/** Reached once the value meets the target; a goal not reached by its deadline has expired. */
export function goalStatus(
  template: GoalTemplate,
  goal: { target: number; deadline: string; claimedAt?: string | undefined },
  value: number | undefined,
  today: string,
): GoalStatus {
  if (goal.claimedAt) return "claimed";
  const reached =
    value !== undefined &&
    (template.lowerIsBetter ? value > 0 && value <= goal.target : value >= goal.target);
  if (reached) return "reached";
  return today > goal.deadline ? "expired" : "active";
}

/** Share of the way to the target, 0..1 (a rank goal: 1 at the target, falling with distance). */
export function goalFraction(template: GoalTemplate, target: number, value: number | undefined): number {
  if (value === undefined || value <= 0) return 0;
  if (template.lowerIsBetter) return Math.min(1, target / value);
  return Math.min(1, value / target);
}

export function goalEventKey(goalId: string): string {
  return `goal:${goalId}`;
}
