import type { Language } from "../../shared/contracts/messages.ts";
import {
  equipItem,
  getEquipped,
  loadUnlockFacts,
  purchaseItem,
  readInventory,
  unequipSlot,
} from "../../shared/data/gamification/shop-repository.ts";
import type { PurchaseRefusal } from "../../shared/domain/gamification/shop.ts";
import { shopView } from "../../shared/domain/gamification/shop.ts";
import { HttpError } from "../../shared/http/errors.ts";
import { createFeatureHandler } from "../../shared/http/pipeline.ts";
import { pipelineOptions } from "../../shared/http/pipeline-options.ts";
import { unlockText, unlockTexts } from "./unlock-text.ts";

const itemField = "params.itemId";

/** Each refusal as the client sees it: the status, and the field that names the reason. */
function refusalError(refusal: PurchaseRefusal, language: Language): HttpError {
  switch (refusal.reason) {
    case "unknown":
      return new HttpError("not_found", "shop.unknownItem", { fields: { [itemField]: "shop.unknownItem" } });
    case "owned":
      return new HttpError("conflict", "shop.alreadyOwned", { fields: { [itemField]: "shop.alreadyOwned" } });
    case "notOffered":
      return new HttpError("conflict", "shop.notOffered", { fields: { [itemField]: "shop.notOffered" } });
    case "locked": {
      const reason = unlockTexts(refusal.missing, language);
      const fields: Record<string, { id: "shop.lockedField"; params: { reason: string } }> = {
        [itemField]: { id: "shop.lockedField", params: { reason } },
      };
      // One field per unmet condition (`unlock.level`, `unlock.milestone`, …), so a client can point at it.
      for (const condition of refusal.missing) {
        fields[`unlock.${condition.kind}`] = {
          id: "shop.lockedField",
          params: { reason: unlockText(condition, language) },
        };
      }
      return new HttpError("forbidden", { id: "shop.locked", params: { reason } }, { fields });
    }
    case "insufficientCoins":
      return new HttpError(
        "conflict",
        { id: "shop.insufficientCoins", params: { price: refusal.price, coins: refusal.coins } },
        { fields: { coins: "shop.insufficientCoinsField" } },
      );
  }
}

/**
 * The cosmetics shop. Every check (price, ownership, unlock conditions) is
 * made here on the server from the stored facts; the site only shows them.
 */
export const handler = createFeatureHandler(
  "shop",
  {
    async getShop({ principal, language }) {
      const [facts, inventory, equipped] = await Promise.all([
        loadUnlockFacts(principal.username),
        readInventory(principal.username),
        getEquipped(principal.username),
      ]);
      const items = shopView(inventory.owned, inventory.equipped, facts, facts.coins).map((entry) => ({
        id: entry.item.id,
        slot: entry.item.slot,
        name: entry.item.name,
        rarity: entry.item.rarity,
        ...(entry.item.emoji ? { emoji: entry.item.emoji } : {}),
        ...(entry.item.effect ? { effect: entry.item.effect } : {}),
        price: entry.item.price,
        owned: entry.owned,
        equipped: entry.equipped,
        locked: entry.missing.length > 0,
        ...(entry.missing.length > 0 ? { lockedReason: unlockTexts(entry.missing, language) } : {}),
        unlocks: [...entry.item.unlocks],
        affordable: entry.affordable,
      }));
      return { coins: facts.coins, items, equipped };
    },

    async purchaseShopItem({ principal, params, language }) {
      const outcome = await purchaseItem(principal.username, params.itemId);
      if (!outcome.ok) throw refusalError(outcome.refusal, language);
      return {
        itemId: outcome.item.id,
        coins: outcome.coins,
        equipped: await getEquipped(principal.username),
      };
    },

    async equipShopItem({ principal, params }) {
      const result = await equipItem(principal.username, params.itemId);
      if (result === "unknown") {
        throw new HttpError("not_found", "shop.unknownItem", { fields: { [itemField]: "shop.unknownItem" } });
      }
      if (result === "notOwned") {
        throw new HttpError("conflict", "shop.notOwned", { fields: { [itemField]: "shop.notOwned" } });
      }
      return getEquipped(principal.username);
    },

    async unequipShopSlot({ principal, params }) {
      await unequipSlot(principal.username, params.slot);
      return getEquipped(principal.username);
    },

    // Worn cosmetics are what others see next to a name (leaderboards), so any signed-in user may read them.
    async getEquipped({ params }) {
      return getEquipped(params.username);
    },
  },
  pipelineOptions(),
);
