import * as z from "zod";
import { rarities, seasonIds, shopSlots } from "../domain/gamification/catalogue/shop.ts";
import { masteryTracks } from "../domain/gamification/mastery.ts";

const texts = z.object({ de: z.string(), en: z.string() });

export const shopSlotSchema = z.enum(shopSlots);
export const raritySchema = z.enum(rarities);

export const unlockConditionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("level"), level: z.int() }),
  z.object({ kind: z.literal("badgeRarity"), rarity: raritySchema }),
  z.object({ kind: z.literal("prestige"), tier: z.int() }),
  z.object({ kind: z.literal("streak"), days: z.int() }),
  z.object({ kind: z.literal("mastery"), track: z.enum(masteryTracks), level: z.int() }),
  z.object({ kind: z.literal("milestone"), bookings: z.int() }),
  z.object({ kind: z.literal("season"), season: z.enum(seasonIds) }),
]);

/** An item as worn: enough to show it (next to a name, on a leaderboard). */
export const equippedItemSchema = z
  .object({
    id: z.string(),
    slot: shopSlotSchema,
    name: texts,
    rarity: raritySchema,
    emoji: z.string().optional(),
    effect: z.enum(["booking", "trail", "sound", "aura"]).optional(),
  })
  .meta({ id: "EquippedItem" });

export const equippedSchema = z
  .object({
    title: equippedItemSchema.optional(),
    theme: equippedItemSchema.optional(),
    avatar: equippedItemSchema.optional(),
    frame: equippedItemSchema.optional(),
    effect: equippedItemSchema.optional(),
  })
  .meta({ id: "Equipped" });

export const shopEntrySchema = equippedItemSchema
  .extend({
    price: z.int(),
    owned: z.boolean(),
    equipped: z.boolean(),
    locked: z.boolean(),
    /** In the caller's language, e.g. "ab Level 5"; absent when unlocked. */
    lockedReason: z.string().optional(),
    unlocks: z.array(unlockConditionSchema),
    affordable: z.boolean(),
  })
  .meta({ id: "ShopEntry" });

export const shopSchema = z
  .object({ coins: z.int(), items: z.array(shopEntrySchema), equipped: equippedSchema })
  .meta({ id: "Shop" });

export const shopItemParamsSchema = z.object({
  itemId: z
    .string()
    .min(1)
    .max(60)
    .regex(/^[a-z0-9-]+$/),
});
export const shopSlotParamsSchema = z.object({ slot: shopSlotSchema });

export const purchaseResultSchema = z
  .object({ itemId: z.string(), coins: z.int(), equipped: equippedSchema })
  .meta({ id: "PurchaseResult" });
