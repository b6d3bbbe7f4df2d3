/**
 * Leaderboards rank agents' running totals of one bucket. Pure: the
 * repository reads the bucket's precomputed items (one Query) and hands them here.
 */
export const leaderboardCategories = [
  "points",
  "bookings",
  "showRate",
  "streak",
  "xp",
  "badges",
  "quests",
  "telefonie",
] as const;
export type LeaderboardCategory = (typeof leaderboardCategories)[number];

/** What a board needs of one agent's bucket. */
export interface BoardTotals {
  username: string;
  pointsProvisional: number;
  pointsConfirmed: number;
  xp: number;
  streak: number;
  counters: Record<string, number>;
  reachedAt: Record<string, string>;
}

export interface RankedEntry {
  rank: number;
  username: string;
  score: number;
  /** Points category: the part of the score still provisional. */
  provisional?: number;
  reachedAt?: string;
}

interface Score {
  score: number;
  provisional?: number;
  /** Which "reached at" decides a tie. */
  reachedKey: string;
}

/** Counter behind each counted category (badges are rarity-weighted). */
const counterOf: Partial<Record<LeaderboardCategory, string>> = {
  bookings: "bookings",
  badges: "badgeWeight",
  quests: "quests",
  telefonie: "telefonie",
};

export function scoreOf(
  category: LeaderboardCategory,
  totals: BoardTotals,
  rules: { showRateMinResolved: number },
): Score | undefined {
  switch (category) {
    case "points": {
      const score = totals.pointsProvisional + totals.pointsConfirmed;
      return { score, provisional: totals.pointsProvisional, reachedKey: "points" };
    }
    case "xp":
      return { score: totals.xp, reachedKey: "xp" };
    case "streak":
      return { score: totals.streak, reachedKey: "streak" };
    case "showRate": {
      const resolved = totals.counters.resolved ?? 0;
      if (resolved < rules.showRateMinResolved) return undefined;
      const rate = ((totals.counters.shown ?? 0) / resolved) * 100;
      return { score: Math.round(rate * 10) / 10, reachedKey: "resolved" };
    }
    default: {
      const counter = counterOf[category] ?? category;
      return { score: totals.counters[counter] ?? 0, reachedKey: counter };
    }
  }
}

/**
 * Ranks a bucket: only agents with a score above 0 and not excluded; higher
 * first; on a tie the earlier to reach the score first (then by name, so the
 * order is total).
 */
export function rankBoard(
  category: LeaderboardCategory,
  rows: readonly BoardTotals[],
  rules: { showRateMinResolved: number; excluded?: ReadonlySet<string> },
): RankedEntry[] {
  const scored = rows.flatMap((row) => {
    if (rules.excluded?.has(row.username)) return [];
    const score = scoreOf(category, row, rules);
    if (!score || score.score <= 0) return [];
    const reachedAt = row.reachedAt[score.reachedKey];
    return [
      {
        username: row.username,
        score: score.score,
        ...(score.provisional !== undefined ? { provisional: score.provisional } : {}),
        ...(reachedAt ? { reachedAt } : {}),
      },
    ];
  });
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      (a.reachedAt ?? "~").localeCompare(b.reachedAt ?? "~") ||
      a.username.localeCompare(b.username),
  );
  return scored.map((entry, index) => ({ rank: index + 1, ...entry }));
}
