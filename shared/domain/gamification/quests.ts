import { createHash } from "node:crypto";
import { type QuestDefinition, type QuestId, questCatalogue } from "./catalogue/quests.ts";

/**
 * Daily quests: which 4 an agent gets on a day, the day's reward multiplier
 * and each quest's progress from the day's facts. Pure: the same inputs give
 * the same answer in every process (no Math.random, no clock).
 */

export const questsPerPool = { booking: 2, universal: 2 } as const;
export const dailyMultipliers = [1, 1.2, 1.5] as const;

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/** Picks `count` distinct entries, each index read from the next 4 bytes of the hash. */
function pick<T>(pool: readonly T[], count: number, hash: Buffer, offset: number): T[] {
  const remaining = [...pool];
  const chosen: T[] = [];
  for (let index = 0; index < count && remaining.length > 0; index++) {
    const position = hash.readUInt32BE(offset + index * 4) % remaining.length;
    chosen.push(...remaining.splice(position, 1));
  }
  return chosen;
}

/** The agent's 4 quests of a local date: 2 from the booking pool, 2 from the universal pool. */
export function drawQuests(date: string, username: string): QuestDefinition[] {
  const hash = digest(`quests:${date}:${username}`);
  const booking = questCatalogue.filter((quest) => quest.pool === "booking");
  const universal = questCatalogue.filter((quest) => quest.pool === "universal");
  return [
    ...pick(booking, questsPerPool.booking, hash, 0),
    ...pick(universal, questsPerPool.universal, hash, 16),
  ];
}

/** The day's reward multiplier, the same for everyone on that date. */
export function dailyMultiplier(date: string): number {
  return dailyMultipliers[digest(`multiplier:${date}`).readUInt32BE(0) % dailyMultipliers.length] ?? 1;
}

export function questById(id: string): QuestDefinition | undefined {
  return questCatalogue.find((quest) => quest.id === id);
}

/** A booking the agent made on the day (still booked), where it lies now. */
export interface DayBooking {
  date: string;
  time: string;
  consultant?: string | undefined;
}

/** Everything quest progress is computed from, for one agent and one local date. */
export interface DayFacts {
  date: string;
  /** True once the local date has passed: "all day" conditions are decided then. */
  dayOver: boolean;
  bookings: DayBooking[];
  /** The agent's bookings cancelled on that date. */
  cancellations: number;
  /** The slot template's start times on that weekday (the week's times on a day without slots). */
  slotTimes: string[];
  /** Local HH:mm of the first authenticated visit that day, if any. */
  firstSignIn?: string | undefined;
  /** The login streak counted that day (0 without a sign-in). */
  loginStreak: number;
  spins: number;
  /** Month points rank at the start of the day (yesterday's snapshot) and now; absent = not ranked. */
  rank: { before?: number | undefined; now?: number | undefined };
}

export interface QuestProgress {
  id: QuestId;
  value: number;
  target: number;
  complete: boolean;
}

export const morningBefore = "11:00";
export const earlySignInBefore = "10:00";

function measure(quest: QuestDefinition, facts: DayFacts): { value: number; target: number } {
  const { bookings } = facts;
  switch (quest.metric) {
    case "bookings":
      return { value: bookings.length, target: quest.target };
    case "bookingsInOneSlot": {
      const perSlot = new Map<string, number>();
      for (const booking of bookings) {
        const slot = `${booking.date} ${booking.time}`;
        perSlot.set(slot, (perSlot.get(slot) ?? 0) + 1);
      }
      return { value: Math.max(0, ...perSlot.values()), target: quest.target };
    }
    case "slotTimesCovered": {
      const booked = new Set(bookings.map((booking) => booking.time));
      // A template without any slot time leaves nothing to cover: one booking then fills the day.
      if (facts.slotTimes.length === 0) return { value: Math.min(bookings.length, 1), target: 1 };
      return {
        value: facts.slotTimes.filter((time) => booked.has(time)).length,
        target: facts.slotTimes.length,
      };
    }
    case "distinctConsultants":
      return {
        value: new Set(bookings.flatMap((booking) => (booking.consultant ? [booking.consultant] : []))).size,
        target: quest.target,
      };
    case "morningBookings":
      return {
        value: bookings.filter((booking) => booking.time < morningBefore).length,
        target: quest.target,
      };
    case "noCancellation":
      // Decided when the day is over: until then a cancellation can still come.
      return {
        value: facts.dayOver && bookings.length > 0 && facts.cancellations === 0 ? 1 : 0,
        target: quest.target,
      };
    case "earlySignIn":
      return {
        value: facts.firstSignIn !== undefined && facts.firstSignIn < earlySignInBefore ? 1 : 0,
        target: quest.target,
      };
    case "loginStreakKept":
      return { value: facts.loginStreak > 0 ? 1 : 0, target: quest.target };
    case "rankImproved": {
      const { before, now } = facts.rank;
      const improved = now !== undefined && (now === 1 || before === undefined || now < before);
      return { value: improved ? 1 : 0, target: quest.target };
    }
    case "spins":
      return { value: facts.spins, target: quest.target };
    case "otherQuestsDone":
      return { value: 0, target: quest.target };
  }
}

function progressOf(quest: QuestDefinition, value: number, target: number): QuestProgress {
  return { id: quest.id as QuestId, value: Math.min(value, target), target, complete: value >= target };
}

/**
 * Progress of the given quests (the day's draw). Quest-Meister counts the
 * other quests of the same list that are complete.
 */
export function questProgress(quests: readonly QuestDefinition[], facts: DayFacts): QuestProgress[] {
  const plain = quests.map((quest) => {
    const { value, target } = measure(quest, facts);
    return progressOf(quest, value, target);
  });
  return quests.map((quest, index) => {
    if (quest.metric !== "otherQuestsDone") return plain[index] as QuestProgress;
    const others = plain.filter((progress, other) => other !== index && progress.complete).length;
    return progressOf(quest, others, quests.length - 1);
  });
}

/** The reward of a quest on a day with the given multiplier (rounded to whole coins and XP). */
export function questReward(quest: QuestDefinition, multiplier: number) {
  return {
    coins: Math.round(quest.reward.coins * multiplier),
    xp: Math.round(quest.reward.xp * multiplier),
    bonusSpins: quest.reward.bonusSpins ?? 0,
  };
}

/** Quests of today and, for conditions decided at the end of a day, of yesterday can be claimed. */
export const claimableDaysBack = 1;

export function questEventKey(date: string, questId: string): string {
  return `quest:${date}:${questId}`;
}
