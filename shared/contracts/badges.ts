import * as z from "zod";
import { badgeCategories, rarities } from "../domain/gamification/catalogue/badges.ts";
import { masteryTracks } from "../domain/gamification/mastery.ts";
import { usernameSchema } from "./user-records.ts";

const textsSchema = z.object({ de: z.string(), en: z.string() });

export const badgeProgressSchema = z
  .object({
    current: z.number(),
    target: z.number(),
    ratio: z.number().min(0).max(1),
    unit: z.enum(["count", "percent", "resolved"]),
  })
  .meta({ id: "BadgeProgress" });

export const badgeViewSchema = z
  .object({
    id: z.string(),
    category: z.enum(badgeCategories),
    rarity: z.enum(rarities),
    colour: z.string(),
    emoji: z.string(),
    name: textsSchema,
    description: textsSchema,
    xp: z.number().int(),
    coins: z.number().int(),
    earned: z.boolean(),
    /** First time earned. */
    earnedAt: z.string().optional(),
    /** MVP badges can be won once per period. */
    timesEarned: z.number().int(),
    progress: badgeProgressSchema.optional().describe("Locked badges: how far toward the condition"),
  })
  .meta({ id: "BadgeView" });

export const badgesViewSchema = z
  .object({
    username: z.string(),
    earnedCount: z.number().int(),
    total: z.number().int(),
    badges: z.array(badgeViewSchema),
    next: z
      .array(
        z.object({ category: z.enum(badgeCategories), badgeId: z.string(), progress: badgeProgressSchema }),
      )
      .describe("Per category, the locked badge closest to being earned"),
  })
  .meta({ id: "Badges" });

export const prestigeViewSchema = z
  .object({
    username: z.string(),
    tier: z.number().int(),
    level: z.number().int(),
    xp: z.number(),
    prestigePoints: z.number(),
    xpMultiplier: z.number(),
    eligible: z.boolean(),
    next: z.object({ tier: z.number().int(), level: z.number().int(), emoji: z.string() }).optional(),
    tiers: z.array(
      z.object({ tier: z.number().int(), level: z.number().int(), emoji: z.string(), reached: z.boolean() }),
    ),
    history: z.array(z.object({ at: z.string() })),
  })
  .meta({ id: "Prestige" });

export const masteryTrackViewSchema = z
  .object({
    track: z.enum(masteryTracks),
    emoji: z.string(),
    value: z.number(),
    thresholds: z.array(z.number()),
    reachedLevel: z.number().int(),
    claimedLevel: z.number().int(),
    claimable: z.number().int().optional(),
    nextThreshold: z.number().optional(),
    rewards: z.array(z.object({ level: z.number().int(), xp: z.number(), coins: z.number() })),
  })
  .meta({ id: "MasteryTrack" });

export const masteryViewSchema = z
  .object({ username: z.string(), tracks: z.array(masteryTrackViewSchema) })
  .meta({ id: "Mastery" });

export const masteryClaimResultSchema = masteryViewSchema
  .extend({
    claimed: z.object({
      track: z.enum(masteryTracks),
      level: z.number().int(),
      xp: z.number(),
      coins: z.number(),
    }),
  })
  .meta({ id: "MasteryClaim" });

export const gamificationUserParamsSchema = z.object({ username: usernameSchema });
export const masteryTrackParamsSchema = z.object({ track: z.enum(masteryTracks, "mastery.unknownTrack") });

export type BadgesView = z.infer<typeof badgesViewSchema>;
export type PrestigeView = z.infer<typeof prestigeViewSchema>;
export type MasteryView = z.infer<typeof masteryViewSchema>;
