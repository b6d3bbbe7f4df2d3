/**
 * How often live pages check for changes while visible. Two agents on the same
 * week see a slot fill within the first (an unchanged week costs a 304); the
 * leaderboard moves slower than places do.
 */
export const availabilityPollMs = 10_000;
export const leaderboardPollMs = 30_000;
