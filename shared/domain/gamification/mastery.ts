/**
 * Mastery: five tracks of five levels each, claimed by the agent once a
 * threshold is reached. Thresholds and rewards are data; the site names the tracks.
 */
export const masteryTracks = ["bookings", "fastStarter", "streak", "collector", "perfectionist"] as const;
export type MasteryTrack = (typeof masteryTracks)[number];

export interface MasteryTrackRule {
  /** Level 1..5 thresholds, ascending. */
  thresholds: readonly [number, number, number, number, number];
  emoji: string;
}

export const masteryRules: Record<MasteryTrack, MasteryTrackRule> = {
  bookings: {
    thresholds: [50, 150, 300, 500, 750],
    emoji: "📘",
  },
  fastStarter: {
    thresholds: [10, 25, 50, 100, 150],
    emoji: "⏱️",
  },
  streak: {
    thresholds: [7, 14, 30, 60, 100],
    emoji: "🔥",
  },
  collector: {
    thresholds: [5, 12, 20, 30, 40],
    emoji: "🧺",
  },
  perfectionist: {
    thresholds: [20, 50, 100, 200, 300],
    emoji: "📝",
  },
};

/** Reward per claimed level: 150 XP × level, and coins as for a badge (10 × XP / 50). */
export const masteryReward = (level: number) => {
  const xp = 150 * level;
  return { xp, coins: Math.round((10 * xp) / 50) };
};

export const masteryEventKey = (track: MasteryTrack, level: number) => `mastery:${track}:${level}`;

export interface MasteryTrackState {
  track: MasteryTrack;
  value: number;
  /** Highest level whose threshold `value` reaches (0..5). */
  reachedLevel: number;
  claimedLevel: number;
  /** The next level to claim, if reached and not claimed. */
  claimable?: number;
  /** The next threshold above `value`, when any is left. */
  nextThreshold?: number;
}

export function masteryState(
  track: MasteryTrack,
  value: number,
  claimedLevels: readonly number[],
): MasteryTrackState {
  const thresholds = masteryRules[track].thresholds;
  const reachedLevel = thresholds.filter((threshold) => value >= threshold).length;
  const claimedLevel = claimedLevels.length === 0 ? 0 : Math.max(...claimedLevels);
  const nextThreshold = thresholds.find((threshold) => value < threshold);
  return {
    track,
    value,
    reachedLevel,
    claimedLevel,
    ...(reachedLevel > claimedLevel ? { claimable: claimedLevel + 1 } : {}),
    ...(nextThreshold !== undefined ? { nextThreshold } : {}),
  };
}
