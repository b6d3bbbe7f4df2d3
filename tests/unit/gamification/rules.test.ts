import { describe, expect, it } from "vitest";
import { levelTitles } from "../../../shared/domain/gamification/catalogue/level-titles.ts";
import {
  levelFor,
  levelProgress,
  prestigeMultiplier,
  progressColour,
  xpForLevel,
} from "../../../shared/domain/gamification/levels.ts";
import {
  periodKeysAt,
  periodKeysOn,
  previousMonth,
  previousSeason,
  seasonMultipliers,
  seasonOn,
} from "../../../shared/domain/gamification/periods.ts";
import {
  gamificationSettingsSchema,
  defaultGamificationSettings as settings,
} from "../../../shared/domain/gamification/settings.ts";
import { levelTitle } from "../../../shared/domain/gamification/titles.ts";

describe("levels", () => {
  it.each([
    [0, 1],
    [99, 1],
    [100, 2],
    [399, 2],
    [400, 3],
    [1600, 5],
    [8099, 9],
    [8100, 10],
    [36_100, 20],
  ])("%i XP is level %i", (xp, level) => {
    expect(levelFor(xp, settings)).toBe(level);
  });

  it("inverts: each level starts where levelFor says", () => {
    for (let level = 2; level <= 60; level++) {
      expect(levelFor(xpForLevel(level, settings), settings)).toBe(level);
      expect(levelFor(xpForLevel(level, settings) - 1, settings)).toBe(level - 1);
    }
  });

  it("takes the base from the settings", () => {
    expect(levelFor(200, { levelXpBase: 200 })).toBe(2);
    expect(levelFor(199, { levelXpBase: 200 })).toBe(1);
  });

  it("reports progress toward the next level", () => {
    expect(levelProgress(250, settings)).toEqual({
      level: 2,
      currentLevelXp: 100,
      nextLevelXp: 400,
      percent: 50,
    });
    expect(levelProgress(0, settings).percent).toBe(0);
  });

  it.each([
    [0, "red"],
    [24.9, "red"],
    [25, "orange"],
    [49.9, "orange"],
    [50, "yellow"],
    [74.9, "yellow"],
    [75, "green"],
    [100, "green"],
  ] as const)("progress %d %% is %s", (percent, colour) => {
    expect(progressColour(percent)).toBe(colour);
  });

  it("adds 10 % XP per prestige tier", () => {
    expect(prestigeMultiplier(0, settings)).toBe(1);
    expect(prestigeMultiplier(3, settings)).toBeCloseTo(1.3);
  });
});

describe("titles", () => {
  it("names levels 1–10 and 'Level N Meister' after", () => {
    expect(levelTitle(1, "de")).toBe("Anfänger");
    expect(levelTitle(5, "de")).toBe("Profi");
    expect(levelTitle(10, "de")).toBe("Mythos");
    expect(levelTitle(11, "de")).toBe("Level 11 Meister");
    expect(levelTitle(12, "en")).toBe("Level 12 Master");
  });

  it("has a German and an English title for every level", () => {
    expect(levelTitles).toHaveLength(10);
    for (const title of levelTitles) {
      expect(title.de.length).toBeGreaterThan(0);
      expect(title.en.length).toBeGreaterThan(0);
    }
  });
});

describe("seasons", () => {
  it.each([
    ["2026-03-19", undefined],
    ["2026-03-20", "2026-spring"],
    ["2026-04-30", "2026-spring"],
    ["2026-05-01", undefined],
    ["2026-06-21", "2026-summer"],
    ["2026-08-31", "2026-summer"],
    ["2026-09-22", "2026-autumn"],
    ["2026-11-20", "2026-autumn"],
    ["2026-11-30", undefined],
    ["2026-12-01", "2026-winter"],
    ["2027-01-15", "2026-winter"],
    ["2027-02-28", "2026-winter"],
    ["2027-03-01", undefined],
    // 29 February belongs to Winter in a leap year.
    ["2028-02-29", "2027-winter"],
    ["2028-03-01", undefined],
  ])("%s is in season %s", (date, key) => {
    expect(seasonOn(date, settings)?.key).toBe(key);
  });

  it("knows a leap winter's last day", () => {
    expect(seasonOn("2028-01-10", settings)?.to).toBe("2028-02-29");
    expect(seasonOn("2027-01-10", settings)?.to).toBe("2027-02-28");
  });

  it("applies the season's multipliers, 1 outside", () => {
    expect(seasonMultipliers("2026-07-01", settings)).toEqual({ xp: 1.3, coins: 1.2 });
    expect(seasonMultipliers("2026-12-24", settings)).toEqual({ xp: 1.25, coins: 1.2 });
    expect(seasonMultipliers("2026-05-10", settings)).toEqual({ xp: 1, coins: 1 });
  });

  it("finds the season that ended last", () => {
    expect(previousSeason("2026-11-30", settings)?.key).toBe("2026-autumn");
    expect(previousSeason("2026-05-10", settings)?.key).toBe("2026-spring");
  });

  it("reads seasons from the settings", () => {
    const custom = gamificationSettingsSchema.parse({
      seasons: [{ id: "promo", start: "11-25", end: "12-05", xpMultiplier: 2, coinMultiplier: 3 }],
    });
    expect(seasonOn("2026-11-30", custom)?.key).toBe("2026-promo");
    expect(seasonMultipliers("2026-11-30", custom)).toEqual({ xp: 2, coins: 3 });
  });
});

describe("period keys", () => {
  it("buckets a local date into day, ISO week, month, season and all", () => {
    expect(periodKeysOn("2026-12-31", settings)).toEqual({
      day: "2026-12-31",
      week: "2026-W53",
      month: "2026-12",
      season: "2026-winter",
      all: "all",
    });
    expect(periodKeysOn("2027-01-01", settings).week).toBe("2026-W53");
    expect(periodKeysOn("2026-05-05", settings).season).toBeUndefined();
  });

  it("uses the local date of an instant (Berlin is ahead of UTC)", () => {
    expect(periodKeysAt("2026-11-30T23:30:00Z", "Europe/Berlin", settings).day).toBe("2026-12-01");
    expect(periodKeysAt("2026-11-30T23:30:00Z", "Europe/Berlin", settings).season).toBe("2026-winter");
  });

  it("steps back a month over New Year", () => {
    expect(previousMonth("2027-01")).toBe("2026-12");
    expect(previousMonth("2026-11")).toBe("2026-10");
  });
});
