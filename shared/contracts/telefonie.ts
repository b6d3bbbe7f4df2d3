import * as z from "zod";
import {
  isoWeekSchema,
  telefonieEntryInputSchema,
  telefonieGoalSchema,
  telefonieKindSchema,
} from "../domain/telefonie/week.ts";
import { usernameSchema } from "./user-records.ts";

export const telefonieWeekParamsSchema = z.object({ isoWeek: isoWeekSchema });
export const telefonieParticipantParamsSchema = z.object({
  isoWeek: isoWeekSchema,
  username: usernameSchema,
});
export const telefonieEntryParamsSchema = telefonieParticipantParamsSchema.extend({
  entryId: z.string().regex(/^[a-z0-9-]{8,40}$/, "field.format"),
});

export { telefonieEntryInputSchema };
export const telefonieEntryPatchSchema = telefonieEntryInputSchema
  .partial()
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), "field.noChange");

/** Goal and vacation of one participant's week; a vacation week has no goal (and no entries). */
export const telefonieGoalInputSchema = z
  .object({
    goal: telefonieGoalSchema.nullable().optional(),
    vacation: z.boolean().default(false),
  })
  .superRefine((input, context) => {
    if (input.vacation && input.goal !== undefined && input.goal !== null)
      context.addIssue({ code: "custom", path: ["goal"], message: "telefonie.vacationNoGoal" });
  });

const statusSchema = z
  .enum(["green", "yellow", "red"])
  .nullable()
  .describe("≥ 90 % green, ≥ 70 % yellow, else red");

export const telefonieEntrySchema = z
  .object({
    id: z.string(),
    kind: telefonieKindSchema,
    points: z.number(),
    note: z.string().optional(),
    version: z.number().int(),
    at: z.string(),
    by: z.string(),
  })
  .meta({ id: "TelefonieEntry" });

export const telefonieWeekSchema = z
  .object({
    username: z.string(),
    displayName: z.string().optional(),
    isoWeek: z.string(),
    goal: z.number().optional().describe("Absent: no goal set, or a vacation week"),
    vacation: z.boolean(),
    entries: z.array(telefonieEntrySchema),
    achieved: z.number().describe("Sum of the entries' points"),
    remaining: z.number().nullable().describe("max(goal − achieved, 0); null without a goal"),
    balance: z.number().nullable().describe("achieved − goal; null without a goal"),
    rate: z.number().nullable().describe("achieved ÷ goal; null without a goal"),
    status: statusSchema,
    reachedGoal: z.boolean(),
    suggestion: z
      .number()
      .describe(
        "Suggested goal: mean of the last 4 non-vacation weeks × 1.1, clamped 5–50, 15 without history",
      ),
  })
  .meta({ id: "TelefonieWeek" });

export const telefonieTrendPointSchema = z
  .object({
    isoWeek: z.string(),
    goal: z.number(),
    achieved: z.number(),
    rate: z.number().nullable(),
    status: statusSchema,
  })
  .meta({ id: "TelefonieTrendPoint" });

export const telefonieMyWeekSchema = telefonieWeekSchema
  .extend({
    from: z.string(),
    to: z.string(),
    trend: z.array(telefonieTrendPointSchema).describe("This participant's last 4 weeks, oldest first"),
  })
  .meta({ id: "TelefonieMyWeek" });

export const telefonieTeamWeekSchema = z
  .object({
    isoWeek: z.string(),
    from: z.string(),
    to: z.string(),
    participants: z.array(telefonieWeekSchema),
    totals: telefonieTrendPointSchema,
    trend: z
      .array(telefonieTrendPointSchema)
      .describe("The team's last 4 weeks, oldest first (vacation weeks left out)"),
  })
  .meta({ id: "TelefonieTeamWeek" });

export type TelefonieWeekView = z.infer<typeof telefonieWeekSchema>;
export type TelefonieTeamWeekView = z.infer<typeof telefonieTeamWeekSchema>;
export type TelefonieMyWeekView = z.infer<typeof telefonieMyWeekSchema>;
export type TelefonieTrendPoint = z.infer<typeof telefonieTrendPointSchema>;
