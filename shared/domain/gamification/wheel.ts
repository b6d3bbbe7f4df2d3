import { type WheelPrize, wheelPrizes } from "./catalogue/quests.ts";

export type { WheelPrize };
export { wheelPrizes };
/**
 * The Glücksrad: the prizes with their weights (out of 101), the cost of a
 * spin and what each prize credits. The draw takes its random source as an
 * argument: the server passes `crypto.randomInt`, tests force a prize.
 */

export const spinCost = { coins: 10, bonusSpins: 1 } as const;
/** How many of an agent's spins are listed (and kept) per agent. */
export const spinsKept = 100;

export const totalWeight = wheelPrizes.reduce((sum, prize) => sum + prize.weight, 0);

/** `randomInt(max)` returns an integer in [0, max), uniformly (`crypto.randomInt` on the server). */
export type RandomInt = (max: number) => number;

export function drawPrize(randomInt: RandomInt): WheelPrize {
  let ticket = randomInt(totalWeight);
  for (const prize of wheelPrizes) {
    if (ticket < prize.weight) return prize;
    ticket -= prize.weight;
  }
  throw new Error(`ticket outside the wheel's weight ${totalWeight}`);
}

/** A random source that always lands on the given prize (tests, demo data). */
export function landOn(prizeId: string): RandomInt {
  let before = 0;
  for (const prize of wheelPrizes) {
    if (prize.id === prizeId) return () => before;
    before += prize.weight;
  }
  throw new Error(`unknown prize ${prizeId}`);
}

export type SpinPayment = "coins" | "bonusSpin";

/** What the spin's one ledger entry changes: the cost and the prize together. */
export function spinDeltas(prize: WheelPrize, payment: SpinPayment) {
  const prizeCoins = prize.kind === "coins" || prize.kind === "jackpot" ? prize.amount : 0;
  return {
    cost: payment === "coins" ? { coins: spinCost.coins } : { bonusSpins: spinCost.bonusSpins },
    coins: prizeCoins - (payment === "coins" ? spinCost.coins : 0),
    prizeCoins,
    xp: prize.kind === "xp" ? prize.amount : 0,
    bonusSpins: payment === "bonusSpin" ? -spinCost.bonusSpins : 0,
    streakShields: prize.kind === "streakShield" ? 1 : 0,
    badgeTokens: prize.kind === "badgeToken" ? 1 : 0,
    mysteryBox: prize.kind === "mysteryBox",
  };
}
