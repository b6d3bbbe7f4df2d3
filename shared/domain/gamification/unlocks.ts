import type { Rarity, ShopItem, UnlockCondition } from "./catalogue/shop.ts";
import { rarities } from "./catalogue/shop.ts";
import type { MasteryTrack } from "./mastery.ts";

/**
 * What the server knows about an agent when it decides whether an item is
 * unlocked. A fact left undefined is one the server could not read: the
 * condition that needs it counts as not met (locked, never free by accident).
 */
export interface UnlockFacts {
  level?: number;
  prestigeTier?: number;
  /** Best streak in days. */
  bestStreak?: number;
  /** All-time bookings (the milestones). */
  bookings?: number;
  /** Rarities of the badges the agent has earned. */
  badgeRarities?: readonly Rarity[];
  /** Claimed mastery level per track. */
  mastery?: Partial<Record<MasteryTrack, number>>;
  /** The id of the season running now (from the gamification settings); undefined between seasons. */
  season?: string;
}

/** A badge of `rarity` or a rarer one satisfies a "badge of this rarity" condition. */
function hasBadgeOfRarity(owned: readonly Rarity[], rarity: Rarity): boolean {
  const needed = rarities.indexOf(rarity);
  return owned.some((earned) => rarities.indexOf(earned) >= needed);
}

export function conditionMet(condition: UnlockCondition, facts: UnlockFacts): boolean {
  switch (condition.kind) {
    case "level":
      return (facts.level ?? 0) >= condition.level;
    case "prestige":
      return (facts.prestigeTier ?? 0) >= condition.tier;
    case "streak":
      return (facts.bestStreak ?? 0) >= condition.days;
    case "milestone":
      return (facts.bookings ?? 0) >= condition.bookings;
    case "badgeRarity":
      return hasBadgeOfRarity(facts.badgeRarities ?? [], condition.rarity);
    case "mastery":
      return (facts.mastery?.[condition.track] ?? 0) >= condition.level;
    case "season":
      return facts.season === condition.season;
  }
}

/** The item's conditions that are not met yet (empty: unlocked). */
export function unmetConditions(item: ShopItem, facts: UnlockFacts): UnlockCondition[] {
  return item.unlocks.filter((condition) => !conditionMet(condition, facts));
}

/** Seasonal items are offered only in their season: out of it they are not listed to buy at all. */
export function isOffered(item: ShopItem, season: string | undefined): boolean {
  return item.unlocks.every((condition) => condition.kind !== "season" || season === condition.season);
}
