import { slotTimeZone } from "../../shared/data/booking-settings.ts";
import { listEarnedBadges } from "../../shared/data/gamification/badges-repository.ts";
import {
  leaderboardExclusions,
  readLeaderboard,
  saveLeaderboardExclusions,
} from "../../shared/data/gamification/leaderboards-repository.ts";
import {
  getAccount,
  getPeriodTotals,
  type PeriodTotals,
} from "../../shared/data/gamification/ledger-repository.ts";
import { gamificationSettings } from "../../shared/data/gamification/ledger-settings.ts";
import { acknowledgeLevelUps, listLevelUps } from "../../shared/data/gamification/progress-repository.ts";
import { getEquipped } from "../../shared/data/gamification/shop-repository.ts";
import { getUser } from "../../shared/data/users-repository.ts";
import { localDate } from "../../shared/domain/booking/local-date.ts";
import { seasonNames } from "../../shared/domain/gamification/catalogue/level-titles.ts";
import { levelProgress, progressColour } from "../../shared/domain/gamification/levels.ts";
import { periodKeysOn, seasonOn } from "../../shared/domain/gamification/periods.ts";
import { levelTitle } from "../../shared/domain/gamification/titles.ts";
import { HttpError } from "../../shared/http/errors.ts";
import { createFeatureHandler } from "../../shared/http/pipeline.ts";
import { pipelineOptions } from "../../shared/http/pipeline-options.ts";
import type { Principal } from "../../shared/http/principal.ts";

/** Agents read their own progress; admins anyone's. */
function mayRead(principal: Principal, username: string): void {
  if (principal.role !== "admin" && principal.username !== username) {
    throw new HttpError("forbidden", "progress.ownOnly");
  }
}

function summary(totals: PeriodTotals) {
  return {
    periodKey: totals.periodKey,
    pointsProvisional: totals.pointsProvisional,
    pointsConfirmed: totals.pointsConfirmed,
    xp: totals.xp,
    coinsEarned: totals.coinsEarned,
    bookings: totals.counters.bookings ?? 0,
  };
}

export const handler = createFeatureHandler(
  "progress",
  {
    async getProgress({ params, principal, language }) {
      mayRead(principal, params.username);
      const user = await getUser(params.username);
      if (!user) throw new HttpError("not_found", "progress.userUnknown");
      const [account, settings, levelUps, today, month, timeZone, equipped, badges] = await Promise.all([
        getAccount(params.username),
        gamificationSettings(),
        listLevelUps(params.username),
        getPeriodTotals(params.username, "day"),
        getPeriodTotals(params.username, "month"),
        slotTimeZone(),
        getEquipped(params.username),
        listEarnedBadges(params.username),
      ]);
      const progress = levelProgress(account.xp, settings);
      const date = localDate(new Date(), timeZone);
      const season = seasonOn(date, settings);
      // The overview's own day and month keys even when the buckets are still empty.
      const keysToday = periodKeysOn(date, settings);
      return {
        username: account.username,
        points: {
          provisional: account.pointsProvisional,
          confirmed: account.pointsConfirmed,
          total: account.pointsProvisional + account.pointsConfirmed,
        },
        xp: account.xp,
        level: progress.level,
        title: levelTitle(progress.level, language),
        nextLevel: {
          level: progress.level + 1,
          xp: progress.nextLevelXp,
          remaining: Math.max(0, progress.nextLevelXp - account.xp),
        },
        progress: { percent: progress.percent, colour: progressColour(progress.percent) },
        prestige: { tier: account.prestigeTier, points: account.prestigePoints },
        streaks: {
          work: account.streaks.work,
          booking: account.streaks.booking,
          points: account.streaks.points,
          current: account.streaks.current,
          best: account.streaks.best,
        },
        coins: account.coins,
        inventory: {
          bonusSpins: account.bonusSpins,
          streakShields: account.streakShields,
          badgeTokens: account.badgeTokens,
        },
        levelUps: levelUps
          .filter((levelUp) => !levelUp.seen)
          .map(({ level, tier, at }) => ({ level, tier, at })),
        today: { ...summary(today), periodKey: keysToday.day },
        month: { ...summary(month), periodKey: keysToday.month },
        ...(season
          ? {
              season: {
                key: season.key,
                name: seasonNames[season.season.id]?.[language] ?? season.season.id,
                xpMultiplier: season.season.xpMultiplier,
                coinMultiplier: season.season.coinMultiplier,
              },
            }
          : {}),
        equipped,
        recentBadges: [...badges].sort((a, b) => b.earnedAt.localeCompare(a.earnedAt)).slice(0, 5),
      };
    },

    async acknowledgeLevelUps({ params, principal }) {
      mayRead(principal, params.username);
      return { seen: await acknowledgeLevelUps(params.username) };
    },

    async getLeaderboard({ query }) {
      return readLeaderboard(query.category, query.period);
    },

    async getLeaderboardExclusions() {
      return { usernames: await leaderboardExclusions() };
    },

    async setLeaderboardExclusions({ body }) {
      await saveLeaderboardExclusions(body.usernames);
      return { usernames: await leaderboardExclusions() };
    },
  },
  pipelineOptions(),
);
