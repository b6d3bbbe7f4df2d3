/**
 * The Glücksrad: the prizes with their weights (out of 101), the cost of a
 * spin and what each prize credits. The draw takes its random source as an
 * argument: the server passes `crypto.randomInt`, tests force a prize.
 */

export type PrizeKind = "nothing" | "coins" | "xp" | "mysteryBox" | "streakShield" | "badgeToken" | "jackpot";

export interface WheelPrize {
  id: string;
  kind: PrizeKind;
  weight: number;
  /** Coins or XP the prize credits; 0 for the others. */
  amount: number;
  emoji: string;
  label: { de: string; en: string };
  /** Slice colour in the site's wheel. */
  color: string;
}

export const spinCost = { coins: 10, bonusSpins: 1 } as const;
/** How many of an agent's spins are listed (and kept) per agent. */
export const spinsKept = 100;

export const wheelPrizes: readonly WheelPrize[] = [
  {
    id: "nothing-1",
    kind: "nothing",
    weight: 25,
    amount: 0,
    emoji: "💨",
    label: { de: "Niete", en: "No luck" },
    color: "#94a3b8",
  },
  {
    id: "coins-25",
    kind: "coins",
    weight: 15,
    amount: 25,
    emoji: "🪙",
    label: { de: "25 Münzen", en: "25 coins" },
    color: "#f59e0b",
  },
  {
    id: "nothing-2",
    kind: "nothing",
    weight: 15,
    amount: 0,
    emoji: "🍃",
    label: { de: "Leider nichts", en: "Nothing this time" },
    color: "#64748b",
  },
  {
    id: "coins-50",
    kind: "coins",
    weight: 10,
    amount: 50,
    emoji: "💰",
    label: { de: "50 Münzen", en: "50 coins" },
    color: "#d97706",
  },
  {
    id: "xp-50",
    kind: "xp",
    weight: 8,
    amount: 50,
    emoji: "✨",
    label: { de: "+50 XP", en: "+50 XP" },
    color: "#8b5cf6",
  },
  {
    id: "nothing-3",
    kind: "nothing",
    weight: 10,
    amount: 0,
    emoji: "🎈",
    label: { de: "Knapp daneben", en: "So close" },
    color: "#475569",
  },
  {
    id: "coins-100",
    kind: "coins",
    weight: 5,
    amount: 100,
    emoji: "💎",
    label: { de: "100 Münzen", en: "100 coins" },
    color: "#b45309",
  },
  {
    id: "mystery-box",
    kind: "mysteryBox",
    weight: 6,
    amount: 0,
    emoji: "🎁",
    label: { de: "Überraschungsbox", en: "Mystery box" },
    color: "#ec4899",
  },
  {
    id: "streak-shield",
    kind: "streakShield",
    weight: 4,
    amount: 0,
    emoji: "🛡️",
    label: { de: "Serien-Schutz", en: "Streak shield" },
    color: "#3b82f6",
  },
  {
    id: "badge-token",
    kind: "badgeToken",
    weight: 2,
    amount: 0,
    emoji: "🎟️",
    label: { de: "Abzeichen-Token", en: "Badge token" },
    color: "#10b981",
  },
  {
    id: "jackpot",
    kind: "jackpot",
    weight: 1,
    amount: 1000,
    emoji: "🎰",
    label: { de: "Jackpot: 1000 Münzen", en: "Jackpot: 1000 coins" },
    color: "#eab308",
  },
];

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

/** A common cosmetic for the mystery box, drawn from the ones the agent does not own yet (any if all owned). */
export function pickMysteryItem(
  candidates: readonly string[],
  owned: ReadonlySet<string>,
  randomInt: RandomInt,
) {
  const fresh = candidates.filter((id) => !owned.has(id));
  const pool = fresh.length > 0 ? fresh : candidates;
  return pool.length > 0 ? pool[randomInt(pool.length)] : undefined;
}
