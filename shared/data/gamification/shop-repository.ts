import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { config } from "../../config.ts";
import { localDate } from "../../domain/booking/local-date.ts";
import {
  isFreeDefault,
  type Rarity,
  rarities,
  type ShopItem,
  type ShopSlot,
  shopItem,
  shopSlots,
} from "../../domain/gamification/catalogue/shop.ts";
import { type MasteryTrack, masteryTracks } from "../../domain/gamification/mastery.ts";
import { seasonOn } from "../../domain/gamification/periods.ts";
import {
  canEquip,
  type Equipped,
  type PurchaseRefusal,
  pickMysteryItem,
  purchaseRefusal,
} from "../../domain/gamification/shop.ts";
import type { UnlockFacts } from "../../domain/gamification/unlocks.ts";
import { slotTimeZone } from "../booking-settings.ts";
import { dynamoClient } from "../clients.ts";
import { StoreBusyError } from "../errors.ts";
import { keys } from "../keys.ts";
import { type TransactItem, transactWrite } from "../transactions.ts";
import { listEarnedBadges, listMasteryClaims } from "./badges-repository.ts";
import { applyLedgerEntry, getAccount, InsufficientCoinsError } from "./ledger-repository.ts";
import { gamificationSettings } from "./ledger-settings.ts";

const isRarity = (value: string): value is Rarity => (rarities as readonly string[]).includes(value);
const isMasteryTrack = (value: string): value is MasteryTrack =>
  (masteryTracks as readonly string[]).includes(value);

/** What a worn item shows, in both languages (the caller picks). */
export interface EquippedItem {
  id: string;
  slot: ShopSlot;
  name: { de: string; en: string };
  rarity: ShopItem["rarity"];
  emoji?: string;
  effect?: ShopItem["effect"];
}
export type EquippedView = Partial<Record<ShopSlot, EquippedItem>>;

function display(item: ShopItem): EquippedItem {
  return {
    id: item.id,
    slot: item.slot,
    name: item.name,
    rarity: item.rarity,
    ...(item.emoji ? { emoji: item.emoji } : {}),
    ...(item.effect ? { effect: item.effect } : {}),
  };
}

/** Ids in a slot that no longer name a catalogue item of that slot are dropped, not shown. */
function toView(equipped: Equipped): EquippedView {
  const view: EquippedView = {};
  for (const slot of shopSlots) {
    const item = equipped[slot] ? shopItem(equipped[slot]) : undefined;
    if (item && item.slot === slot) view[slot] = display(item);
  }
  return view;
}

function equippedOf(item: Record<string, unknown> | undefined): Equipped {
  const equipped: Equipped = {};
  for (const slot of shopSlots) {
    const value = item?.[slot];
    if (typeof value === "string") equipped[slot] = value;
  }
  return equipped;
}

/** One Query: every owned item and what is worn. */
export async function readInventory(username: string): Promise<{ owned: Set<string>; equipped: Equipped }> {
  const owned = new Set<string>();
  let equipped: Equipped = {};
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await dynamoClient().send(
      new QueryCommand({
        TableName: config().TABLE_NAME,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": keys.shopPartition(username) },
        ExclusiveStartKey: cursor,
        ConsistentRead: true,
      }),
    );
    for (const item of page.Items ?? []) {
      if (item.sk === keys.shopEquipped(username).sk) equipped = equippedOf(item);
      else if (String(item.sk).startsWith("ITEM#") && typeof item.itemId === "string") owned.add(item.itemId);
    }
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return { owned, equipped };
}

/** What a user wears, with display data (the progress API, leaderboards and the header show it). */
export async function getEquipped(username: string): Promise<EquippedView> {
  const result = await dynamoClient().send(
    new GetCommand({ TableName: config().TABLE_NAME, Key: keys.shopEquipped(username) }),
  );
  return toView(equippedOf(result.Item));
}

/**
 * The facts the unlock conditions are checked against, read on the server:
 * level, prestige tier, best streak and all-time bookings from the ledger
 * account, earned badges and claimed mastery levels from the achievements,
 * and the season running now from the gamification settings.
 */
export async function loadUnlockFacts(
  username: string,
  now: Date = new Date(),
): Promise<UnlockFacts & { coins: number }> {
  const [account, badges, claims, settings, timeZone] = await Promise.all([
    getAccount(username),
    listEarnedBadges(username),
    listMasteryClaims(username),
    gamificationSettings(),
    slotTimeZone(),
  ]);
  const mastery: Partial<Record<MasteryTrack, number>> = {};
  for (const claim of claims) {
    if (!isMasteryTrack(claim.track)) continue;
    mastery[claim.track] = Math.max(mastery[claim.track] ?? 0, claim.level);
  }
  const season = seasonOn(localDate(now, timeZone), settings)?.season.id;
  return {
    coins: account.coins,
    level: account.level,
    prestigeTier: account.prestigeTier,
    bestStreak: account.streaks.best,
    // The account's counters are all-time totals (a booking adds 1, a cancellation takes it back).
    bookings: account.counters.bookings ?? 0,
    badgeRarities: badges.map((badge) => badge.rarity).filter(isRarity),
    mastery,
    ...(season ? { season } : {}),
  };
}

/** The ownership item; its condition makes a second copy of the same item impossible. */
export function ownershipPut(
  username: string,
  itemId: string,
  source: "shop" | "mysteryBox",
  at: string,
): TransactItem {
  return {
    Put: {
      TableName: config().TABLE_NAME,
      Item: {
        ...keys.shopOwned(username, itemId),
        type: "shopOwned",
        username,
        itemId,
        source,
        acquiredAt: at,
      },
      ConditionExpression: "attribute_not_exists(pk)",
    },
  };
}

/**
 * Purchases race for one account item; the transaction layer retries a few
 * times, and a burst of them (a double click storm, the concurrency test) may
 * still find it busy: a few more spaced attempts before answering 503.
 */
async function withRetryWhenBusy<T>(work: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof StoreBusyError) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200 * attempt));
    }
  }
}

export type PurchaseOutcome =
  | { ok: true; item: ShopItem; coins: number }
  | { ok: false; refusal: PurchaseRefusal };

/**
 * Buys an item: one ledger entry (coins −price, keyed so an item is bought
 * once) and the ownership item in the same transaction. The checks before it
 * give the early answer; the ledger's conditional account update is what keeps
 * the balance from going below zero when purchases race. Admins pay like
 * everyone else.
 */
export async function purchaseItem(
  username: string,
  itemId: string,
  now: Date = new Date(),
): Promise<PurchaseOutcome> {
  const item = shopItem(itemId);
  const [facts, inventory] = await Promise.all([loadUnlockFacts(username, now), readInventory(username)]);
  const refusal = purchaseRefusal(item, inventory.owned, facts, facts.coins);
  if (refusal || !item) return { ok: false, refusal: refusal ?? { reason: "unknown" } };
  const at = now.toISOString();
  try {
    const { applied } = await withRetryWhenBusy(() =>
      applyLedgerEntry(
        {
          username,
          eventKey: `shop:${username}:${item.id}`,
          occurredAt: at,
          kind: "shop",
          coins: -item.price,
          detail: { itemId: item.id, slot: item.slot, price: item.price },
        },
        [ownershipPut(username, item.id, "shop", at)],
      ),
    );
    if (!applied) return { ok: false, refusal: { reason: "owned" } };
  } catch (error) {
    if (error instanceof InsufficientCoinsError) {
      const { coins } = await getAccount(username);
      return { ok: false, refusal: { reason: "insufficientCoins", price: item.price, coins } };
    }
    throw error;
  }
  const { coins } = await getAccount(username);
  return { ok: true, item, coins };
}

/**
 * Wears an owned item; the transaction checks the ownership item still exists,
 * so wearing is never ahead of owning. The free default is worn by emptying
 * its slot.
 */
export async function equipItem(username: string, itemId: string): Promise<"ok" | "unknown" | "notOwned"> {
  const item = shopItem(itemId);
  if (!item) return "unknown";
  if (isFreeDefault(item)) {
    await unequipSlot(username, item.slot);
    return "ok";
  }
  const { owned } = await readInventory(username);
  if (!canEquip(item, owned)) return "notOwned";
  const result = await transactWrite([
    {
      ConditionCheck: {
        TableName: config().TABLE_NAME,
        Key: keys.shopOwned(username, item.id),
        ConditionExpression: "attribute_exists(pk)",
      },
    },
    {
      Update: {
        TableName: config().TABLE_NAME,
        Key: keys.shopEquipped(username),
        UpdateExpression: "SET #slot = :id, #type = :type, username = :username, updatedAt = :at",
        ExpressionAttributeNames: { "#slot": item.slot, "#type": "type" },
        ExpressionAttributeValues: {
          ":id": item.id,
          ":type": "shopEquipped",
          ":username": username,
          ":at": new Date().toISOString(),
        },
      },
    },
  ]);
  return result.ok ? "ok" : "notOwned";
}

export async function unequipSlot(username: string, slot: ShopSlot): Promise<void> {
  const result = await transactWrite([
    {
      Update: {
        TableName: config().TABLE_NAME,
        Key: keys.shopEquipped(username),
        UpdateExpression: "REMOVE #slot SET #type = :type, username = :username, updatedAt = :at",
        ExpressionAttributeNames: { "#slot": slot, "#type": "type" },
        ExpressionAttributeValues: {
          ":type": "shopEquipped",
          ":username": username,
          ":at": new Date().toISOString(),
        },
      },
    },
  ]);
  if (!result.ok) throw new StoreBusyError(new Error("unequip refused"));
}

/**
 * The wheel's mystery box: a random common cosmetic the agent does not own
 * yet, free of coins. `grantKey` (the spin's id) makes it exactly once: a
 * redelivered spin finds its grant and gets the same item back. `random` in
 * [0, 1) chooses the item. Undefined when every common cosmetic is owned.
 */
export async function grantItem(
  username: string,
  options: { grantKey: string; random: number; at?: string },
): Promise<ShopItem | undefined> {
  const marker = keys.shopGrant(username, options.grantKey);
  const earlier = async () => {
    const result = await dynamoClient().send(
      new GetCommand({ TableName: config().TABLE_NAME, Key: marker, ConsistentRead: true }),
    );
    return typeof result.Item?.itemId === "string"
      ? { found: true, item: shopItem(result.Item.itemId) }
      : { found: false };
  };
  const before = await earlier();
  if (before.found) return before.item;
  const { owned } = await readInventory(username);
  const item = pickMysteryItem(owned, options.random);
  if (!item) return undefined;
  const at = options.at ?? new Date().toISOString();
  const result = await transactWrite([
    {
      Put: {
        TableName: config().TABLE_NAME,
        Item: { ...marker, type: "shopGrant", username, itemId: item.id, grantedAt: at },
        ConditionExpression: "attribute_not_exists(pk)",
      },
    },
    ownershipPut(username, item.id, "mysteryBox", at),
  ]);
  // Refused: the same spin raced us (its grant stands) or the item was just bought.
  if (!result.ok) return (await earlier()).item;
  return item;
}
