import * as z from "zod";
import { leaderboardCategories } from "../domain/gamification/leaderboards.ts";
import { periods } from "../domain/gamification/periods.ts";

export const progressParamsSchema = z.object({
  username: z.string().trim().toLowerCase().min(1).max(40),
});

const periodSummarySchema = z.object({
  periodKey: z.string(),
  pointsProvisional: z.number(),
  pointsConfirmed: z.number(),
  xp: z.number(),
  coinsEarned: z.number(),
  bookings: z.number(),
});

export const levelUpSchema = z.object({ level: z.number().int(), tier: z.number().int(), at: z.string() });

export const progressSchema = z
  .object({
    username: z.string(),
    points: z.object({
      provisional: z.number().describe("Points of bookings whose outcome is still open"),
      confirmed: z.number(),
      total: z.number(),
    }),
    xp: z.number().describe("Effective XP (after a prestige: since then)"),
    level: z.number().int(),
    title: z.string().describe("The level's title in the request's language"),
    nextLevel: z.object({ level: z.number().int(), xp: z.number(), remaining: z.number() }),
    progress: z.object({
      percent: z.number(),
      colour: z.enum(["red", "orange", "yellow", "green"]),
    }),
    prestige: z.object({ tier: z.number().int(), points: z.number() }),
    streaks: z.object({
      work: z.number().int(),
      booking: z.number().int(),
      points: z.number().int(),
      current: z.number().int(),
      best: z.number().int(),
    }),
    coins: z.number(),
    inventory: z.object({ bonusSpins: z.number(), streakShields: z.number(), badgeTokens: z.number() }),
    levelUps: z.array(levelUpSchema).describe("Level-ups not yet shown to the agent"),
    today: periodSummarySchema,
    month: periodSummarySchema,
    season: z
      .object({ key: z.string(), name: z.string(), xpMultiplier: z.number(), coinMultiplier: z.number() })
      .optional(),
    equipped: z
      .record(z.string(), z.unknown())
      .describe("Equipped cosmetics (title, theme, avatar, frame, effect)"),
    recentBadges: z.array(
      z.object({
        badgeId: z.string(),
        periodKey: z.string().optional(),
        earnedAt: z.string(),
        rarity: z.string(),
        xp: z.number(),
        coins: z.number(),
      }),
    ),
  })
  .meta({ id: "Progress" });

export const leaderboardQuerySchema = z.object({
  category: z.enum(leaderboardCategories, "progress.categoryUnknown").default("points"),
  period: z.enum(periods, "progress.periodUnknown").default("month"),
});

export const leaderboardEntrySchema = z.object({
  rank: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  score: z.number(),
  provisional: z.number().optional(),
  level: z.number().int(),
  title: z.string(),
  prestigeTier: z.number().int(),
  rankChange: z.number().int().optional().describe("Places climbed since yesterday's snapshot"),
});

export const leaderboardSchema = z
  .object({
    category: z.enum(leaderboardCategories),
    period: z.enum(periods),
    periodKey: z.string(),
    entries: z.array(leaderboardEntrySchema),
    podium: z.array(leaderboardEntrySchema),
    champion: z
      .object({ username: z.string(), displayName: z.string(), score: z.number(), month: z.string() })
      .optional(),
    comparedWith: z.string().optional(),
  })
  .meta({ id: "Leaderboard" });

export const levelUpsSeenSchema = z.object({ seen: z.number().int() });

export const exclusionsSchema = z.object({
  usernames: z.array(z.string().trim().toLowerCase().min(1).max(40)).max(500),
});
