import * as z from "zod";
import { isoDateSchema } from "../domain/booking/local-date.ts";

const rewardSchema = z.object({
  coins: z.number().int(),
  xp: z.number().int(),
  bonusSpins: z.number().int(),
});

export const questViewSchema = z
  .object({
    id: z.string(),
    pool: z.enum(["booking", "universal"]),
    emoji: z.string(),
    name: z.string().describe("In the caller's language"),
    description: z.string(),
    value: z.number().int(),
    target: z.number().int(),
    complete: z.boolean(),
    claimed: z.boolean(),
    reward: rewardSchema.describe("Already multiplied by the day's multiplier"),
  })
  .meta({ id: "Quest" });

export const questDaySchema = z
  .object({
    date: isoDateSchema.describe("Local date of the quests"),
    multiplier: z.number().describe("The day's reward multiplier (1, 1.2 or 1.5), the same for everyone"),
    quests: z.array(questViewSchema),
  })
  .meta({ id: "QuestDay" });

export const questsSchema = questDaySchema
  .extend({
    yesterday: questDaySchema
      .optional()
      .describe("Yesterday's quests that are complete but not claimed (claimable for one more day)"),
  })
  .meta({ id: "Quests" });

export const questIdParamsSchema = z.object({ questId: z.string().regex(/^[a-z-]{1,40}$/, "quest.unknown") });
export const questClaimQuerySchema = z.object({
  date: isoDateSchema.optional().describe("The quests' local date: today (default) or yesterday"),
});

const balanceSchema = z.object({
  coins: z.number().int(),
  xp: z.number().int(),
  bonusSpins: z.number().int(),
  streakShields: z.number().int(),
  badgeTokens: z.number().int(),
});

export const questClaimSchema = z
  .object({ questId: z.string(), date: isoDateSchema, reward: rewardSchema, balance: balanceSchema })
  .meta({ id: "QuestClaim" });

export const wheelPrizeSchema = z
  .object({
    id: z.string(),
    kind: z.enum(["nothing", "coins", "xp", "mysteryBox", "streakShield", "badgeToken", "jackpot"]),
    weight: z.number().int().describe("Out of the wheel's total weight (101)"),
    amount: z.number().int(),
    emoji: z.string(),
    label: z.string(),
    color: z.string(),
  })
  .meta({ id: "WheelPrize" });

export const spinSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    prizeId: z.string(),
    kind: wheelPrizeSchema.shape.kind,
    label: z.string(),
    emoji: z.string(),
    payment: z.enum(["coins", "bonusSpin"]),
    itemId: z.string().optional().describe("The cosmetic a mystery box granted"),
  })
  .meta({ id: "Spin" });

export const wheelSchema = z
  .object({
    cost: z.object({ coins: z.number().int(), bonusSpins: z.number().int() }),
    totalWeight: z.number().int(),
    prizes: z.array(wheelPrizeSchema),
    balance: balanceSchema,
    spins: z.array(spinSchema).describe("The last 100 spins, newest first"),
  })
  .meta({ id: "Wheel" });

export const spinQuerySchema = z.object({
  pay: z
    .enum(["coins", "bonusSpin", "auto"])
    .default("auto")
    .describe("How to pay: a bonus spin when there is one, else coins (auto)"),
});

export const spinResultSchema = z
  .object({ spin: spinSchema, balance: balanceSchema })
  .meta({ id: "SpinResult" });

export const loginRewardSchema = z
  .object({
    granted: z.boolean().describe("False when today's reward was already given"),
    date: isoDateSchema,
    streak: z.number().int(),
    coins: z.number().int(),
  })
  .meta({ id: "LoginReward" });

export type QuestView = z.infer<typeof questViewSchema>;
export type WheelView = z.infer<typeof wheelSchema>;
export type SpinView = z.infer<typeof spinSchema>;
