import { describe, expect, it } from "vitest";
import {
  rarities,
  type ShopSlot,
  seasonIds,
  shopCatalogue,
  shopItem,
  shopSlots,
  type UnlockCondition,
} from "../../../shared/domain/gamification/catalogue/shop.ts";
import { masteryTracks } from "../../../shared/domain/gamification/mastery.ts";
import { seasonOn } from "../../../shared/domain/gamification/periods.ts";
import { defaultGamificationSettings } from "../../../shared/domain/gamification/settings.ts";
import { pickMysteryItem, purchaseRefusal, shopView } from "../../../shared/domain/gamification/shop.ts";
import { conditionMet, isOffered, type UnlockFacts } from "../../../shared/domain/gamification/unlocks.ts";

const inSlot = (slot: ShopSlot) => shopCatalogue.filter((item) => item.slot === slot);
const nobody: UnlockFacts = {};
/** The season running on a date under the default settings, as the server computes it. */
const seasonAt = (date: string): string | undefined => seasonOn(date, defaultGamificationSettings)?.season.id;

/** Facts that meet exactly this condition, built from the condition itself. */
function factsMeeting(condition: UnlockCondition): UnlockFacts {
  switch (condition.kind) {
    case "level":
      return { level: condition.level };
    case "prestige":
      return { prestigeTier: condition.tier };
    case "streak":
      return { bestStreak: condition.days };
    case "milestone":
      return { bookings: condition.bookings };
    case "badgeRarity":
      return { badgeRarities: [condition.rarity] };
    case "mastery":
      return { mastery: { [condition.track]: condition.level } };
    case "season":
      return {
        season: seasonAt(
          { spring: "2026-04-01", summer: "2026-07-10", autumn: "2026-10-01", winter: "2026-12-15" }[
            condition.season
          ],
        ),
      };
  }
}

describe("shop catalogue", () => {
  it("has at least the counts per slot the product promises", () => {
    expect(inSlot("title").length).toBeGreaterThanOrEqual(18);
    expect(inSlot("theme")).toHaveLength(6);
    expect(inSlot("avatar").length).toBeGreaterThanOrEqual(22);
    expect(inSlot("frame").length).toBeGreaterThanOrEqual(11);
    expect(inSlot("effect").length).toBeGreaterThanOrEqual(10);
    expect(new Set(shopCatalogue.map((item) => item.slot))).toEqual(new Set(shopSlots));
  });

  it("has unique ids and a German and an English name for every item", () => {
    const ids = shopCatalogue.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const item of shopCatalogue) {
      expect(item.id).toMatch(/^[a-z0-9-]+$/);
      expect(item.name.de.trim(), item.id).not.toBe("");
      expect(item.name.en.trim(), item.id).not.toBe("");
      expect(rarities).toContain(item.rarity);
    }
  });

  it("keeps prices in the ranges of each slot", () => {
    for (const title of inSlot("title")) expect(title.price).toBeGreaterThanOrEqual(50);
    for (const title of inSlot("title")) expect(title.price).toBeLessThanOrEqual(2000);
    for (const avatar of inSlot("avatar"))
      expect([avatar.price >= 50, avatar.price <= 500]).toEqual([true, true]);
    expect(shopItem("title-rookie")).toMatchObject({ name: { de: "Buchungs-Neuling" }, price: 50 });
    expect(shopItem("title-slot-kaiser")).toMatchObject({ name: { de: "Slot-Kaiser" }, price: 900 });
    expect(shopItem("title-booking-deity")).toMatchObject({
      name: { de: "✨ Buchungs-Gottheit" },
      price: 2000,
    });
    expect(inSlot("title").some((item) => item.name.de === "☕ Koffein-Junkie")).toBe(true);
    expect(shopItem("theme-standard")?.price).toBe(0);
    expect(shopItem("theme-sunset")).toMatchObject({ name: { de: "Sonnenuntergang-Vibes" }, price: 200 });
    expect(shopItem("theme-rainbow")).toMatchObject({ name: { de: "Regenbogen-Explosion" }, price: 1000 });
    expect(shopItem("theme-cosmic")?.name.de).toBe("Kosmisch");
    expect(shopItem("theme-emerald")?.name.de).toBe("Smaragd");
  });

  it("gives every avatar an emoji and every effect a kind", () => {
    for (const avatar of inSlot("avatar")) expect(avatar.emoji, avatar.id).toBeTruthy();
    for (const effect of inSlot("effect")) expect(effect.effect, effect.id).toBeTruthy();
    const kinds = new Set(inSlot("effect").map((effect) => effect.effect));
    expect(kinds).toEqual(new Set(["booking", "trail", "sound", "aura"]));
  });

  it("covers every kind of unlock condition, each with values the product can reach", () => {
    const conditions = shopCatalogue.flatMap((item) => item.unlocks);
    expect(new Set(conditions.map((condition) => condition.kind))).toEqual(
      new Set(["level", "prestige", "streak", "milestone", "badgeRarity", "mastery", "season"]),
    );
    for (const condition of conditions) {
      if (condition.kind === "prestige") expect(condition.tier).toBeLessThanOrEqual(6);
      if (condition.kind === "mastery") {
        expect(masteryTracks).toContain(condition.track);
        expect(condition.level).toBeLessThanOrEqual(5);
      }
      if (condition.kind === "season") expect(seasonIds).toContain(condition.season);
      if (condition.kind === "streak") expect(condition.days).toBeLessThanOrEqual(60); // the streak look-back
    }
  });

  it("can check every item's every condition: met with the facts it names, not met without them", () => {
    for (const item of shopCatalogue) {
      for (const condition of item.unlocks) {
        expect(conditionMet(condition, factsMeeting(condition)), `${item.id} ${condition.kind}`).toBe(true);
        const outside = condition.kind === "season" ? { season: seasonAt("2026-05-10") } : nobody;
        expect(conditionMet(condition, outside), `${item.id} ${condition.kind}`).toBe(false);
      }
    }
  });

  it("offers the two seasonal frames only in their season", () => {
    const seasonal = inSlot("frame").filter((frame) => frame.unlocks.some((c) => c.kind === "season"));
    expect(seasonal.map((frame) => frame.id).sort()).toEqual(["frame-summer", "frame-winter"]);
    expect(isOffered(shopItem("frame-winter")!, seasonAt("2026-12-15"))).toBe(true);
    expect(isOffered(shopItem("frame-winter")!, seasonAt("2028-02-29"))).toBe(true);
    expect(isOffered(shopItem("frame-winter")!, seasonAt("2026-07-10"))).toBe(false);
    expect(isOffered(shopItem("frame-summer")!, seasonAt("2026-07-10"))).toBe(true);
    expect(isOffered(shopItem("frame-summer")!, seasonAt("2026-05-10"))).toBe(false);
    expect(isOffered(shopItem("avatar-cat")!, undefined)).toBe(true);
    const view = shopView(new Set(), {}, { season: "summer" }, 0).map((entry) => entry.item.id);
    expect(view).toContain("frame-summer");
    expect(view).not.toContain("frame-winter");
    // Owned out of season: still listed (to wear), not offered to buy.
    const owned = shopView(new Set(["frame-winter"]), {}, { season: "summer" }, 0);
    expect(owned.find((entry) => entry.item.id === "frame-winter")?.owned).toBe(true);
  });

  it("unlocks the Centurion frame at the 100-bookings milestone and the legendary aura at 500", () => {
    expect(shopItem("frame-centurion")?.unlocks).toEqual([{ kind: "milestone", bookings: 100 }]);
    expect(shopItem("effect-legendary-aura")?.unlocks).toEqual([{ kind: "milestone", bookings: 500 }]);
    const rich = 10_000;
    expect(purchaseRefusal(shopItem("frame-centurion"), new Set(), { bookings: 99 }, rich)).toMatchObject({
      reason: "locked",
      missing: [{ kind: "milestone", bookings: 100 }],
    });
    expect(purchaseRefusal(shopItem("frame-centurion"), new Set(), { bookings: 100 }, rich)).toBeUndefined();
  });

  it("treats a rarer badge as meeting a badge-rarity condition", () => {
    expect(conditionMet({ kind: "badgeRarity", rarity: "rare" }, { badgeRarities: ["mythic"] })).toBe(true);
    expect(conditionMet({ kind: "badgeRarity", rarity: "rare" }, { badgeRarities: ["uncommon"] })).toBe(
      false,
    );
  });

  it("refuses what is owned or unaffordable", () => {
    const cat = shopItem("avatar-cat");
    expect(purchaseRefusal(cat, new Set(["avatar-cat"]), nobody, 500)).toEqual({ reason: "owned" });
    expect(purchaseRefusal(cat, new Set(), nobody, 49)).toEqual({
      reason: "insufficientCoins",
      price: 50,
      coins: 49,
    });
    expect(purchaseRefusal(shopItem("theme-standard"), new Set(), nobody, 0)).toEqual({ reason: "owned" });
    expect(purchaseRefusal(undefined, new Set(), nobody, 0)).toEqual({ reason: "unknown" });
  });

  it("draws the mystery box from common cosmetics not owned yet", () => {
    const commons = shopCatalogue.filter((item) => item.rarity === "common" && item.price > 0);
    for (const random of [0, 0.3, 0.999]) {
      const prize = pickMysteryItem(new Set(["avatar-cat"]), random);
      expect(prize?.rarity).toBe("common");
      expect(prize?.id).not.toBe("avatar-cat");
    }
    expect(pickMysteryItem(new Set(commons.map((item) => item.id)), 0.5)).toBeUndefined();
  });

  it("has at least 20 unconditioned items at 50 coins (the concurrent-purchase test buys them)", () => {
    expect(
      shopCatalogue.filter((item) => item.price === 50 && item.unlocks.length === 0).length,
    ).toBeGreaterThanOrEqual(20);
  });
});
