import * as z from "zod";

/**
 * The numbers of the motivation layer as configuration: stored as one setting
 * item (admins may change it), these are the product's defaults. Every rule in
 * this folder takes the settings as a parameter, never a constant.
 */

const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "field.date");
const multiplier = z.number().min(0).max(10);

export const seasonSchema = z.object({
  /** Stable id, part of the season's period key (`2026-winter`). */
  id: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/),
  /** First and last local day, `MM-DD`; a season whose end lies before its start runs over New Year. */
  start: monthDay,
  end: monthDay,
  xpMultiplier: multiplier,
  coinMultiplier: multiplier,
});
export type Season = z.infer<typeof seasonSchema>;

export const gamificationSettingsSchema = z.object({
  /** XP per confirmed booking point. */
  xpPerConfirmedPoint: z.number().min(0).max(1000).default(10),
  /** Level = 1 below this many XP, else ⌊1 + √(XP / levelXpBase)⌋. */
  levelXpBase: z.number().positive().max(100_000).default(100),
  /** Coins for reaching a level: this × the new level. */
  levelUpCoinsPerLevel: z.number().int().min(0).max(10_000).default(25),
  /** XP per day of the best streak, added as the best grows. */
  streakXpPerDay: z.number().int().min(0).max(10_000).default(25),
  streakLookbackDays: z.number().int().min(7).max(366).default(60),
  /** XP bonus per prestige tier (0.1 = +10 %). */
  prestigeXpBonusPerTier: z.number().min(0).max(5).default(0.1),
  /** Resolved bookings an agent needs before the show-rate board lists them. */
  showRateMinResolved: z.number().int().min(1).max(1000).default(10),
  seasons: z
    .array(seasonSchema)
    .max(12)
    .default(() => [
      { id: "spring", start: "03-20", end: "04-30", xpMultiplier: 1.2, coinMultiplier: 1.1 },
      { id: "summer", start: "06-21", end: "08-31", xpMultiplier: 1.3, coinMultiplier: 1.2 },
      { id: "autumn", start: "09-22", end: "11-20", xpMultiplier: 1.15, coinMultiplier: 1.15 },
      // "02-29" as the end: February's last day in every year, the 29th included in leap years.
      { id: "winter", start: "12-01", end: "02-29", xpMultiplier: 1.25, coinMultiplier: 1.2 },
    ]),
});

export type GamificationSettings = z.infer<typeof gamificationSettingsSchema>;

export const defaultGamificationSettings: GamificationSettings = gamificationSettingsSchema.parse({});
