import type { MasteryTrack, Rarity, SeasonId, ShopItem, UnlockCondition } from "./catalogue/shop.ts";
import { rarities } from "./catalogue/shop.ts";

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
  /** The local calendar date (yyyy-mm-dd) that decides the season. */
  today: string;
}

/**
 * Season windows by month-day (inclusive). Winter wraps the year end and runs
 * to the end of February, 29 February included.
 */
const seasonWindows: Record<SeasonId, { from: string; to: string }> = {
  spring: { from: "03-20", to: "04-30" },
  summer: { from: "06-21", to: "08-31" },
  autumn: { from: "09-22", to: "11-20" },
  winter: { from: "12-01", to: "02-29" },
};

export function seasonOn(date: string): SeasonId | undefined {
  const monthDay = date.slice(5, 10);
  for (const [season, window] of Object.entries(seasonWindows) as [
    SeasonId,
    { from: string; to: string },
  ][]) {
    const inside =
      window.from <= window.to
        ? monthDay >= window.from && monthDay <= window.to
        : monthDay >= window.from || monthDay <= window.to;
    if (inside) return season;
  }
  return undefined;
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
      return seasonOn(facts.today) === condition.season;
  }
}

/** The item's conditions that are not met yet (empty: unlocked). */
export function unmetConditions(item: ShopItem, facts: UnlockFacts): UnlockCondition[] {
  return item.unlocks.filter((condition) => !conditionMet(condition, facts));
}

/** Seasonal items are offered only in their season: out of it they are not listed to buy at all. */
export function isOffered(item: ShopItem, today: string): boolean {
  return item.unlocks.every(
    (condition) => condition.kind !== "season" || seasonOn(today) === condition.season,
  );
}
