import { randomBytes } from "node:crypto";
import { marshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBStreamEvent } from "aws-lambda";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { Booking } from "../../shared/contracts/booking.ts";
import type { StoredBooking } from "../../shared/data/bookings-repository.ts";
import type { StoredSlot } from "../../shared/data/slots-repository.ts";
import { isBlockedDate } from "../../shared/domain/booking/holidays.ts";
import { type Badge, badgeCatalogue } from "../../shared/domain/gamification/catalogue/badges.ts";
import { drawQuests } from "../../shared/domain/gamification/quests.ts";
import { landOn, wheelPrizes } from "../../shared/domain/gamification/wheel.ts";
import type { Principal } from "../../shared/http/principal.ts";
import { waitFor } from "../support/booking.ts";
import { demoAdmin, signedIn, type TestClient } from "../support/http.ts";
import { runJobAndWait } from "../support/jobs.ts";

/**
 * A scripted month for five agents. The past weeks run through the booking
 * service itself with a scripted clock (bookings, outcomes incl. no-shows and
 * ghosts, corrections, cancellations, reschedules), each day's events flowing
 * through the table's stream to the events handler as in production; today
 * runs through the HTTP API (sign-in rewards, quest claims, bookings) and the
 * Glücksrad with prizes fixed by the test; an admin enters Telefonie weeks.
 *
 * Every expectation — points, XP, levels, level-up coins, badges (from the
 * catalogue's conditions, which are data), coins, streaks with a shield,
 * buckets and leaderboard order — comes from the model below, which states the
 * rules as GAMIFICATION.md gives them; the product's code is not asked. The
 * model is compared with the stored state after every step, so a difference
 * names the step that caused it. Then every event is delivered twice more and
 * the rebuild job runs: nothing may change.
 */

const password = "gamification-month-2026";
const suffix = randomBytes(3).toString("hex");

// --- the rules, as the spec states them -------------------------------------------------------------

const rules = {
  xpPerConfirmedPoint: 10,
  levelXpBase: 100,
  levelUpCoinsPerLevel: 25,
  streakXpPerDay: 25,
  streakLookbackDays: 60,
  spinCost: 10,
  badgeXp: { common: 50, uncommon: 100, rare: 250, epic: 500, legendary: 1000, mythic: 2500 },
  badgeWeight: { common: 1, uncommon: 2, rare: 4, epic: 6, legendary: 10, mythic: 20 },
  seasons: [
    { id: "spring", start: "03-20", end: "04-30", xp: 1.2, coins: 1.1 },
    { id: "summer", start: "06-21", end: "08-31", xp: 1.3, coins: 1.2 },
    { id: "autumn", start: "09-22", end: "11-20", xp: 1.15, coins: 1.15 },
    { id: "winter", start: "12-01", end: "02-29", xp: 1.25, coins: 1.2 },
  ],
  /** Booking points (DESIGN): 5 up to a third full, 3 up to two thirds, 1 above; +2 at 11:00 and 14:00. */
  pointsFor(booked: number, capacity: number, time: string): number {
    const base = booked * 3 <= capacity ? 5 : booked * 3 <= capacity * 2 ? 3 : 1;
    return base + (time === "11:00" || time === "14:00" ? 2 : 0);
  },
  loginCoins: (streak: number) => 10 + Math.min(5 * streak, 40),
  level: (xp: number) => (xp < 100 ? 1 : Math.floor(1 + Math.sqrt(xp / 100))),
};

type Rarity = keyof typeof rules.badgeXp;

let timeZone = "Europe/Berlin";
const localDateOf = (iso: string) =>
  DateTime.fromISO(iso, { zone: "utc" }).setZone(timeZone).toISODate() as string;
const isoWeekOf = (date: string) => DateTime.fromISO(date).toFormat("kkkk-'W'WW");
const addDays = (date: string, days: number) => DateTime.fromISO(date).plus({ days }).toISODate() as string;
const weekday = (date: string) => DateTime.fromISO(date).weekday;

function seasonOn(date: string) {
  const year = Number(date.slice(0, 4));
  for (const season of rules.seasons) {
    for (const startYear of [year, year - 1]) {
      const from = `${startYear}-${season.start}`;
      const endYear = season.end < season.start ? startYear + 1 : startYear;
      const end =
        season.end === "02-29"
          ? (DateTime.fromISO(`${endYear}-03-01`).minus({ days: 1 }).toISODate() as string)
          : `${endYear}-${season.end}`;
      if (date >= from && date <= end) return { ...season, key: `${startYear}-${season.id}` };
    }
  }
  return undefined;
}

const periodKeysOf = (date: string): Record<string, string> => {
  const season = seasonOn(date);
  return {
    day: date,
    week: isoWeekOf(date),
    month: date.slice(0, 7),
    ...(season ? { season: season.key } : {}),
    all: "all",
  };
};

// --- the model ----------------------------------------------------------------------------------------

type Counters = Record<string, number>;
interface Bucket {
  provisional: number;
  confirmed: number;
  xp: number;
  coinsEarned: number;
  counters: Counters;
  pointsAt?: string;
}
interface Credit {
  provisional: number;
  confirmed: number;
  xp: number;
  bookings: number;
  resolved: number;
  shown: number;
}
const noCredit: Credit = { provisional: 0, confirmed: 0, xp: 0, bookings: 0, resolved: 0, shown: 0 };
interface Inventory {
  bonusSpins: number;
  streakShields: number;
  badgeTokens: number;
}
interface Entry {
  at: string;
  provisional?: number;
  confirmed?: number;
  /** Base XP (× season), or exact XP for a booking credit. */
  xp?: number;
  exactXp?: boolean;
  coins?: number;
  requiresCoins?: number;
  inventory?: Partial<Inventory>;
  counters?: Counters;
  skipLevelUps?: boolean;
}

const tidy = (value: number) => Math.round(value * 1e6) / 1e6;

class AgentModel {
  provisional = 0;
  confirmed = 0;
  xp = 0;
  coins = 0;
  coinsEarned = 0;
  counters: Counters = {};
  levelAwarded = 1;
  bestStreak = 0;
  inventory: Inventory = { bonusSpins: 0, streakShields: 0, badgeTokens: 0 };
  shieldedDays = new Set<string>();
  buckets = new Map<string, Bucket>();
  credits = new Map<string, Credit>();
  badgeCounters = { bookings: 0, eveningBookings: 0, morningBookings: 0, fridayBookings: 0 };
  counted = new Map<string, { flags: Counters; cancelled: boolean }>();
  consultants = new Set<string>();
  earned: string[] = [];
  levelUps: number[] = [];
  /** Level-up events waiting in the stream (level badges react to them). */
  levelUpEvents: { level: number; at: string }[] = [];

  readonly username: string;

  constructor(username: string) {
    this.username = username;
  }

  bucket(period: string, key: string): Bucket {
    const id = `${period}|${key}`;
    let bucket = this.buckets.get(id);
    if (!bucket) {
      bucket = { provisional: 0, confirmed: 0, xp: 0, coinsEarned: 0, counters: {} };
      this.buckets.set(id, bucket);
    }
    return bucket;
  }

  /** One ledger entry: the season multipliers of its local date, then the level-ups it brings. */
  apply(entry: Entry): void {
    const season = seasonOn(localDateOf(entry.at));
    const baseXp = entry.xp ?? 0;
    const xp = entry.exactXp ? Math.round(baseXp) : Math.round(baseXp * (baseXp > 0 ? (season?.xp ?? 1) : 1));
    const baseCoins = entry.coins ?? 0;
    const coins = baseCoins > 0 ? Math.round(baseCoins * (season?.coins ?? 1)) : Math.round(baseCoins);
    if (this.coins < (entry.requiresCoins ?? 0) || this.coins + coins < 0) {
      throw new Error(`${this.username}: the script spends coins the agent does not have`);
    }
    const provisional = entry.provisional ?? 0;
    const confirmed = entry.confirmed ?? 0;
    const counters = Object.entries(entry.counters ?? {}).filter(([, value]) => value !== 0);
    this.provisional += provisional;
    this.confirmed += confirmed;
    this.xp += xp;
    this.coins += coins;
    this.coinsEarned += Math.max(0, coins);
    for (const [name, delta] of Object.entries(entry.inventory ?? {})) {
      this.inventory[name as keyof Inventory] += delta;
    }
    for (const [name, delta] of counters) this.counters[name] = tidy((this.counters[name] ?? 0) + delta);
    const changesPoints = provisional !== 0 || confirmed !== 0;
    if (changesPoints || xp !== 0 || coins > 0 || counters.length > 0) {
      for (const [period, key] of Object.entries(periodKeysOf(localDateOf(entry.at)))) {
        const bucket = this.bucket(period, key);
        bucket.provisional += provisional;
        bucket.confirmed += confirmed;
        bucket.xp += xp;
        bucket.coinsEarned += Math.max(0, coins);
        for (const [name, delta] of counters)
          bucket.counters[name] = tidy((bucket.counters[name] ?? 0) + delta);
        if (changesPoints) bucket.pointsAt = entry.at;
      }
    }
    if (!entry.skipLevelUps && xp > 0) this.awardLevelUps(entry.at);
  }

  /** Every level reached and not yet awarded: 25 × level coins, kept, and an event for level badges. */
  awardLevelUps(at: string): void {
    const level = rules.level(this.xp);
    for (let next = this.levelAwarded + 1; next <= level; next++) {
      this.apply({ at, coins: rules.levelUpCoinsPerLevel * next, skipLevelUps: true });
      this.levelAwarded = next;
      this.levelUps.push(next);
      this.levelUpEvents.push({ level: next, at });
    }
  }

  dayPoints(date: string) {
    const bucket = this.buckets.get(`day|${date}`);
    return {
      points: (bucket?.provisional ?? 0) + (bucket?.confirmed ?? 0),
      confirmed: bucket?.confirmed ?? 0,
      bookings: bucket?.counters.bookings ?? 0,
    };
  }

  /**
   * Streaks over the look-back ending today: work days (Mon–Fri, not blocked)
   * with points; calendar days with a booking; work days with confirmed
   * points. Today not yet active breaks nothing; a shield bridges one missed
   * work day between two active ones. Each new best adds its streak XP.
   */
  refreshStreaks(now: string, isBlocked: (date: string) => boolean): void {
    const today = localDateOf(now);
    const dates = Array.from({ length: rules.streakLookbackDays }, (_, i) =>
      addDays(today, i - rules.streakLookbackDays + 1),
    );
    const workDay = (date: string) => weekday(date) <= 5 && !isBlocked(date);
    const states = (active: (date: string) => boolean, counts: (date: string) => boolean) =>
      dates.map((date) => {
        if (!counts(date)) return "skip";
        if (active(date)) return "active";
        return date === today ? "skip" : "missed";
      });
    const work = states((date) => this.dayPoints(date).points > 0, workDay);
    for (let i = 0; i < work.length; i++) {
      if (work[i] !== "missed") continue;
      const before = work.slice(0, i).findLast((state) => state !== "skip");
      const after = work.slice(i + 1).find((state) => state !== "skip");
      if (before !== "active" || after !== "active") continue;
      const date = dates[i] as string;
      if (this.shieldedDays.has(date)) work[i] = "skip";
      else if (this.inventory.streakShields > 0) {
        this.apply({ at: now, inventory: { streakShields: -1 } });
        this.shieldedDays.add(date);
        work[i] = "skip";
      }
    }
    const booking = states(
      (date) => this.dayPoints(date).bookings > 0,
      () => true,
    );
    const confirmed = states((date) => this.dayPoints(date).confirmed > 0, workDay);
    const longestRun = (list: string[]) => {
      let run = 0;
      let longest = 0;
      for (const state of list) {
        if (state === "active") run++;
        else if (state === "missed") run = 0;
        longest = Math.max(longest, run);
      }
      return longest;
    };
    const longest = Math.max(longestRun(work), longestRun(booking), longestRun(confirmed));
    for (let best = this.bestStreak + 1; best <= longest; best++) {
      this.bestStreak = best;
      this.apply({ at: now, xp: rules.streakXpPerDay, counters: { streakBest: 1 } });
    }
  }

  /** What a booking credits as it stands: provisional until its outcome, confirmed when it took place. */
  static creditOf(booking: ModelBooking): Credit {
    if (booking.status === "cancelled" || ["cancelled", "rescheduled"].includes(booking.outcome))
      return noCredit;
    if (["completed", "overhang"].includes(booking.outcome)) {
      const xpPerPoint = rules.xpPerConfirmedPoint * (seasonOn(localDateOf(booking.createdAt))?.xp ?? 1);
      return {
        ...noCredit,
        confirmed: booking.points,
        xp: Math.round(booking.points * xpPerPoint),
        bookings: 1,
        resolved: 1,
        shown: 1,
      };
    }
    if (["no_show", "ghost"].includes(booking.outcome)) return { ...noCredit, bookings: 1, resolved: 1 };
    return { ...noCredit, provisional: booking.points, bookings: 1 };
  }

  /** A booking event: the credit's difference (in the buckets of the booking's creation), streaks, badges. */
  bookingEvent(
    type: "created" | "rescheduled" | "cancelled" | "outcome",
    booking: ModelBooking,
    eventAt: string,
    now: string,
    isBlocked: (date: string) => boolean,
  ): void {
    const next = AgentModel.creditOf(booking);
    const previous = this.credits.get(booking.id) ?? noCredit;
    const delta = Object.fromEntries(
      Object.entries(next).map(([name, value]) => [name, value - previous[name as keyof Credit]]),
    ) as unknown as Credit;
    if (Object.values(delta).some((value) => value !== 0)) {
      this.credits.set(booking.id, next);
      this.apply({
        at: booking.createdAt,
        provisional: delta.provisional,
        confirmed: delta.confirmed,
        xp: delta.xp,
        exactXp: true,
        counters: { bookings: delta.bookings, resolved: delta.resolved, shown: delta.shown },
      });
      this.refreshStreaks(now, isBlocked);
    }
    if (type === "created") {
      const flags = {
        bookings: 1,
        eveningBookings: booking.time >= "18:00" ? 1 : 0,
        morningBookings: booking.time >= "09:00" && booking.time < "11:00" ? 1 : 0,
        fridayBookings: weekday(booking.date) === 5 ? 1 : 0,
      };
      this.counted.set(booking.id, { flags, cancelled: false });
      for (const [name, value] of Object.entries(flags)) {
        this.badgeCounters[name as keyof typeof this.badgeCounters] += value;
      }
      if (booking.consultant) this.consultants.add(booking.consultant);
      this.awardReachedBadges(eventAt);
    } else if (type === "cancelled") {
      const counted = this.counted.get(booking.id);
      if (counted && !counted.cancelled) {
        counted.cancelled = true;
        for (const [name, value] of Object.entries(counted.flags)) {
          this.badgeCounters[name as keyof typeof this.badgeCounters] -= value;
        }
      }
    } else this.awardReachedBadges(eventAt);
  }

  /** The level-up events the stream delivers after the event that caused them. */
  drainLevelUpEvents(): void {
    for (let event = this.levelUpEvents.shift(); event; event = this.levelUpEvents.shift()) {
      this.awardReachedBadges(event.at, event.level);
    }
  }

  /** Every catalogue badge whose condition holds at `at` and is not held yet (MVP: the nightly job's). */
  awardReachedBadges(at: string, levelReached = 0): void {
    const keys = periodKeysOf(localDateOf(at));
    const points = (period: string) => {
      const bucket = keys[period] ? this.buckets.get(`${period}|${keys[period]}`) : undefined;
      return (bucket?.provisional ?? 0) + (bucket?.confirmed ?? 0);
    };
    const season = seasonOn(localDateOf(at));
    const metrics: Record<string, number> = {
      pointsInDay: points("day"),
      pointsInWeek: points("week"),
      pointsInMonth: points("month"),
      pointsAllTime: this.provisional + this.confirmed,
      bestStreak: this.bestStreak,
      bookings: Math.max(this.counters.bookings ?? 0, this.badgeCounters.bookings),
      eveningBookings: this.badgeCounters.eveningBookings,
      morningBookings: this.badgeCounters.morningBookings,
      fridayBookings: this.badgeCounters.fridayBookings,
      questsCompleted: this.counters.quests ?? 0,
      // Counted by the nightly job, which this month does not run.
      telefonieWeeksAtGoal: 0,
      consultantsServed: this.consultants.size,
      level: Math.max(rules.level(this.xp), levelReached),
      prestigeTier: 0,
    };
    const resolved = this.counters.resolved ?? 0;
    const shown = this.counters.shown ?? 0;
    const reached = (badge: Badge) => {
      const condition = badge.condition;
      if (condition.metric === "mvp") return false;
      if (condition.metric === "showRate")
        return resolved >= condition.minResolved && (shown / resolved) * 100 >= condition.atLeast;
      if (condition.metric === "pointsInSeason")
        return season?.id === condition.season && points("season") >= condition.atLeast;
      return (metrics[condition.metric] ?? 0) >= condition.atLeast;
    };
    const newly = badgeCatalogue.filter((badge) => !this.earned.includes(badge.id) && reached(badge));
    for (const badge of newly) {
      const rarity = badge.rarity as Rarity;
      const doubled = this.inventory.badgeTokens > 0;
      const coins = Math.round((10 * rules.badgeXp[rarity]) / 50) * (doubled ? 2 : 1);
      this.apply({
        at,
        xp: rules.badgeXp[rarity],
        coins,
        ...(doubled ? { inventory: { badgeTokens: -1 } } : {}),
        counters: { badges: 1, badgeWeight: rules.badgeWeight[rarity] },
      });
      this.earned.push(badge.id);
    }
  }

  snapshot() {
    return {
      provisional: this.provisional,
      confirmed: this.confirmed,
      xp: this.xp,
      level: rules.level(this.xp),
      levelAwarded: this.levelAwarded,
      coins: this.coins,
      coinsEarned: this.coinsEarned,
      bestStreak: this.bestStreak,
      inventory: this.inventory,
      counters: sortedCounters(this.counters),
      badges: [...this.earned].sort(),
    };
  }
}

interface ModelBooking {
  id: string;
  createdAt: string;
  date: string;
  time: string;
  points: number;
  status: "booked" | "cancelled";
  outcome: string;
  consultant?: string | undefined;
}

const sortedCounters = (counters: Counters) =>
  Object.fromEntries(
    Object.entries(counters)
      .filter(([, value]) => value !== 0)
      .sort(([a], [b]) => a.localeCompare(b)),
  );

// --- the stack ----------------------------------------------------------------------------------------

type Modules = {
  service: ReturnType<typeof import("../../functions/booking/booking-service.ts")["bookingService"]>;
  store: typeof import("../../functions/booking/booking-store.ts")["dynamoBookingStore"];
  ledger: typeof import("../../shared/data/gamification/ledger-repository.ts");
  badges: typeof import("../../shared/data/gamification/badges-repository.ts");
  wheel: typeof import("../../shared/data/gamification/wheel-repository.ts");
  settings: typeof import("../../shared/data/booking-settings.ts");
  dispatch: typeof import("../../functions/events/dispatch.ts");
  subscribers: typeof import("../../functions/events/subscribers.ts");
  query: typeof import("../../shared/data/query.ts");
  keys: typeof import("../../shared/data/keys.ts")["keys"];
  tableName: string;
};
let mods: Modules;

let admin: TestClient;
const adminPrincipal: Principal = {
  username: "admin",
  role: "admin",
  displayName: "Admin",
  sessionId: "script",
  csrfToken: "script",
};
const agents: { username: string; client: TestClient; principal: Principal; model: AgentModel }[] = [];
const bookingsByRef = new Map<string, ModelBooking>();
let isBlocked: (date: string) => boolean = () => false;
let today = "";
let slots: StoredSlot[] = [];
const telefonieWeek = () => isoWeekOf(addDays(today, -7));

/** The next free slot (tomorrow onwards), spread over the weeks, with its fill read just before booking. */
async function nextSlot(): Promise<StoredSlot> {
  for (;;) {
    const candidate = slots.shift();
    if (!candidate) throw new Error("ran out of free slots");
    const [fresh] = (await mods.store.listSlots(candidate.date, candidate.date)).filter(
      (slot) => slot.time === candidate.time,
    );
    if (fresh && fresh.capacity - fresh.booked >= 1) return fresh;
  }
}

const customerOf = (ref: string) => ({
  firstName: "Monat",
  lastName: `Skript-${suffix}-${ref.replace(":", "-")}`,
  phone: "+49 171 7654321",
  note: "Monatsskript",
});

function modelBooking(booking: Booking | StoredBooking, points: number): ModelBooking {
  return {
    id: booking.id,
    createdAt: booking.createdAt,
    date: booking.date,
    time: booking.time,
    points,
    status: booking.status,
    outcome: booking.outcome,
    consultant: booking.consultant,
  };
}

/** Local wall time `hh:mm` on `date` as an instant. */
const at = (date: string, time: string) =>
  DateTime.fromISO(`${date}T${time}`, { zone: timeZone }).toUTC().toISO() as string;

/** Waits until the stored state is the model's (the stream has caught up), or fails naming the step. */
async function settle(agent: (typeof agents)[number], step: string): Promise<void> {
  const want = agent.model.snapshot();
  let got: unknown;
  try {
    await waitFor(
      step,
      async () => {
        got = await actualOf(agent.username);
        return JSON.stringify(got) === JSON.stringify(want) ? true : undefined;
      },
      // The stream may still carry other tests' events when the month starts.
      240_000,
    );
  } catch {
    expect(got, `${agent.username} after ${step}`).toEqual(want);
  }
}

async function actualOf(username: string) {
  const [account, earned] = await Promise.all([
    mods.ledger.getAccount(username),
    mods.badges.listEarnedBadges(username),
  ]);
  return {
    provisional: account.pointsProvisional,
    confirmed: account.pointsConfirmed,
    xp: account.xp,
    level: account.level,
    levelAwarded: account.levelAwarded,
    coins: account.coins,
    coinsEarned: account.coinsEarned,
    bestStreak: account.streaks.best,
    inventory: {
      bonusSpins: account.bonusSpins,
      streakShields: account.streakShields,
      badgeTokens: account.badgeTokens,
    },
    counters: sortedCounters(account.counters),
    badges: earned.map((badge) => badge.badgeId).sort(),
  };
}

// --- the script ---------------------------------------------------------------------------------------

type Step =
  | { kind: "book"; ref: string }
  | { kind: "outcome"; ref: string; outcome: "completed" | "overhang" | "no_show" | "ghost" | "cancelled" }
  | { kind: "reschedule"; ref: string }
  | { kind: "cancel"; ref: string };

/** Per work day before today (1 = the last one), per agent: the day's steps in order. */
const month: { day: number; agent: number; steps: Step[] }[] = [
  {
    day: 6,
    agent: 0,
    steps: [
      { kind: "book", ref: "a" },
      { kind: "book", ref: "b" },
    ],
  },
  { day: 5, agent: 0, steps: [{ kind: "book", ref: "c" }] },
  { day: 5, agent: 1, steps: [{ kind: "book", ref: "a" }] },
  { day: 4, agent: 0, steps: [{ kind: "book", ref: "d" }] },
  {
    day: 4,
    agent: 2,
    steps: [
      { kind: "book", ref: "a" },
      { kind: "book", ref: "b" },
      { kind: "book", ref: "c" },
    ],
  },
  { day: 3, agent: 0, steps: [{ kind: "book", ref: "e" }] },
  // Agent 2 misses day 4: the streak shield won today bridges it.
  {
    day: 3,
    agent: 1,
    steps: [
      { kind: "book", ref: "b" },
      { kind: "book", ref: "c" },
    ],
  },
  {
    day: 3,
    agent: 3,
    steps: [
      { kind: "book", ref: "a" },
      { kind: "book", ref: "b" },
    ],
  },
  { day: 2, agent: 0, steps: [{ kind: "book", ref: "f" }] },
  {
    day: 2,
    agent: 1,
    steps: [
      { kind: "cancel", ref: "b" },
      { kind: "reschedule", ref: "c" },
    ],
  },
  {
    day: 2,
    agent: 2,
    steps: [
      { kind: "outcome", ref: "a", outcome: "ghost" },
      { kind: "outcome", ref: "b", outcome: "completed" },
      { kind: "outcome", ref: "c", outcome: "completed" },
    ],
  },
  {
    day: 2,
    agent: 3,
    steps: [
      { kind: "outcome", ref: "a", outcome: "cancelled" },
      { kind: "outcome", ref: "b", outcome: "completed" },
    ],
  },
  { day: 2, agent: 4, steps: [{ kind: "book", ref: "a" }] },
  {
    day: 1,
    agent: 0,
    steps: [
      { kind: "book", ref: "g" },
      { kind: "outcome", ref: "a", outcome: "completed" },
      { kind: "outcome", ref: "b", outcome: "no_show" },
      { kind: "outcome", ref: "c", outcome: "completed" },
      { kind: "outcome", ref: "d", outcome: "completed" },
      { kind: "outcome", ref: "e", outcome: "overhang" },
    ],
  },
  { day: 1, agent: 1, steps: [{ kind: "outcome", ref: "a", outcome: "completed" }] },
  // Corrections between outcomes: confirmed points go again, and come back.
  { day: 1, agent: 2, steps: [{ kind: "outcome", ref: "c", outcome: "no_show" }] },
  {
    day: 1,
    agent: 3,
    steps: [
      { kind: "outcome", ref: "b", outcome: "no_show" },
      { kind: "outcome", ref: "b", outcome: "completed" },
    ],
  },
  { day: 1, agent: 4, steps: [{ kind: "reschedule", ref: "a" }] },
];

/** Today's Glücksrad prizes per agent (the draw is the server's; the test fixes it to know the prize). */
const spins: Record<number, string[]> = {
  0: ["coins-50", "xp-50", "badge-token"],
  1: ["nothing-1", "coins-25", "streak-shield"],
};

/** Telefonie last week: goal and entries per agent. */
const telefonie: Record<number, { goal: number; entries: { kind: string; points: number }[] }> = {
  0: {
    goal: 15,
    entries: [
      { kind: "T1", points: 12.5 },
      { kind: "Telefonie", points: 6 },
    ],
  },
  2: {
    goal: 20,
    entries: [
      { kind: "T2", points: 0.1 },
      { kind: "Extra", points: 0.2 },
    ],
  },
};

/** The outbox event of a booking written last (the stream delivers it). */
async function runBookingStep(
  agentIndex: number,
  step: Step,
  now: string,
): Promise<{ type: "created" | "rescheduled" | "cancelled" | "outcome"; booking: ModelBooking }> {
  const agent = agents[agentIndex]!;
  const ref = `${agentIndex}:${step.ref}`;
  const clock = new Date(now);
  switch (step.kind) {
    case "book": {
      const slot = await nextSlot();
      const points = rules.pointsFor(slot.booked, slot.capacity, slot.time);
      const { booking } = await mods.service.book(
        { date: slot.date, time: slot.time, ...customerOf(ref) },
        agent.principal,
        undefined,
        clock,
      );
      const model = modelBooking(booking, points);
      bookingsByRef.set(ref, model);
      return { type: "created", booking: model };
    }
    case "reschedule": {
      const current = bookingsByRef.get(ref)!;
      const slot = await nextSlot();
      const points = rules.pointsFor(slot.booked, slot.capacity, slot.time);
      const booking = await mods.service.reschedule(
        current.id,
        { date: slot.date, time: slot.time },
        agent.principal,
        clock,
      );
      const model = { ...modelBooking(booking, points), createdAt: current.createdAt };
      bookingsByRef.set(ref, model);
      return { type: "rescheduled", booking: model };
    }
    case "cancel": {
      const current = bookingsByRef.get(ref)!;
      const booking = await mods.service.cancel(current.id, agent.principal, clock);
      const model = { ...current, status: booking.status, outcome: booking.outcome };
      bookingsByRef.set(ref, model);
      return { type: "cancelled", booking: model };
    }
    case "outcome": {
      const current = bookingsByRef.get(ref)!;
      await mods.service.recordOutcome(current.id, { outcome: step.outcome }, adminPrincipal, clock);
      const model = { ...current, outcome: step.outcome };
      bookingsByRef.set(ref, model);
      return { type: "outcome", booking: model };
    }
  }
}

beforeAll(async () => {
  process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
  process.env.S3_ENDPOINT = inject("s3Endpoint");
  process.env.GOOGLE_CALENDAR_API_URL = inject("calendarUrl");
  const bookingService = await import("../../functions/booking/booking-service.ts");
  const store = (await import("../../functions/booking/booking-store.ts")).dynamoBookingStore;
  mods = {
    service: bookingService.bookingService(store),
    store,
    ledger: await import("../../shared/data/gamification/ledger-repository.ts"),
    badges: await import("../../shared/data/gamification/badges-repository.ts"),
    wheel: await import("../../shared/data/gamification/wheel-repository.ts"),
    settings: await import("../../shared/data/booking-settings.ts"),
    dispatch: await import("../../functions/events/dispatch.ts"),
    subscribers: await import("../../functions/events/subscribers.ts"),
    query: await import("../../shared/data/query.ts"),
    keys: (await import("../../shared/data/keys.ts")).keys,
    tableName: (await import("../../shared/config.ts")).config().TABLE_NAME,
  };
  const template = await mods.settings.currentSlotTemplate();
  timeZone = template.timeZone;
  isBlocked = (date) => isBlockedDate(template, date);
  today = localDateOf(new Date().toISOString());

  admin = await signedIn(demoAdmin);
  for (let n = 0; n < 5; n++) {
    // Agents 1 and 2 draw the Glücksrad quest today (the draw is a stable hash of day and name).
    let username = `gm${suffix}${n}`;
    for (let attempt = 0; n < 2; attempt++) {
      username = `gm${suffix}${n}${attempt}`;
      if (drawQuests(today, username).some((quest) => quest.id === "gluecksrad")) break;
    }
    const created = await admin.request("POST", "/api/admin/users", {
      body: { username, displayName: `Monat ${n + 1}`, role: "agent", password },
    });
    expect(created.status).toBe(201);
    agents.push({
      username,
      client: await signedIn({ username, password }),
      principal: {
        username,
        role: "agent",
        displayName: `Monat ${n + 1}`,
        sessionId: "script",
        csrfToken: "x",
      },
      model: new AgentModel(username),
    });
  }
  const from = addDays(today, 1);
  slots = (await mods.store.listSlots(from, addDays(today, 28)))
    .filter((slot) => slot.capacity - slot.booked >= 2 && weekday(slot.date) <= 5)
    .filter((_, index) => index % 2 === 0);
}, 120_000);

/** The last `count` work days before today (Mon–Fri, not blocked), most recent first. */
function workDaysBefore(count: number): string[] {
  const days: string[] = [];
  for (let date = addDays(today, -1); days.length < count; date = addDays(date, -1)) {
    if (weekday(date) <= 5 && !isBlocked(date)) days.push(date);
  }
  return days;
}

/** Stored state of the agents: accounts, buckets, badges, badge counters, credits (timestamps left out). */
async function stateOf(): Promise<unknown> {
  const state: Record<string, unknown> = {};
  for (const { username } of agents) {
    const items = [
      ...(await mods.query.queryAll({
        TableName: mods.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": `GAMI#${username}` },
      })),
      ...(await mods.query.queryAll({
        TableName: mods.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": `ACHIEVE#${username}` },
      })),
      ...(await mods.query.queryAll({
        TableName: mods.tableName,
        IndexName: "gsi1",
        KeyConditionExpression: "gsi1pk = :pk",
        ExpressionAttributeValues: { ":pk": `GTOTALSOF#${username}` },
      })),
    ];
    state[username] = items
      .filter((item) => !String(item.sk).startsWith("LEDGER#"))
      .map((item) =>
        Object.fromEntries(
          Object.entries(item)
            .filter(
              ([name, value]) =>
                // When it was written, and representations of "nothing" (0, [], level 1 awarded).
                !["updatedAt", "rebuiltAt", "appliedAt"].includes(name) &&
                value !== 0 &&
                !(Array.isArray(value) && value.length === 0) &&
                !(name === "levelAwarded" && value === 1),
            )
            .map(([name, value]): [string, unknown] =>
              name === "streaks" ? [name, { ...(value as object), computedAt: undefined }] : [name, value],
            )
            .sort(([a], [b]) => a.localeCompare(b)),
        ),
      )
      .sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`));
  }
  for (const booking of bookingsByRef.values()) {
    const credit = await mods.query.queryAll({
      TableName: mods.tableName,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": `GCREDIT#${booking.id}` },
    });
    state[`credit:${booking.id}`] = credit.map(({ version: _version, ...rest }) => rest);
  }
  return state;
}

describe("a scripted month of gamification for five agents", () => {
  it("yields exactly the expected points, XP, levels, badges, coins, streaks and leaderboard order", async () => {
    const days = workDaysBefore(Math.max(...month.map((entry) => entry.day)));
    let minute = 0;
    for (const { day, agent: index, steps } of month.sort((a, b) => b.day - a.day || a.agent - b.agent)) {
      const date = days[day - 1] as string;
      const agent = agents[index]!;
      for (const step of steps) {
        const now = at(date, `09:${String(minute++ % 60).padStart(2, "0")}`);
        const { type, booking } = await runBookingStep(index, step, now);
        agent.model.bookingEvent(type, booking, now, new Date().toISOString(), isBlocked);
        agent.model.drainLevelUpEvents();
        await settle(agent, `${date} ${step.kind} ${step.ref}`);
      }
    }

    // Telefonie last week, entered by an admin: its own counters in the week's buckets.
    const week = telefonieWeek();
    const weekStart = `${DateTime.fromISO(`${week}-1`).toISODate()}T12:00:00.000Z`;
    for (const [index, { goal, entries }] of Object.entries(telefonie)) {
      const agent = agents[Number(index)]!;
      const base = `/api/telefonie/weeks/${week}/${agent.username}`;
      expect((await admin.request("PUT", `${base}/goal`, { body: { goal } })).status).toBe(200);
      let achieved = 0;
      for (const entry of entries) {
        const response = await admin.request("POST", `${base}/entries`, { body: entry });
        expect(response.status, JSON.stringify(response.body)).toBe(201);
        const before = achieved;
        achieved = tidy(achieved + entry.points);
        agent.model.apply({ at: weekStart, counters: { telefonie: entry.points } });
        if (achieved >= goal && before < goal)
          agent.model.apply({ at: weekStart, counters: { telefonieWeeksAtGoal: 1 } });
        await settle(agent, `Telefonie ${entry.kind} ${entry.points}`);
      }
    }

    // Today: everyone signs in and takes the daily reward (a streak of one day).
    for (const agent of agents) {
      const reward = await agent.client.request<{ granted: boolean; coins: number }>(
        "POST",
        "/api/gamification/login-reward",
      );
      expect(reward.body).toMatchObject({ granted: true, coins: rules.loginCoins(1) });
      agent.model.apply({
        at: new Date().toISOString(),
        coins: rules.loginCoins(1),
        counters: { logins: 1 },
      });
      agent.model.drainLevelUpEvents();
      await settle(agent, "login reward");
    }

    // Today: three spins each for agents 1 and 2, then the Glücksrad quest's reward, then a booking.
    for (const [index, prizes] of Object.entries(spins)) {
      const agent = agents[Number(index)]!;
      for (const prizeId of prizes) {
        const prize = wheelPrizes.find((candidate) => candidate.id === prizeId)!;
        const now = new Date();
        await mods.wheel.spinWheel(agent.username, {
          now,
          payment: "coins",
          randomInt: landOn(prizeId),
        });
        const prizeCoins = prize.kind === "coins" || prize.kind === "jackpot" ? prize.amount : 0;
        agent.model.apply({
          at: now.toISOString(),
          coins: prizeCoins - rules.spinCost,
          requiresCoins: rules.spinCost,
          xp: prize.kind === "xp" ? prize.amount : 0,
          inventory: {
            streakShields: prize.kind === "streakShield" ? 1 : 0,
            badgeTokens: prize.kind === "badgeToken" ? 1 : 0,
          },
          counters: { spins: 1 },
        });
        agent.model.drainLevelUpEvents();
        await settle(agent, `spin ${prizeId}`);
      }
      const quests = await agent.client.request<{
        multiplier: number;
        quests: { id: string; complete: boolean }[];
      }>("GET", "/api/gamification/quests");
      expect(quests.body.quests.find((quest) => quest.id === "gluecksrad")?.complete).toBe(true);
      const claim = await agent.client.request("POST", "/api/gamification/quests/gluecksrad/claim");
      expect(claim.status, JSON.stringify(claim.body)).toBe(200);
      // The spec's reward for three spins: 40 coins and 50 XP, times the day's multiplier.
      agent.model.apply({
        at: new Date().toISOString(),
        coins: Math.round(40 * quests.body.multiplier),
        xp: Math.round(50 * quests.body.multiplier),
        counters: { quests: 1 },
      });
      agent.model.drainLevelUpEvents();
      await settle(agent, "quest claim");

      // A booking today through the API: the shield bridges agent 2's missed day, badges come with it.
      const slot = await nextSlot();
      const points = rules.pointsFor(slot.booked, slot.capacity, slot.time);
      const response = await agent.client.request<{ booking: Booking }>("POST", "/api/bookings", {
        body: { date: slot.date, time: slot.time, ...customerOf(`${index}:today`) },
      });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      const booking = modelBooking(response.body.booking, points);
      bookingsByRef.set(`${index}:today`, booking);
      agent.model.bookingEvent("created", booking, booking.createdAt, new Date().toISOString(), isBlocked);
      agent.model.drainLevelUpEvents();
      await settle(agent, "booking today");
    }

    // Points per booking as the rule gives them, on the bookings the product stored.
    for (const booking of bookingsByRef.values()) {
      const stored = await mods.store.getBooking(booking.id);
      expect(stored?.points, booking.id).toBe(booking.points);
    }

    // The script reaches what it means to: a shield used, badges across categories, level-ups, a streak.
    const models = agents.map((agent) => agent.model);
    expect(models[1]!.shieldedDays.size).toBe(1);
    expect(models.flatMap((model) => model.earned)).toEqual(
      expect.arrayContaining(["first-booking", "quests-1", "streak-5"]),
    );
    expect(Math.max(...models.map((model) => model.levelAwarded))).toBeGreaterThanOrEqual(3);

    // Every bucket the model filled, as stored (day, ISO week, month, season, all time).
    for (const { username, model } of agents) {
      for (const [id, bucket] of model.buckets) {
        const [period, key] = id.split("|") as [ledgerPeriod, string];
        const totals = await mods.ledger.getPeriodTotalsByKey(username, period, key);
        expect(
          {
            provisional: totals.pointsProvisional,
            confirmed: totals.pointsConfirmed,
            xp: totals.xp,
            coinsEarned: totals.coinsEarned,
            counters: sortedCounters(totals.counters),
          },
          `${username} ${id}`,
        ).toEqual({
          provisional: bucket.provisional,
          confirmed: bucket.confirmed,
          xp: bucket.xp,
          coinsEarned: bucket.coinsEarned,
          counters: sortedCounters(bucket.counters),
        });
      }
    }

    // Progress as the agent reads it: points, XP, level, coins, streak, level-ups kept until seen.
    for (const { username, client, model } of agents) {
      const progress = await client.request<{
        points: { provisional: number; confirmed: number; total: number };
        xp: number;
        level: number;
        coins: number;
        streaks: { best: number };
        levelUps: { level: number }[];
      }>("GET", `/api/gamification/progress/${username}`);
      expect(progress.status).toBe(200);
      expect(progress.body).toMatchObject({
        points: {
          provisional: model.provisional,
          confirmed: model.confirmed,
          total: model.provisional + model.confirmed,
        },
        xp: model.xp,
        level: rules.level(model.xp),
        coins: model.coins,
        streaks: { best: model.bestStreak },
      });
      expect(progress.body.levelUps.map((levelUp) => levelUp.level)).toEqual(model.levelUps);
    }

    // Leaderboards of this month: order and scores (provisional points counted and marked).
    const monthKey = today.slice(0, 7);
    const boards = {
      points: (model: AgentModel) => {
        const bucket = model.buckets.get(`month|${monthKey}`);
        return { score: (bucket?.provisional ?? 0) + (bucket?.confirmed ?? 0), at: bucket?.pointsAt ?? "" };
      },
      xp: (model: AgentModel) => ({ score: model.buckets.get(`month|${monthKey}`)?.xp ?? 0, at: "" }),
    };
    for (const [category, scoreOf] of Object.entries(boards)) {
      const board = await admin.request<{
        entries: { username: string; score: number; provisional?: number }[];
      }>("GET", `/api/gamification/leaderboards?category=${category}&period=month`);
      expect(board.status).toBe(200);
      const mine = board.body.entries
        .filter((entry) => agents.some((agent) => agent.username === entry.username))
        .map((entry) => [entry.username, entry.score]);
      const expected = agents
        .map(({ username, model }) => ({ username, ...scoreOf(model) }))
        .filter((entry) => entry.score > 0)
        .sort((a, b) => b.score - a.score || a.at.localeCompare(b.at))
        .map((entry) => [entry.username, entry.score]);
      if (category === "points") expect(mine).toEqual(expected);
      else expect(new Set(mine.map(String))).toEqual(new Set(expected.map(String)));
    }
  }, 600_000);

  it("changes nothing when every event is delivered twice more, nor when the rebuild job runs", async () => {
    const before = await stateOf();
    // Every outbox event of the month: the bookings', the level-ups', the Telefonie weeks'.
    const partitions = [
      ...[...bookingsByRef.values()].map((booking) => `OUTBOX#${booking.id}`),
      ...agents.map(({ username }) => `OUTBOX#levelup-${username}`),
      ...Object.keys(telefonie).map(
        (index) => `OUTBOX#TELEFONIE-${agents[Number(index)]!.username}-${telefonieWeek()}`,
      ),
    ];
    const records: DynamoDBStreamEvent["Records"] = [];
    for (const pk of [...new Set(partitions)]) {
      const items = await mods.query.queryAll({
        TableName: mods.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": pk },
      });
      for (const item of items) {
        records.push({
          eventName: "INSERT",
          dynamodb: {
            Keys: { pk: { S: String(item.pk) }, sk: { S: String(item.sk) } },
            NewImage: marshall(item) as never,
            SequenceNumber: String(records.length + 1),
          },
        });
      }
    }
    expect(records.length).toBeGreaterThanOrEqual(40);
    for (let delivery = 0; delivery < 2; delivery++) {
      const result = await mods.dispatch.dispatchStreamEvent(
        { Records: records },
        mods.subscribers.subscribers,
        (error) => {
          throw error;
        },
      );
      expect(result.batchItemFailures).toEqual([]);
    }
    expect(await stateOf()).toEqual(before);

    const run = await runJobAndWait(admin, "rebuild-gamification", "", 120_000);
    expect(run.status, run.error).toBe("succeeded");
    console.info(
      `rebuild-gamification: ${Date.parse(run.finishedAt ?? "") - Date.parse(run.startedAt)} ms`,
      JSON.stringify(run.summary),
    );
    expect(await stateOf()).toEqual(before);
  }, 300_000);

  it("lets agents read only their own progress; level-ups are shown once", async () => {
    const [first, second] = agents as [(typeof agents)[number], (typeof agents)[number]];
    expect((await first.client.request("GET", `/api/gamification/progress/${second.username}`)).status).toBe(
      403,
    );
    expect((await admin.request("GET", `/api/gamification/progress/${second.username}`)).status).toBe(200);
    const seen = await first.client.request<{ seen: number }>(
      "POST",
      `/api/gamification/progress/${first.username}/level-ups/seen`,
    );
    expect(seen.body.seen).toBe(first.model.levelUps.length);
    const after = await first.client.request<{ levelUps: unknown[] }>(
      "GET",
      `/api/gamification/progress/${first.username}`,
    );
    expect(after.body.levelUps).toEqual([]);
  });
});

type ledgerPeriod = "day" | "week" | "month" | "season" | "all";
