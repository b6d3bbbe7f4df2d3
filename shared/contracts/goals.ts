import * as z from "zod";
import { isoDateSchema } from "../domain/booking/local-date.ts";
import { goalTemplateIds } from "../domain/gamification/goals.ts";

export { goalInputSchema, goalUpdateSchema } from "../domain/gamification/goals.ts";

export const goalTemplateSchema = z
  .object({
    id: z.enum(goalTemplateIds),
    defaultTarget: z.number().int(),
    min: z.number().int(),
    max: z.number().int(),
    multiplier: z.number(),
    deadline: z.enum(["nextDay", "sunday", "30days"]),
    lowerIsBetter: z.boolean(),
    reward: z.object({ xp: z.number().int(), coins: z.number().int() }),
  })
  .meta({ id: "GoalTemplate" });

export const goalSchema = z
  .object({
    id: z.string(),
    template: z.enum(goalTemplateIds),
    target: z.number().int(),
    createdAt: z.string(),
    deadline: isoDateSchema.describe("Last local date the goal counts (until 23:59)"),
    value: z
      .number()
      .nullable()
      .describe("Current value; null while it cannot be measured (e.g. not ranked)"),
    fraction: z.number().describe("0..1 of the way to the target"),
    status: z.enum(["active", "reached", "claimed", "expired"]),
    reward: z.object({ xp: z.number().int(), coins: z.number().int() }),
    claimedAt: z.string().optional(),
  })
  .meta({ id: "Goal" });

export const goalsSchema = z
  .object({ templates: z.array(goalTemplateSchema), goals: z.array(goalSchema) })
  .meta({ id: "Goals" });

export const goalIdParamsSchema = z.object({ id: z.string().regex(/^[0-9a-f]{32}$/, "goal.notFound") });

export type GoalView = z.infer<typeof goalSchema>;
export type GoalTemplateView = z.infer<typeof goalTemplateSchema>;
