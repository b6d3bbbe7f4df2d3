import { describe, expect, it } from "vitest";
import {
  badgeCoins,
  badgeEventKey,
  conditionProgress,
  evaluateBadges,
  nextBadges,
} from "../../../shared/domain/gamification/badges.ts";
import {
  badgeCatalogue,
  badgeCategories,
  badgesById,
  rarities,
  rarityRules,
} from "../../../shared/domain/gamification/catalogue/badges.ts";
import { masteryRules, masteryState, masteryTracks } from "../../../shared/domain/gamification/mastery.ts";
import {
  prestigeChange,
  prestigeMultiplier,
  prestigeStanding,
  prestigeTiers,
} from "../../../shared/domain/gamification/prestige.ts";

/** WCAG relative luminance and contrast, to check the rarity colours as the site uses them. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const channel = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
};

describe("badge catalogue", () => {
  it("has at least 50 badges with unique ids", () => {
    expect(badgeCatalogue.length).toBeGreaterThanOrEqual(50);
    expect(new Set(badgeCatalogue.map((badge) => badge.id)).size).toBe(badgeCatalogue.length);
  });

  it("covers all 6 rarities and every category", () => {
    expect(new Set(badgeCatalogue.map((badge) => badge.rarity))).toEqual(new Set(rarities));
    expect(new Set(badgeCatalogue.map((badge) => badge.category))).toEqual(new Set(badgeCategories));
  });

  it("gives every badge a German and English name and description and an emoji", () => {
    for (const badge of badgeCatalogue) {
      for (const text of [badge.name.de, badge.name.en, badge.description.de, badge.description.en]) {
        expect(text.trim().length, badge.id).toBeGreaterThan(2);
      }
      expect(badge.description.de, badge.id).not.toBe(badge.description.en);
      expect(badge.emoji.length, badge.id).toBeGreaterThan(0);
    }
  });

  it("uses the spec's colours, XP and weights per rarity", () => {
    expect(Object.fromEntries(rarities.map((rarity) => [rarity, rarityRules[rarity].colour]))).toEqual({
      common: "#10b981",
      uncommon: "#3b82f6",
      rare: "#8b5cf6",
      epic: "#f59e0b",
      legendary: "#eab308",
      mythic: "#ec4899",
    });
    expect(rarities.map((rarity) => rarityRules[rarity].xp)).toEqual([50, 100, 250, 500, 1000, 2500]);
    expect(rarities.map((rarity) => rarityRules[rarity].weight)).toEqual([1, 2, 4, 6, 10, 20]);
    expect(rarities.map((rarity) => badgeCoins(rarity))).toEqual([10, 20, 50, 100, 200, 500]);
    expect(badgeCoins("rare", true)).toBe(100);
  });

  it("readable text on every rarity colour: black text (as the site sets it) reaches 4.5:1", () => {
    for (const rarity of rarities) {
      expect(contrast(rarityRules[rarity].colour, "#000000"), rarity).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("starts from the spec's thresholds", () => {
    const thresholds = (category: string) =>
      badgeCatalogue
        .filter((badge) => badge.category === category)
        .map((badge) => ("atLeast" in badge.condition ? badge.condition.atLeast : undefined));
    expect(thresholds("pointsDay")).toEqual([10, 20, 40, 60]);
    expect(thresholds("pointsWeek")).toEqual([100, 200]);
    expect(thresholds("pointsMonth")).toEqual([10, 25, 50, 100]);
    expect(thresholds("pointsAllTime")).toEqual(expect.arrayContaining([50, 100, 250, 500]));
    expect(thresholds("streak")).toEqual(expect.arrayContaining([2, 5, 10, 20]));
    expect(thresholds("milestones")).toEqual(expect.arrayContaining([100, 500, 1000]));
    expect(thresholds("showRate")).toEqual([70, 80, 90]);
    expect(badgeCatalogue.filter((badge) => badge.category === "seasonal")).toHaveLength(4);
    expect(badgesById.get("friday-5")?.condition).toEqual({ metric: "fridayBookings", atLeast: 5 });
  });

  it("makes every Sammler threshold reachable: enough badges earnable once", () => {
    const onceOnly = badgeCatalogue.filter((badge) => badge.condition.metric !== "mvp");
    expect(onceOnly.length).toBeGreaterThanOrEqual(Math.max(...masteryRules.collector.thresholds));
  });
});

describe("evaluateBadges", () => {
  it("awards what the facts satisfy and nothing earned before", () => {
    const facts = { metrics: { pointsInDay: 25, bookings: 1, pointsAllTime: 60 } };
    expect(evaluateBadges(facts, []).map((badge) => badge.id)).toEqual([
      "day-10",
      "day-20",
      "total-50",
      "first-booking",
    ]);
    expect(evaluateBadges(facts, ["day-10", "first-booking"]).map((badge) => badge.id)).toEqual([
      "day-20",
      "total-50",
    ]);
  });

  it("checks the Friday, evening and morning counts (the old app never checked Fridays)", () => {
    const ids = (metrics: Record<string, number>) => evaluateBadges({ metrics }, []).map((badge) => badge.id);
    expect(ids({ fridayBookings: 4 })).toEqual([]);
    expect(ids({ fridayBookings: 5 })).toEqual(["friday-5"]);
    expect(ids({ eveningBookings: 10, morningBookings: 9 })).toEqual(["evening-10"]);
  });

  it("needs 20 resolved bookings before a show rate counts", () => {
    const ids = (resolved: number, shown: number) =>
      evaluateBadges({ metrics: {}, resolved, shown }, []).map((badge) => badge.id);
    expect(ids(19, 19)).toEqual([]);
    expect(ids(20, 14)).toEqual(["show-rate-70"]);
    expect(ids(20, 17)).toEqual(["show-rate-70", "show-rate-80"]);
    expect(ids(20, 18)).toEqual(["show-rate-70", "show-rate-80", "show-rate-90"]);
    expect(
      conditionProgress({ metric: "showRate", atLeast: 70, minResolved: 20 }, { metrics: {}, resolved: 5 }),
    ).toMatchObject({ current: 5, target: 20, unit: "resolved" });
  });

  it("counts season points only in the running season", () => {
    const facts = (id: "winter" | "spring") => ({ metrics: {}, season: { id, points: 120 } });
    expect(evaluateBadges(facts("winter"), []).map((badge) => badge.id)).toEqual(["season-winter"]);
    expect(evaluateBadges(facts("spring"), []).map((badge) => badge.id)).toEqual(["season-spring"]);
  });

  it("never returns MVP badges (the nightly job awards them per period)", () => {
    const everything = { metrics: Object.fromEntries(badgeCatalogue.map((b) => [b.condition.metric, 1e6])) };
    const ids = evaluateBadges({ ...everything, resolved: 100, shown: 100 }, []).map((badge) => badge.id);
    expect(ids).not.toContain("mvp-week");
    expect(ids.length).toBe(badgeCatalogue.length - 3 - 4); // 3 MVPs; no season running
  });

  it("keys awards once ever, MVP once per period", () => {
    expect(badgeEventKey("first-booking")).toBe("badge:first-booking");
    expect(badgeEventKey("mvp-week", "2026-W48")).toBe("badge:mvp-week:2026-W48");
  });
});

describe("progress toward the next badge", () => {
  it("names the locked badge of each category closest to being earned", () => {
    const next = nextBadges({ metrics: { pointsInDay: 15, bestStreak: 3 } }, ["day-10", "streak-2"]);
    const byCategory = Object.fromEntries(next.map((entry) => [entry.category, entry]));
    expect(byCategory.pointsDay?.badge.id).toBe("day-20");
    expect(byCategory.pointsDay?.progress).toMatchObject({ current: 15, target: 20, ratio: 0.75 });
    expect(byCategory.streak?.badge.id).toBe("streak-5");
    expect(byCategory.mvp).toBeUndefined();
  });
});

describe("mastery", () => {
  it("has 5 tracks × 5 ascending thresholds from the spec", () => {
    expect(masteryTracks).toHaveLength(5);
    expect(masteryRules.bookings.thresholds).toEqual([50, 150, 300, 500, 750]);
    expect(masteryRules.fastStarter.thresholds).toEqual([10, 25, 50, 100, 150]);
    expect(masteryRules.streak.thresholds).toEqual([7, 14, 30, 60, 100]);
    expect(masteryRules.collector.thresholds).toEqual([5, 12, 20, 30, 40]);
    expect(masteryRules.perfectionist.thresholds).toEqual([20, 50, 100, 200, 300]);
  });

  it("offers the next unclaimed reached level, one at a time", () => {
    expect(masteryState("bookings", 49, [])).toMatchObject({ reachedLevel: 0, nextThreshold: 50 });
    expect(masteryState("bookings", 49, []).claimable).toBeUndefined();
    expect(masteryState("bookings", 160, [])).toMatchObject({ reachedLevel: 2, claimable: 1 });
    expect(masteryState("bookings", 160, [1])).toMatchObject({ claimable: 2, nextThreshold: 300 });
    expect(masteryState("bookings", 160, [1, 2]).claimable).toBeUndefined();
    expect(masteryState("bookings", 800, [1, 2, 3, 4, 5]).nextThreshold).toBeUndefined();
  });
});

describe("prestige", () => {
  it("has 6 tiers at levels 10, 15, 20, 25, 30, 50", () => {
    expect(prestigeTiers.map((tier) => tier.level)).toEqual([10, 15, 20, 25, 30, 50]);
  });

  it("is eligible only at the next tier's level, and resets effective XP by an offset", () => {
    expect(prestigeStanding(0, 9).eligible).toBe(false);
    expect(prestigeChange(0, 9, 7000)).toBeUndefined();
    expect(prestigeChange(0, 10, 8200)).toEqual({ tierDelta: 1, xpOffset: 8200, prestigePoints: 10 });
    expect(prestigeStanding(1, 14).eligible).toBe(false);
    expect(prestigeStanding(1, 15).eligible).toBe(true);
    expect(prestigeStanding(6, 99)).toMatchObject({ eligible: false });
    expect(prestigeStanding(6, 99).next).toBeUndefined();
    expect(prestigeMultiplier(3)).toBeCloseTo(1.3);
  });
});

describe("what a booking counts toward and which periods are closed", async () => {
  const { bookingFlags, closedPeriods } = await import("../../../shared/gamification/achievements.ts");
  const booking = (date: string, time: string, start: string, createdAt: string, note?: string) => ({
    date,
    time,
    start,
    createdAt,
    ...(note === undefined ? {} : { note }),
  });

  it("flags evening (from 18:00), morning (09:00 to before 11:00), Friday, short-notice and noted bookings", () => {
    expect(
      bookingFlags(
        booking("2026-12-04", "09:00", "2026-12-04T08:00:00Z", "2026-12-03T10:00:00Z", " Rückruf "),
      ),
    ).toEqual({
      bookings: true,
      eveningBookings: false,
      morningBookings: true,
      fridayBookings: true,
      fastBookings: true,
      notedBookings: true,
    });
    expect(
      bookingFlags(booking("2026-12-01", "18:00", "2026-12-01T17:00:00Z", "2026-11-28T10:00:00Z", "  ")),
    ).toMatchObject({
      eveningBookings: true,
      morningBookings: false,
      fridayBookings: false,
      fastBookings: false,
      notedBookings: false,
    });
    expect(bookingFlags(booking("2026-12-01", "11:00", "x", "y")).morningBookings).toBe(false);
  });

  it("names the last closed ISO week, month and year", () => {
    expect(closedPeriods("2026-11-30")).toEqual({
      week: { periodKey: "2026-W48", lastDay: "2026-11-29" },
      month: { periodKey: "2026-10", lastDay: "2026-10-31" },
      year: { periodKey: "2025", lastDay: "2025-12-31" },
    });
    // Sunday still belongs to its week: the closed one is the week before.
    expect(closedPeriods("2026-11-29").week).toEqual({ periodKey: "2026-W47", lastDay: "2026-11-22" });
    expect(closedPeriods("2027-01-01").month.periodKey).toBe("2026-12");
  });
});
