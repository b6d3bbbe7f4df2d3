import type { GamificationSettings } from "./settings.ts";

/** Level for effective XP: 1 below one base, else ⌊1 + √(XP / base)⌋ (L2 = 100, L5 = 1,600, L10 = 8,100). */
export function levelFor(xp: number, settings: Pick<GamificationSettings, "levelXpBase">): number {
  if (xp < settings.levelXpBase) return 1;
  return Math.floor(1 + Math.sqrt(xp / settings.levelXpBase));
}

/** XP at which `level` starts (inverse of `levelFor`). */
export function xpForLevel(level: number, settings: Pick<GamificationSettings, "levelXpBase">): number {
  if (level <= 1) return 0;
  return (level - 1) ** 2 * settings.levelXpBase;
}

export interface LevelProgress {
  level: number;
  currentLevelXp: number;
  nextLevelXp: number;
  /** 0–100, share of the way from this level to the next. */
  percent: number;
}

export function levelProgress(
  xp: number,
  settings: Pick<GamificationSettings, "levelXpBase">,
): LevelProgress {
  const effective = Math.max(0, xp);
  const level = levelFor(effective, settings);
  const currentLevelXp = xpForLevel(level, settings);
  const nextLevelXp = xpForLevel(level + 1, settings);
  const percent = Math.min(
    100,
    Math.max(0, ((effective - currentLevelXp) / (nextLevelXp - currentLevelXp)) * 100),
  );
  return { level, currentLevelXp, nextLevelXp, percent: Math.floor(percent * 10) / 10 };
}

export type ProgressColour = "red" | "orange" | "yellow" | "green";

/** Progress bar colour: red < 25 %, orange < 50 %, yellow < 75 %, green otherwise. */
export function progressColour(percent: number): ProgressColour {
  if (percent < 25) return "red";
  if (percent < 50) return "orange";
  if (percent < 75) return "yellow";
  return "green";
}

/** XP multiplier of a prestige tier (+10 % per tier by default). */
export function prestigeMultiplier(
  tier: number,
  settings: Pick<GamificationSettings, "prestigeXpBonusPerTier">,
): number {
  return 1 + Math.max(0, tier) * settings.prestigeXpBonusPerTier;
}
