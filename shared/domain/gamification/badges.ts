import {
  type Badge,
  type BadgeCategory,
  type BadgeCondition,
  type BadgeMetric,
  badgeCatalogue,
  badgeCategories,
  type Rarity,
  rarityRules,
  type SeasonId,
} from "./catalogue/badges.ts";

/**
 * What is known about an agent when badges are evaluated. Missing metrics
 * count as 0, so a caller that knows less simply awards less.
 */
export interface BadgeFacts {
  metrics: Partial<Record<BadgeMetric, number>>;
  /** All-time resolved bookings and how many of them took place (show rate). */
  resolved?: number;
  shown?: number;
  /** The season running at the evaluated instant and the agent's points in it. */
  season?: { id: SeasonId; points: number };
}

export interface BadgeProgress {
  current: number;
  target: number;
  /** 0..1 */
  ratio: number;
  /** `resolved`: the show rate waits for enough resolved bookings before `percent` counts. */
  unit: "count" | "percent" | "resolved";
}

const progress = (current: number, target: number, unit: BadgeProgress["unit"] = "count"): BadgeProgress => ({
  current,
  target,
  ratio: target <= 0 ? 1 : Math.max(0, Math.min(1, current / target)),
  unit,
});

/** Whole percent of resolved bookings that took place. */
export function showRatePercent(facts: BadgeFacts): number {
  const resolved = facts.resolved ?? 0;
  return resolved === 0 ? 0 : Math.floor(((facts.shown ?? 0) * 100) / resolved);
}

/** How far the facts are toward a condition; undefined for MVP (decided per closed period, not by counting). */
export function conditionProgress(condition: BadgeCondition, facts: BadgeFacts): BadgeProgress | undefined {
  switch (condition.metric) {
    case "mvp":
      return undefined;
    case "showRate": {
      const resolved = facts.resolved ?? 0;
      if (resolved < condition.minResolved) return progress(resolved, condition.minResolved, "resolved");
      return progress(showRatePercent(facts), condition.atLeast, "percent");
    }
    case "pointsInSeason":
      return progress(
        facts.season?.id === condition.season ? facts.season.points : 0,
        condition.atLeast,
        "count",
      );
    default:
      return progress(facts.metrics[condition.metric] ?? 0, condition.atLeast);
  }
}

export function conditionMet(condition: BadgeCondition, facts: BadgeFacts): boolean {
  const reached = conditionProgress(condition, facts);
  if (!reached) return false;
  return reached.unit !== "resolved" && reached.current >= reached.target;
}

/**
 * The badges whose condition holds now and which are not earned yet, in
 * catalogue order. MVP badges are never returned: the nightly job awards them
 * per closed period.
 */
export function evaluateBadges(
  facts: BadgeFacts,
  earned: Iterable<string>,
  catalogue: readonly Badge[] = badgeCatalogue,
): Badge[] {
  const have = new Set(earned);
  return catalogue.filter((badge) => !have.has(badge.id) && conditionMet(badge.condition, facts));
}

export interface NextBadge {
  category: BadgeCategory;
  badge: Badge;
  progress: BadgeProgress;
}

/**
 * Per category, the locked badge closest to being earned (highest share of
 * its target; the catalogue's order breaks ties, which puts the smaller
 * threshold first). Categories with everything earned, and MVP, have none.
 */
export function nextBadges(
  facts: BadgeFacts,
  earned: Iterable<string>,
  catalogue: readonly Badge[] = badgeCatalogue,
): NextBadge[] {
  const have = new Set(earned);
  const result: NextBadge[] = [];
  for (const category of badgeCategories) {
    let best: NextBadge | undefined;
    for (const badge of catalogue) {
      if (badge.category !== category || have.has(badge.id)) continue;
      const reached = conditionProgress(badge.condition, facts);
      if (!reached) continue;
      if (!best || reached.ratio > best.progress.ratio) best = { category, badge, progress: reached };
    }
    if (best) result.push(best);
  }
  return result;
}

export function badgeXp(rarity: Rarity): number {
  return rarityRules[rarity].xp;
}

/** Coins for a badge: 10 × XP / 50, doubled when a badge token is spent on it. */
export function badgeCoins(rarity: Rarity, doubled = false): number {
  const coins = Math.round((10 * badgeXp(rarity)) / 50);
  return doubled ? coins * 2 : coins;
}

/** Ledger key of an award: once ever, or once per period key (MVP). */
export function badgeEventKey(badgeId: string, periodKey?: string): string {
  return periodKey ? `badge:${badgeId}:${periodKey}` : `badge:${badgeId}`;
}
