/**
 * Prestige: six tiers, each unlocked by reaching a level. Prestiging is the
 * agent's choice: the current level is added to the prestige points and the
 * effective XP is reset to 0 by an offset (the ledger keeps the history).
 */
export const prestigeTiers = [
  { tier: 1, level: 10, emoji: "⭐" },
  { tier: 2, level: 15, emoji: "⭐⭐" },
  { tier: 3, level: 20, emoji: "⭐⭐⭐" },
  { tier: 4, level: 25, emoji: "⭐⭐⭐⭐" },
  { tier: 5, level: 30, emoji: "⭐⭐⭐⭐⭐" },
  { tier: 6, level: 50, emoji: "💫" },
] as const;

/** Each tier adds 10 % to every XP gain. */
export const prestigeXpBonusPerTier = 0.1;

export const prestigeMultiplier = (tier: number) => 1 + prestigeXpBonusPerTier * tier;

export interface PrestigeStanding {
  tier: number;
  level: number;
  /** The tier the next prestige reaches, with the level it needs; absent at the top. */
  next?: (typeof prestigeTiers)[number];
  eligible: boolean;
}

export function prestigeStanding(tier: number, level: number): PrestigeStanding {
  const next = prestigeTiers.find((candidate) => candidate.tier === tier + 1);
  return { tier, level, ...(next ? { next } : {}), eligible: next !== undefined && level >= next.level };
}

/** The ledger's prestige change for "prestige now", or undefined when not eligible. */
export function prestigeChange(
  tier: number,
  level: number,
  effectiveXp: number,
): { tierDelta: 1; xpOffset: number; prestigePoints: number } | undefined {
  if (!prestigeStanding(tier, level).eligible) return undefined;
  return { tierDelta: 1, xpOffset: effectiveXp, prestigePoints: level };
}

/** One prestige per tier: the key makes a repeated or concurrent "prestige now" count once. */
export const prestigeEventKey = (newTier: number) => `prestige:${newTier}`;
