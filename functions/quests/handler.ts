import type { Language } from "../../shared/contracts/messages.ts";
import type { QuestView } from "../../shared/contracts/quests.ts";
import { slotTimeZone } from "../../shared/data/booking-settings.ts";
import { getAccount, InsufficientCoinsError } from "../../shared/data/gamification/ledger-repository.ts";
import {
  claimLoginReward,
  claimQuest,
  type QuestDay,
  questDay,
} from "../../shared/data/gamification/quests-repository.ts";
import { listSpins, spinWheel } from "../../shared/data/gamification/wheel-repository.ts";
import { addDays, localDate } from "../../shared/domain/booking/local-date.ts";
import { claimableDaysBack } from "../../shared/domain/gamification/quests.ts";
import { spinCost, totalWeight, wheelPrizes } from "../../shared/domain/gamification/wheel.ts";
import { HttpError } from "../../shared/http/errors.ts";
import { createFeatureHandler } from "../../shared/http/pipeline.ts";
import { pipelineOptions } from "../../shared/http/pipeline-options.ts";

function questViews(day: QuestDay, language: Language): QuestView[] {
  return day.quests.map(({ quest, progress, claimed, reward }) => ({
    id: quest.id,
    pool: quest.pool,
    emoji: quest.emoji,
    name: quest.name[language],
    description: quest.description[language],
    value: progress.value,
    target: progress.target,
    complete: progress.complete,
    claimed,
    reward,
  }));
}

async function balance(username: string) {
  const account = await getAccount(username);
  return {
    coins: account.coins,
    xp: account.xp,
    bonusSpins: account.bonusSpins,
    streakShields: account.streakShields,
    badgeTokens: account.badgeTokens,
  };
}

function prizeOf(id: string) {
  const prize = wheelPrizes.find((candidate) => candidate.id === id);
  if (!prize) throw new Error(`unknown prize ${id}`);
  return prize;
}

function spinView(spin: Awaited<ReturnType<typeof listSpins>>[number], language: Language) {
  const prize = prizeOf(spin.prizeId);
  return {
    id: spin.id,
    at: spin.at,
    prizeId: spin.prizeId,
    kind: spin.kind,
    label: prize.label[language],
    emoji: prize.emoji,
    payment: spin.payment,
    ...(spin.itemId ? { itemId: spin.itemId } : {}),
  };
}

/** Daily quests, the Glücksrad and the login reward; every operation acts on the caller's own account. */
export const handler = createFeatureHandler(
  "quests",
  {
    async getQuests({ principal, language }) {
      const now = new Date();
      const today = localDate(now, await slotTimeZone());
      const [current, previous] = await Promise.all([
        questDay(principal.username, today, now),
        questDay(principal.username, addDays(today, -1), now),
      ]);
      const open = previous.quests.filter((state) => state.progress.complete && !state.claimed);
      return {
        date: current.date,
        multiplier: current.multiplier,
        quests: questViews(current, language),
        ...(open.length > 0
          ? {
              yesterday: {
                date: previous.date,
                multiplier: previous.multiplier,
                quests: questViews({ ...previous, quests: open }, language),
              },
            }
          : {}),
      };
    },

    async claimQuest({ principal, params, query }) {
      const now = new Date();
      const today = localDate(now, await slotTimeZone());
      const date = query.date ?? today;
      if (date > today || date < addDays(today, -claimableDaysBack)) {
        throw new HttpError("invalid", "quest.dayNotClaimable", {
          fields: { "query.date": "quest.dayNotClaimable" },
        });
      }
      const day = await questDay(principal.username, date, now);
      const state = day.quests.find((candidate) => candidate.quest.id === params.questId);
      if (!state) throw new HttpError("not_found", "quest.notToday");
      if (state.claimed) throw new HttpError("conflict", "quest.alreadyClaimed");
      if (!state.progress.complete) throw new HttpError("conflict", "quest.notComplete");
      const { applied } = await claimQuest(principal.username, date, state, now);
      if (!applied) throw new HttpError("conflict", "quest.alreadyClaimed");
      return {
        questId: state.quest.id,
        date,
        reward: state.reward,
        balance: await balance(principal.username),
      };
    },

    async getWheel({ principal, language }) {
      const [spins, current] = await Promise.all([
        listSpins(principal.username),
        balance(principal.username),
      ]);
      return {
        cost: { ...spinCost },
        totalWeight,
        prizes: wheelPrizes.map((prize) => ({
          id: prize.id,
          kind: prize.kind,
          weight: prize.weight,
          amount: prize.amount,
          emoji: prize.emoji,
          label: prize.label[language],
          color: prize.color,
        })),
        balance: current,
        spins: spins.map((spin) => spinView(spin, language)),
      };
    },

    async spinWheel({ principal, query, language }) {
      try {
        const spin = await spinWheel(principal.username, {
          now: new Date(),
          payment: query.pay,
        });
        return { spin: spinView(spin, language), balance: await balance(principal.username) };
      } catch (error) {
        if (error instanceof InsufficientCoinsError) {
          throw new HttpError("conflict", { id: "wheel.notEnoughCoins", params: { cost: spinCost.coins } });
        }
        throw error;
      }
    },

    async claimLoginReward({ principal }) {
      const { granted, day } = await claimLoginReward(principal.username, new Date());
      return { granted, date: day.date, streak: day.streak, coins: day.coins };
    },
  },
  pipelineOptions(),
);
