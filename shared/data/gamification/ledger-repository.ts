import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { config } from "../../config.ts";
import { localDate } from "../../domain/booking/local-date.ts";
import { levelFor, prestigeMultiplier } from "../../domain/gamification/levels.ts";
import {
  type Period,
  type PeriodKeys,
  periodKeysAt,
  seasonMultipliers,
} from "../../domain/gamification/periods.ts";
import type { GamificationSettings } from "../../domain/gamification/settings.ts";
import { slotTimeZone } from "../booking-settings.ts";
import { dynamoClient } from "../clients.ts";
import { StoreBusyError } from "../errors.ts";
import { type ItemKey, keys } from "../keys.ts";
import { type TransactItem, transactWrite } from "../transactions.ts";
import { gamificationSettings } from "./ledger-settings.ts";

export type { Period } from "../../domain/gamification/periods.ts";
export type { TransactItem } from "../transactions.ts";

export type LedgerKind =
  | "booking"
  | "outcome"
  | "badge"
  | "quest"
  | "wheel"
  | "login"
  | "shop"
  | "goal"
  | "levelUp"
  | "prestige"
  | "mastery"
  | "telefonie"
  /** Best-streak XP and streak-shield use (gamification core). */
  | "streak";

export interface InventoryDelta {
  bonusSpins?: number;
  streakShields?: number;
  badgeTokens?: number;
}

export const inventoryFields = ["bonusSpins", "streakShields", "badgeTokens"] as const;

export interface LedgerEntryInput {
  username: string;
  /** The causing event; one entry per key: applying the same key again changes nothing (exactly once). */
  eventKey: string;
  /** ISO instant; decides the day / ISO week / month / season / all-time buckets. */
  occurredAt: string;
  kind: LedgerKind;
  /** Deltas. */
  points?: { provisional?: number; confirmed?: number };
  /** Base XP delta; the season and prestige multipliers are applied inside. */
  xp?: number;
  /** Delta; negative = spend; the season coin multiplier applies to positive deltas only. */
  coins?: number;
  /**
   * Coins the account must hold before the entry, whatever its net delta: a
   * price paid inside the same entry as a prize (a wheel spin).
   */
  requiresCoins?: number;
  /** Deltas, never below 0. */
  inventory?: InventoryDelta;
  /** Per-period activity counters, e.g. `{ bookings: 1 }`, `{ quests: 1 }`. */
  counters?: Record<string, number>;
  /** Prestige: tier +1, effective XP reset to 0 by an offset, level added to prestige points. */
  prestige?: { tierDelta: 1; xpOffset: number; prestigePoints: number };
  detail?: Record<string, unknown>;
}

/** Coins (or an inventory counter) would go below 0: nothing was written. */
export class InsufficientCoinsError extends Error {
  constructor(message = "insufficient coins or inventory") {
    super(message);
    this.name = "InsufficientCoinsError";
  }
}

/** What an entry changed, after the multipliers: stored with the entry, replayed by the rebuild. */
export interface EffectiveDeltas {
  pointsProvisional: number;
  pointsConfirmed: number;
  xp: number;
  coins: number;
  inventory: Required<InventoryDelta>;
  counters: Record<string, number>;
  prestige?: { tierDelta: 1; xpOffset: number; prestigePoints: number };
}

export interface StreakState {
  work: number;
  booking: number;
  points: number;
  /** Best of the three as last computed (within the look-back). */
  current: number;
  /** Longest ever (drives the streak XP). */
  best: number;
  computedAt?: string;
}

export interface GamificationAccount {
  username: string;
  coins: number;
  /** Effective XP: earned XP minus the prestige offset. */
  xp: number;
  /** Every XP ever earned (history survives prestige). */
  xpTotal: number;
  xpOffset: number;
  level: number;
  /** Highest level whose level-up was awarded in the current prestige tier. */
  levelAwarded: number;
  prestigeTier: number;
  prestigePoints: number;
  prestigeHistory: { at: string }[];
  bonusSpins: number;
  streakShields: number;
  badgeTokens: number;
  pointsProvisional: number;
  pointsConfirmed: number;
  coinsEarned: number;
  counters: Record<string, number>;
  streaks: StreakState;
  /** Local dates a streak shield protected. */
  shieldedDays: string[];
}

export interface PeriodTotals {
  username: string;
  period: Period;
  periodKey: string;
  pointsProvisional: number;
  pointsConfirmed: number;
  xp: number;
  coinsEarned: number;
  counters: Record<string, number>;
  /** When each score last changed (ties: the earlier to reach a score ranks first). */
  reachedAt: Record<string, string>;
}

const table = () => config().TABLE_NAME;
const counterName = /^[A-Za-z][A-Za-z0-9]{0,39}$/;
const counterPrefix = "c_";
const reachedPrefix = "at_";

const num = (value: unknown): number => (typeof value === "number" && Number.isFinite(value) ? value : 0);

function countersOf(item: Record<string, unknown>): Record<string, number> {
  const counters: Record<string, number> = {};
  for (const [name, value] of Object.entries(item)) {
    if (name.startsWith(counterPrefix)) counters[name.slice(counterPrefix.length)] = num(value);
  }
  return counters;
}

export function accountFromItem(
  username: string,
  item: Record<string, unknown> | undefined,
  settings: Pick<GamificationSettings, "levelXpBase">,
): GamificationAccount {
  const source = item ?? {};
  const xpTotal = num(source.xpTotal);
  const xpOffset = num(source.xpOffset);
  const xp = xpTotal - xpOffset;
  const streaks = (source.streaks ?? {}) as Partial<StreakState>;
  return {
    username,
    coins: num(source.coins),
    xp,
    xpTotal,
    xpOffset,
    level: levelFor(xp, settings),
    levelAwarded: Math.max(1, num(source.levelAwarded)),
    prestigeTier: num(source.prestigeTier),
    prestigePoints: num(source.prestigePoints),
    prestigeHistory: Array.isArray(source.prestigeHistory)
      ? (source.prestigeHistory as { at: string }[])
      : [],
    bonusSpins: num(source.bonusSpins),
    streakShields: num(source.streakShields),
    badgeTokens: num(source.badgeTokens),
    pointsProvisional: num(source.pointsProvisional),
    pointsConfirmed: num(source.pointsConfirmed),
    coinsEarned: num(source.coinsEarned),
    counters: countersOf(source),
    streaks: {
      work: num(streaks.work),
      booking: num(streaks.booking),
      points: num(streaks.points),
      current: num(streaks.current),
      best: num(source.bestStreak),
      ...(typeof streaks.computedAt === "string" ? { computedAt: streaks.computedAt } : {}),
    },
    shieldedDays: Array.isArray(source.shieldedDays) ? (source.shieldedDays as string[]) : [],
  };
}

export function periodTotalsFromItem(
  username: string,
  period: Period,
  periodKey: string,
  item: Record<string, unknown> | undefined,
): PeriodTotals {
  const source = item ?? {};
  const reachedAt: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) {
    if (name.startsWith(reachedPrefix) && typeof value === "string")
      reachedAt[name.slice(reachedPrefix.length)] = value;
  }
  return {
    username,
    period,
    periodKey,
    pointsProvisional: num(source.pointsProvisional),
    pointsConfirmed: num(source.pointsConfirmed),
    xp: num(source.xp),
    coinsEarned: num(source.coinsEarned),
    counters: countersOf(source),
    reachedAt,
  };
}

export async function readAccountItem(username: string): Promise<Record<string, unknown> | undefined> {
  const result = await dynamoClient().send(
    new GetCommand({ TableName: table(), Key: keys.gamificationAccount(username), ConsistentRead: true }),
  );
  return result.Item;
}

export async function getAccount(username: string): Promise<GamificationAccount> {
  const [item, settings] = await Promise.all([readAccountItem(username), gamificationSettings()]);
  return accountFromItem(username, item, settings);
}

/** The bucket keys of an instant in the slot template's zone. */
export async function periodKeysFor(at: string | Date): Promise<PeriodKeys> {
  const [timeZone, settings] = await Promise.all([slotTimeZone(), gamificationSettings()]);
  return periodKeysAt(at, timeZone, settings);
}

/** An agent's running totals in the bucket `at` (default now) falls into; zeros when empty or outside a season. */
export async function getPeriodTotals(username: string, period: Period, at?: string): Promise<PeriodTotals> {
  const periodKey = (await periodKeysFor(at ?? new Date()))[period];
  if (periodKey === undefined) return periodTotalsFromItem(username, period, "", undefined);
  return getPeriodTotalsByKey(username, period, periodKey);
}

export async function getPeriodTotalsByKey(
  username: string,
  period: Period,
  periodKey: string,
): Promise<PeriodTotals> {
  const result = await dynamoClient().send(
    new GetCommand({
      TableName: table(),
      Key: keys.periodTotals(period, periodKey, username),
      ConsistentRead: true,
    }),
  );
  return periodTotalsFromItem(username, period, periodKey, result.Item);
}

/**
 * The deltas an entry really applies: the season multipliers of its local
 * date, the prestige bonus of the tier in force, rounded to whole numbers.
 * `exactXp`: the caller computed the effective XP itself (booking credits,
 * which must come out the same in the rebuild).
 */
export function effectiveDeltas(
  entry: LedgerEntryInput,
  context: { date: string; prestigeTier: number; settings: GamificationSettings; exactXp?: boolean },
): EffectiveDeltas {
  const season = seasonMultipliers(context.date, context.settings);
  const baseXp = entry.xp ?? 0;
  const xp = context.exactXp
    ? Math.round(baseXp)
    : Math.round(
        baseXp * (baseXp > 0 ? season.xp * prestigeMultiplier(context.prestigeTier, context.settings) : 1),
      );
  const baseCoins = entry.coins ?? 0;
  const coins = baseCoins > 0 ? Math.round(baseCoins * season.coins) : Math.round(baseCoins);
  const counters: Record<string, number> = {};
  for (const [name, value] of Object.entries(entry.counters ?? {})) {
    if (!counterName.test(name)) throw new RangeError(`counter name ${JSON.stringify(name)} is not allowed`);
    if (value !== 0) counters[name] = value;
  }
  return {
    pointsProvisional: entry.points?.provisional ?? 0,
    pointsConfirmed: entry.points?.confirmed ?? 0,
    xp,
    coins,
    inventory: {
      bonusSpins: entry.inventory?.bonusSpins ?? 0,
      streakShields: entry.inventory?.streakShields ?? 0,
      badgeTokens: entry.inventory?.badgeTokens ?? 0,
    },
    counters,
    ...(entry.prestige ? { prestige: entry.prestige } : {}),
  };
}

/** Builds one UpdateExpression from ADD and SET parts with generated placeholders. */
class UpdateBuilder {
  readonly adds: string[] = [];
  readonly sets: string[] = [];
  readonly conditions: string[] = [];
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  private next = 0;

  name(attribute: string): string {
    const placeholder = `#n${this.next++}`;
    this.names[placeholder] = attribute;
    return placeholder;
  }

  value(value: unknown): string {
    const placeholder = `:v${this.next++}`;
    this.values[placeholder] = value;
    return placeholder;
  }

  add(attribute: string, delta: number): void {
    if (delta !== 0) this.adds.push(`${this.name(attribute)} ${this.value(delta)}`);
  }

  set(attribute: string, value: unknown): void {
    this.sets.push(`${this.name(attribute)} = ${this.value(value)}`);
  }

  /** At least `need` in a numeric attribute that may not exist yet. */
  atLeast(attribute: string, need: number): void {
    this.conditions.push(`${this.name(attribute)} >= ${this.value(need)}`);
  }

  update(key: ItemKey): TransactItem {
    const expression = [
      this.sets.length > 0 ? `SET ${this.sets.join(", ")}` : "",
      this.adds.length > 0 ? `ADD ${this.adds.join(", ")}` : "",
    ]
      .filter(Boolean)
      .join(" ");
    return {
      Update: {
        TableName: table(),
        Key: key,
        UpdateExpression: expression,
        ExpressionAttributeNames: this.names,
        ...(Object.keys(this.values).length > 0 ? { ExpressionAttributeValues: this.values } : {}),
        ...(this.conditions.length > 0 ? { ConditionExpression: this.conditions.join(" AND ") } : {}),
      },
    };
  }
}

/** Internal options: the booking credits and the level-ups use them. */
export interface ApplyOptions {
  exactXp?: boolean;
  /** Extra attributes SET on the account in the same write (e.g. `levelAwarded`). */
  accountSet?: Record<string, unknown>;
  /** Skip the level-up check afterwards (the rebuild, the level-up entries themselves). */
  skipLevelUps?: boolean;
  /** The account item the caller has just read (saves a read; the write's conditions still guard it). */
  accountRead?: { item: Record<string, unknown> | undefined };
}

export type ApplyResult =
  | { applied: true; effective: EffectiveDeltas }
  /** `duplicate`: the key was used before; `also`: a condition of an `also` item failed. */
  | { applied: false; reason: "duplicate" | "also" };

function accountUpdate(
  entry: LedgerEntryInput,
  effective: EffectiveDeltas,
  options: ApplyOptions,
): TransactItem {
  const update = new UpdateBuilder();
  update.set("username", entry.username);
  update.set("type", "gamificationAccount");
  update.set("updatedAt", new Date().toISOString());
  for (const [name, value] of Object.entries(options.accountSet ?? {})) update.set(name, value);
  update.add("pointsProvisional", effective.pointsProvisional);
  update.add("pointsConfirmed", effective.pointsConfirmed);
  update.add("xpTotal", effective.xp);
  update.add("coins", effective.coins);
  if (effective.coins > 0) update.add("coinsEarned", effective.coins);
  // Never below 0: the condition travels with the write, so concurrent spends cannot overdraw.
  const coinsNeeded = Math.max(entry.requiresCoins ?? 0, -effective.coins);
  if (coinsNeeded > 0) update.atLeast("coins", coinsNeeded);
  for (const field of inventoryFields) {
    const delta = effective.inventory[field];
    update.add(field, delta);
    if (delta < 0) update.atLeast(field, -delta);
  }
  for (const [name, delta] of Object.entries(effective.counters))
    update.add(`${counterPrefix}${name}`, delta);
  if (effective.prestige) {
    update.add("prestigeTier", effective.prestige.tierDelta);
    update.add("xpOffset", effective.prestige.xpOffset);
    update.add("prestigePoints", effective.prestige.prestigePoints);
    const history = update.name("prestigeHistory");
    update.sets.push(
      `${history} = list_append(if_not_exists(${history}, ${update.value([])}), ${update.value([{ at: entry.occurredAt }])})`,
    );
    // A new tier starts its level-ups from level 1 again.
    update.set("levelAwarded", 1);
  }
  return update.update(keys.gamificationAccount(entry.username));
}

/** The buckets' updates; none when the entry adds nothing a total keeps. */
export function periodUpdates(
  username: string,
  occurredAt: string,
  periodKeys: PeriodKeys,
  effective: EffectiveDeltas,
): TransactItem[] {
  const counters = Object.entries(effective.counters);
  const earned = Math.max(0, effective.coins);
  const changesPoints = effective.pointsProvisional !== 0 || effective.pointsConfirmed !== 0;
  if (!changesPoints && effective.xp === 0 && earned === 0 && counters.length === 0) return [];
  const items: TransactItem[] = [];
  for (const period of ["day", "week", "month", "season", "all"] as const) {
    const periodKey = periodKeys[period];
    if (periodKey === undefined) continue;
    const update = new UpdateBuilder();
    update.set("username", username);
    update.set("type", "gamificationTotals");
    update.set("period", period);
    update.set("periodKey", periodKey);
    const listing = keys.periodTotalsOfUser(username, period, periodKey);
    update.set("gsi1pk", listing.gsi1pk);
    update.set("gsi1sk", listing.gsi1sk);
    update.add("pointsProvisional", effective.pointsProvisional);
    update.add("pointsConfirmed", effective.pointsConfirmed);
    update.add("xp", effective.xp);
    update.add("coinsEarned", earned);
    if (changesPoints) update.set(`${reachedPrefix}points`, occurredAt);
    if (effective.xp !== 0) update.set(`${reachedPrefix}xp`, occurredAt);
    for (const [name, delta] of counters) {
      update.add(`${counterPrefix}${name}`, delta);
      update.set(`${reachedPrefix}${name}`, occurredAt);
    }
    items.push(update.update(keys.periodTotals(period, periodKey, username)));
  }
  return items;
}

function ledgerPut(
  entry: LedgerEntryInput,
  effective: EffectiveDeltas,
  accountSet: Record<string, unknown> | undefined,
): TransactItem {
  return {
    Put: {
      TableName: table(),
      Item: {
        ...keys.ledgerEntry(entry.username, entry.eventKey),
        type: "ledgerEntry",
        username: entry.username,
        eventKey: entry.eventKey,
        kind: entry.kind,
        occurredAt: entry.occurredAt,
        appliedAt: new Date().toISOString(),
        effective,
        // Replayed by the rebuild with the deltas (level awarded, best streak, shielded days).
        ...(accountSet ? { accountSet } : {}),
        ...(entry.detail ? { detail: entry.detail } : {}),
      },
      // The exactly-once guard: a key used before cancels the whole transaction.
      ConditionExpression: "attribute_not_exists(pk)",
    },
  };
}

/** The prestige tier in force at an instant, from the account's history. */
export function tierAt(account: Pick<GamificationAccount, "prestigeHistory">, at: string): number {
  return account.prestigeHistory.filter((step) => step.at <= at).length;
}

/**
 * Applies a ledger entry exactly once: one transaction holds the entry (its
 * key not yet used), the account update (coins and inventory never below 0)
 * and the day / ISO week / month / season / all-time totals, plus `also`.
 * A used key answers `{ applied: false }` and changes nothing.
 */
export async function applyLedgerEntry(
  entry: LedgerEntryInput,
  also: TransactItem[] = [],
): Promise<{ applied: boolean }> {
  const result = await applyLedger(entry, also);
  return { applied: result.applied };
}

export async function applyLedger(
  entry: LedgerEntryInput,
  also: TransactItem[] = [],
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  if (!entry.username || !entry.eventKey)
    throw new RangeError("a ledger entry needs a username and an event key");
  if (Number.isNaN(Date.parse(entry.occurredAt))) throw new RangeError("occurredAt is not an instant");
  const [settings, timeZone, accountItem] = await Promise.all([
    gamificationSettings(),
    slotTimeZone(),
    options.accountRead ? options.accountRead.item : readAccountItem(entry.username),
  ]);
  const account = accountFromItem(entry.username, accountItem, settings);
  const date = localDate(new Date(entry.occurredAt), timeZone);
  const effective = effectiveDeltas(entry, {
    date,
    prestigeTier: account.prestigeTier,
    settings,
    ...(options.exactXp ? { exactXp: true } : {}),
  });
  // Refused before writing when the balance read already says no; the write's condition covers races.
  if (account.coins + effective.coins < 0 || account.coins < (entry.requiresCoins ?? 0))
    throw new InsufficientCoinsError();
  for (const field of inventoryFields) {
    if (account[field] + effective.inventory[field] < 0)
      throw new InsufficientCoinsError(`insufficient ${field}`);
  }
  const periodKeys = periodKeysAt(entry.occurredAt, timeZone, settings);
  const items = [
    ledgerPut(entry, effective, options.accountSet),
    accountUpdate(entry, effective, options),
    ...periodUpdates(entry.username, entry.occurredAt, periodKeys, effective),
  ];
  const alsoStart = items.length;
  items.push(...also);
  if (items.length > 100) throw new RangeError("a ledger entry's transaction holds at most 100 items");
  const result = await transactWrite(items);
  if (!result.ok) {
    if (result.failed[0]) return { applied: false, reason: "duplicate" };
    if (result.failed[1]) throw new InsufficientCoinsError();
    if (result.failed.slice(alsoStart).some(Boolean)) return { applied: false, reason: "also" };
    throw new StoreBusyError(new Error("ledger transaction cancelled"));
  }
  // Only when this entry reaches a level not yet awarded (or prestiges): most entries cost no
  // further read. One whose crossing a concurrent entry hid is awarded by the agent's next entry.
  const reachesNewLevel =
    effective.xp > 0 && levelFor(account.xp + effective.xp, settings) > account.levelAwarded;
  if (!options.skipLevelUps && (reachesNewLevel || effective.prestige)) {
    await awardLevelUps(entry.username, entry.occurredAt);
  }
  return { applied: true, effective };
}

/** Event type of a level-up in the outbox (badges for levels react to it). */
export const levelUpEventType = "gamification.level_up";

/** The level-up's key: `levelUp:<username>:<level>`, with the tier after a prestige. */
export function levelUpKey(username: string, level: number, tier: number): string {
  return tier === 0 ? `levelUp:${username}:${level}` : `levelUp:${username}:${level}:p${tier}`;
}

/**
 * Awards every level reached but not yet awarded: a ledger entry each (coins
 * = 25 × the new level), the level-up kept in the agent's history (unseen),
 * and a `gamification.level_up` outbox event. Keyed, so a crash between the
 * XP write and this only delays it to the next entry.
 */
export async function awardLevelUps(username: string, occurredAt: string): Promise<number[]> {
  const [settings, item] = await Promise.all([gamificationSettings(), readAccountItem(username)]);
  const account = accountFromItem(username, item, settings);
  const awarded: number[] = [];
  for (let level = account.levelAwarded + 1; level <= account.level; level++) {
    const tier = account.prestigeTier;
    const eventKey = levelUpKey(username, level, tier);
    const eventId = eventKey;
    const history: TransactItem = {
      Put: {
        TableName: table(),
        Item: {
          ...keys.levelUp(username, tier, level),
          type: "levelUp",
          username,
          level,
          tier,
          at: occurredAt,
          seen: false,
        },
      },
    };
    const outbox: TransactItem = {
      Put: {
        TableName: table(),
        Item: {
          ...keys.outbox(`levelup-${username}`, occurredAt, eventId),
          type: "outbox",
          eventId,
          eventType: levelUpEventType,
          occurredAt,
          payload: { username, level, tier },
          expiresAt: Math.floor(Date.now() / 1000) + 7 * 24 * 60 * 60,
        },
      },
    };
    const result = await applyLedger(
      {
        username,
        eventKey,
        occurredAt,
        kind: "levelUp",
        coins: settings.levelUpCoinsPerLevel * level,
        detail: { level, tier },
      },
      [history, outbox],
      { accountSet: { levelAwarded: level }, skipLevelUps: true },
    );
    if (result.applied) awarded.push(level);
  }
  return awarded;
}
