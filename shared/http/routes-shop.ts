import {
  equippedSchema,
  purchaseResultSchema,
  shopItemParamsSchema,
  shopSchema,
  shopSlotParamsSchema,
} from "../contracts/shop.ts";
import { usernameParamsSchema } from "../contracts/user-records.ts";
import type { RouteDefinition } from "./route-types.ts";

export const shopRoutes = {
  getShop: {
    method: "GET",
    path: "/api/gamification/shop",
    feature: "shop",
    role: "agent",
    summary:
      "The cosmetics catalogue as the caller sees it (owned, equipped, locked with the reason) and the coin balance",
    tags: ["gamification"],
    response: { status: 200, schema: shopSchema },
  },
  purchaseShopItem: {
    method: "POST",
    path: "/api/gamification/shop/{itemId}/purchase",
    feature: "shop",
    role: "agent",
    summary: "Buy an item with coins (once; atomic with the coin balance, which never goes negative)",
    tags: ["gamification"],
    request: { params: shopItemParamsSchema },
    response: { status: 200, schema: purchaseResultSchema },
  },
  equipShopItem: {
    method: "POST",
    path: "/api/gamification/shop/{itemId}/equip",
    feature: "shop",
    role: "agent",
    summary: "Wear an owned item (replaces the item in its slot)",
    tags: ["gamification"],
    request: { params: shopItemParamsSchema },
    response: { status: 200, schema: equippedSchema },
  },
  unequipShopSlot: {
    method: "POST",
    path: "/api/gamification/shop/slots/{slot}/unequip",
    feature: "shop",
    role: "agent",
    summary: "Take off the item in a slot (title, theme, avatar, frame, effect)",
    tags: ["gamification"],
    request: { params: shopSlotParamsSchema },
    response: { status: 200, schema: equippedSchema },
  },
  getEquipped: {
    method: "GET",
    path: "/api/gamification/equipped/{username}",
    feature: "shop",
    role: "agent",
    summary: "What a user wears (title, theme, avatar, frame, effect): shown next to names",
    tags: ["gamification"],
    request: { params: usernameParamsSchema },
    response: { status: 200, schema: equippedSchema },
  },
} as const satisfies Record<string, RouteDefinition>;
