import type { BadgesView, MasteryView, PrestigeView } from "../../shared/contracts/badges.ts";
import {
  countBadges,
  getBadgeCounters,
  listEarnedBadges,
  listMasteryClaims,
  masteryClaimItem,
} from "../../shared/data/gamification/badges-repository.ts";
import { applyLedgerEntry, getAccount } from "../../shared/data/gamification/ledger-repository.ts";
import {
  badgeCoins,
  badgeXp,
  conditionProgress,
  nextBadges,
} from "../../shared/domain/gamification/badges.ts";
import { badgeCatalogue, rarityRules } from "../../shared/domain/gamification/catalogue/badges.ts";
import {
  type MasteryTrack,
  masteryEventKey,
  masteryReward,
  masteryRules,
  masteryState,
  masteryTracks,
} from "../../shared/domain/gamification/mastery.ts";
import {
  prestigeChange,
  prestigeEventKey,
  prestigeMultiplier,
  prestigeStanding,
  prestigeTiers,
} from "../../shared/domain/gamification/prestige.ts";
import { agentFacts, awardReachedBadges, bookingsMade } from "../../shared/gamification/achievements.ts";
import { HttpError } from "../../shared/http/errors.ts";

/** The whole catalogue for one agent: earned (first date, times for MVP) or locked with progress. */
export async function badgesView(username: string, now: Date): Promise<BadgesView> {
  const [{ facts }, earned] = await Promise.all([
    agentFacts(username, now.toISOString()),
    listEarnedBadges(username),
  ]);
  const earnedIds = earned.map((entry) => entry.badgeId);
  const badges = badgeCatalogue.map((badge) => {
    const mine = earned.filter((entry) => entry.badgeId === badge.id);
    const progress = mine.length === 0 ? conditionProgress(badge.condition, facts) : undefined;
    return {
      id: badge.id,
      category: badge.category,
      rarity: badge.rarity,
      colour: rarityRules[badge.rarity].colour,
      emoji: badge.emoji,
      name: badge.name,
      description: badge.description,
      xp: badgeXp(badge.rarity),
      coins: badgeCoins(badge.rarity),
      earned: mine.length > 0,
      ...(mine[0] ? { earnedAt: mine[0].earnedAt } : {}),
      timesEarned: mine.length,
      ...(progress ? { progress } : {}),
    };
  });
  return {
    username,
    earnedCount: badges.filter((badge) => badge.earned).length,
    total: badges.length,
    badges,
    next: nextBadges(facts, earnedIds).map((entry) => ({
      category: entry.category,
      badgeId: entry.badge.id,
      progress: entry.progress,
    })),
  };
}

export async function prestigeView(username: string): Promise<PrestigeView> {
  const account = await getAccount(username);
  const standing = prestigeStanding(account.prestigeTier, account.level);
  return {
    username,
    tier: account.prestigeTier,
    level: account.level,
    xp: account.xp,
    prestigePoints: account.prestigePoints,
    xpMultiplier: prestigeMultiplier(account.prestigeTier),
    eligible: standing.eligible,
    ...(standing.next ? { next: standing.next } : {}),
    tiers: prestigeTiers.map((tier) => ({ ...tier, reached: account.prestigeTier >= tier.tier })),
    history: account.prestigeHistory.map((step) => ({ at: step.at })),
  };
}

/**
 * "Prestige now": the ledger applies tier +1, the XP offset that brings the
 * effective XP to 0 and the level as prestige points. Keyed by the new tier,
 * so a double click prestiges once.
 */
export async function prestigeNow(username: string, now: Date): Promise<PrestigeView> {
  const account = await getAccount(username);
  const standing = prestigeStanding(account.prestigeTier, account.level);
  const change = prestigeChange(account.prestigeTier, account.level, account.xp);
  if (!change) {
    throw standing.next
      ? new HttpError("conflict", { id: "prestige.notEligible", params: { level: standing.next.level } })
      : new HttpError("conflict", "prestige.maxed");
  }
  const at = now.toISOString();
  await applyLedgerEntry({
    username,
    eventKey: prestigeEventKey(account.prestigeTier + 1),
    occurredAt: at,
    kind: "prestige",
    prestige: change,
    detail: { tier: account.prestigeTier + 1, level: account.level, xp: account.xp },
  });
  // The answer shows the reset itself; the prestige badge's XP then counts in the new tier.
  const view = await prestigeView(username);
  await awardReachedBadges(username, at);
  return view;
}

async function masteryValues(username: string): Promise<Record<MasteryTrack, number>> {
  const [account, counters, badges] = await Promise.all([
    getAccount(username),
    getBadgeCounters(username),
    countBadges(username),
  ]);
  return {
    bookings: bookingsMade(account, counters),
    fastStarter: counters.fastBookings,
    streak: account.streaks.best,
    collector: badges,
    perfectionist: counters.notedBookings,
  };
}

export async function masteryView(username: string): Promise<MasteryView> {
  const [values, claims] = await Promise.all([masteryValues(username), listMasteryClaims(username)]);
  return {
    username,
    tracks: masteryTracks.map((track) => ({
      ...masteryState(
        track,
        values[track],
        claims.filter((claim) => claim.track === track).map((claim) => claim.level),
      ),
      emoji: masteryRules[track].emoji,
      thresholds: [...masteryRules[track].thresholds],
      rewards: masteryRules[track].thresholds.map((_, index) => ({
        level: index + 1,
        ...masteryReward(index + 1),
      })),
    })),
  };
}

/** Claims the next reached, unclaimed level of a track: a ledger entry keyed by track and level. */
export async function claimMastery(username: string, track: MasteryTrack, now: Date) {
  const [values, claims] = await Promise.all([masteryValues(username), listMasteryClaims(username)]);
  const state = masteryState(
    track,
    values[track],
    claims.filter((claim) => claim.track === track).map((claim) => claim.level),
  );
  if (state.claimable === undefined) throw new HttpError("conflict", "mastery.notReached");
  const level = state.claimable;
  const reward = masteryReward(level);
  const at = now.toISOString();
  const { applied } = await applyLedgerEntry(
    {
      username,
      eventKey: masteryEventKey(track, level),
      occurredAt: at,
      kind: "mastery",
      xp: reward.xp,
      coins: reward.coins,
      counters: { masteryLevels: 1 },
      detail: { track, level, value: values[track] },
    },
    [masteryClaimItem(username, { track, level, claimedAt: at })],
  );
  // A concurrent claim of the same level got there first.
  if (!applied) throw new HttpError("conflict", "mastery.notReached");
  return { ...(await masteryView(username)), claimed: { track, level, ...reward } };
}
