import {
  isFreeDefault,
  type ShopItem,
  type ShopSlot,
  shopCatalogue,
  shopSlots,
  type UnlockCondition,
} from "./catalogue/shop.ts";
import { isOffered, type UnlockFacts, unmetConditions } from "./unlocks.ts";

/** One active item per slot; an empty slot shows the default. */
export type Equipped = Partial<Record<ShopSlot, string>>;

export interface ShopEntry {
  item: ShopItem;
  owned: boolean;
  equipped: boolean;
  /** Not met yet; empty when unlocked. */
  missing: UnlockCondition[];
  affordable: boolean;
}

/** The catalogue as one agent sees it: seasonal items out of season only when already owned. */
export function shopView(
  owned: ReadonlySet<string>,
  equipped: Equipped,
  facts: UnlockFacts,
  coins: number,
): ShopEntry[] {
  return shopCatalogue
    .filter((item) => isOffered(item, facts.season) || owned.has(item.id))
    .map((item) => {
      const isOwned = owned.has(item.id) || isFreeDefault(item);
      return {
        item,
        owned: isOwned,
        equipped: equipped[item.slot] === item.id,
        missing: isOwned ? [] : unmetConditions(item, facts),
        affordable: coins >= item.price,
      };
    });
}

export type PurchaseRefusal =
  | { reason: "unknown" }
  | { reason: "owned" }
  | { reason: "notOffered" }
  | { reason: "locked"; missing: UnlockCondition[] }
  | { reason: "insufficientCoins"; price: number; coins: number };

/**
 * Whether the agent may buy the item now. The coin check here only gives a
 * good answer early; the ledger's conditional write is what keeps the balance
 * from going negative when purchases race.
 */
export function purchaseRefusal(
  item: ShopItem | undefined,
  owned: ReadonlySet<string>,
  facts: UnlockFacts,
  coins: number,
): PurchaseRefusal | undefined {
  if (!item) return { reason: "unknown" };
  if (owned.has(item.id) || isFreeDefault(item)) return { reason: "owned" };
  if (!isOffered(item, facts.season)) return { reason: "notOffered" };
  const missing = unmetConditions(item, facts);
  if (missing.length > 0) return { reason: "locked", missing };
  if (coins < item.price) return { reason: "insufficientCoins", price: item.price, coins };
  return undefined;
}

/** Only what the agent owns can be worn; the free default theme is always owned. */
export function canEquip(item: ShopItem | undefined, owned: ReadonlySet<string>): item is ShopItem {
  return item !== undefined && (owned.has(item.id) || isFreeDefault(item));
}

export function isShopSlot(value: string): value is ShopSlot {
  return (shopSlots as readonly string[]).includes(value);
}

/**
 * The mystery box's prize: a common cosmetic the agent does not own yet,
 * chosen by `random` in [0, 1) (seeded by the caller to make a replay choose
 * the same). Undefined when every common cosmetic is owned.
 */
export function pickMysteryItem(owned: ReadonlySet<string>, random: number): ShopItem | undefined {
  const candidates = shopCatalogue.filter(
    (item) =>
      item.rarity === "common" &&
      !isFreeDefault(item) &&
      !owned.has(item.id) &&
      item.unlocks.every((condition) => condition.kind !== "season"),
  );
  if (candidates.length === 0) return undefined;
  return candidates[Math.min(candidates.length - 1, Math.floor(random * candidates.length))];
}
