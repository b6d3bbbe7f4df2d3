import { execFileSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { questCatalogue } from "../../../shared/domain/gamification/catalogue/quests.ts";
import {
  goalDeadline,
  goalInputSchema,
  goalReward,
  goalTemplates,
} from "../../../shared/domain/gamification/goals.ts";
import { loginRewardCoins, nextLoginStreak } from "../../../shared/domain/gamification/login-reward.ts";
import {
  type DayFacts,
  dailyMultiplier,
  dailyMultipliers,
  drawQuests,
  questProgress,
  questReward,
} from "../../../shared/domain/gamification/quests.ts";
import {
  drawPrize,
  landOn,
  spinDeltas,
  totalWeight,
  wheelPrizes,
} from "../../../shared/domain/gamification/wheel.ts";

const questsModule = pathToFileURL(
  fileURLToPath(new URL("../../../shared/domain/gamification/quests.ts", import.meta.url)),
).href;

const days = ["2026-11-30", "2026-12-01", "2026-12-24", "2027-02-28"];
const agents = ["anna", "max", "sophie", "agent-7"];

describe("quest catalogue", () => {
  it("has a booking pool of at least 6 and a universal pool of at least 5, unique ids, DE and EN texts", () => {
    expect(questCatalogue.filter((quest) => quest.pool === "booking").length).toBeGreaterThanOrEqual(6);
    expect(questCatalogue.filter((quest) => quest.pool === "universal").length).toBeGreaterThanOrEqual(5);
    expect(new Set(questCatalogue.map((quest) => quest.id)).size).toBe(questCatalogue.length);
    for (const quest of questCatalogue) {
      for (const text of [quest.name, quest.description]) {
        expect(text.de.trim().length, quest.id).toBeGreaterThan(0);
        expect(text.en.trim().length, quest.id).toBeGreaterThan(0);
      }
    }
  });

  it("carries the rewards the rules name", () => {
    const rewards = Object.fromEntries(questCatalogue.map((quest) => [quest.id, quest.reward]));
    expect(rewards).toEqual({
      "buchungs-blitz": { coins: 75, xp: 100 },
      "doppel-slot": { coins: 50, xp: 60 },
      "voller-tag": { coins: 100, xp: 120, bonusSpins: 1 },
      "berater-vielfalt": { coins: 60, xp: 80 },
      "morgen-rush": { coins: 60, xp: 70 },
      "null-storno": { coins: 50, xp: 60 },
      "frueh-start": { coins: 25, xp: 30 },
      "streak-halten": { coins: 30, xp: 40 },
      "rang-verbessern": { coins: 50, xp: 60 },
      "quest-meister": { coins: 100, xp: 150 },
      gluecksrad: { coins: 40, xp: 50 },
    });
  });
});

describe("daily draw", () => {
  it("gives every agent 2 booking and 2 universal quests, all different", () => {
    for (const date of days) {
      for (const agent of agents) {
        const quests = drawQuests(date, agent);
        expect(quests.map((quest) => quest.pool)).toEqual(["booking", "booking", "universal", "universal"]);
        expect(new Set(quests.map((quest) => quest.id)).size).toBe(4);
      }
    }
  });

  it("draws the same quests and multiplier for (agent, day) in a separate process", () => {
    const script = `
      const { drawQuests, dailyMultiplier } = await import(${JSON.stringify(questsModule)});
      const out = {};
      for (const date of ${JSON.stringify(days)})
        for (const agent of ${JSON.stringify(agents)})
          out[date + "/" + agent] = { ids: drawQuests(date, agent).map((q) => q.id), m: dailyMultiplier(date) };
      console.log(JSON.stringify(out));`;
    const child = JSON.parse(
      execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" }),
    );
    const here: Record<string, unknown> = {};
    for (const date of days)
      for (const agent of agents)
        here[`${date}/${agent}`] = {
          ids: drawQuests(date, agent).map((q) => q.id),
          m: dailyMultiplier(date),
        };
    expect(child).toEqual(here);
  });

  it("varies between agents and days, and every quest gets drawn", () => {
    const drawn = new Set<string>();
    for (let day = 1; day <= 28; day++)
      for (const agent of agents)
        for (const quest of drawQuests(`2026-02-${String(day).padStart(2, "0")}`, agent)) drawn.add(quest.id);
    expect(drawn.size).toBe(questCatalogue.length);
  });

  it("rolls one of 1.0, 1.2 and 1.5 per day, each of them over a month", () => {
    const seen = new Set<number>();
    for (let day = 1; day <= 30; day++) seen.add(dailyMultiplier(`2026-11-${String(day).padStart(2, "0")}`));
    expect([...seen].sort()).toEqual([...dailyMultipliers]);
  });

  it("multiplies the reward and rounds", () => {
    const blitz = questCatalogue.find((quest) => quest.id === "buchungs-blitz");
    if (!blitz) throw new Error("missing");
    expect(questReward(blitz, 1.5)).toEqual({ coins: 113, xp: 150, bonusSpins: 0 });
  });
});

describe("quest progress", () => {
  const base: DayFacts = {
    date: "2026-11-30",
    dayOver: false,
    bookings: [],
    cancellations: 0,
    slotTimes: ["09:00", "11:00", "14:00"],
    loginStreak: 0,
    spins: 0,
    rank: {},
  };

  it("decides Null Storno only once the day is over", () => {
    const quest = questCatalogue.filter((q) => q.id === "null-storno");
    const booked = { ...base, bookings: [{ date: "2026-12-01", time: "09:00" }] };
    expect(questProgress(quest, booked)[0]?.complete).toBe(false);
    expect(questProgress(quest, { ...booked, dayOver: true })[0]?.complete).toBe(true);
    expect(questProgress(quest, { ...booked, dayOver: true, cancellations: 1 })[0]?.complete).toBe(false);
  });

  it("counts the other three quests for Quest-Meister", () => {
    const quests = questCatalogue.filter((q) =>
      ["buchungs-blitz", "doppel-slot", "gluecksrad", "quest-meister"].includes(q.id),
    );
    const twoDone = {
      ...base,
      spins: 3,
      bookings: [
        { date: "2026-12-01", time: "09:00" },
        { date: "2026-12-01", time: "09:00" },
      ],
    };
    expect(questProgress(quests, twoDone).find((p) => p.id === "quest-meister")).toMatchObject({
      value: 2,
      complete: false,
    });
  });
});

describe("wheel", () => {
  it("has 11 prizes whose weights sum to 101, as the rules give them", () => {
    expect(wheelPrizes).toHaveLength(11);
    expect(totalWeight).toBe(101);
    const weights = wheelPrizes.map((prize) => `${prize.kind}:${prize.amount}:${prize.weight}`).sort();
    expect(weights).toEqual(
      [
        "nothing:0:25",
        "nothing:0:15",
        "nothing:0:10",
        "coins:25:15",
        "coins:50:10",
        "coins:100:5",
        "xp:50:8",
        "mysteryBox:0:6",
        "streakShield:0:4",
        "badgeToken:0:2",
        "jackpot:1000:1",
      ].sort(),
    );
  });

  it("maps every ticket 0..100 to a prize by its weight", () => {
    const counts = new Map<string, number>();
    for (let ticket = 0; ticket < totalWeight; ticket++) {
      const prize = drawPrize(() => ticket);
      counts.set(prize.id, (counts.get(prize.id) ?? 0) + 1);
    }
    for (const prize of wheelPrizes) {
      expect(counts.get(prize.id)).toBe(prize.weight);
      expect(drawPrize(landOn(prize.id)).id).toBe(prize.id);
    }
  });

  it("charges 10 coins or one bonus spin in the prize's own deltas", () => {
    const jackpot = wheelPrizes.find((prize) => prize.kind === "jackpot");
    if (!jackpot) throw new Error("missing");
    expect(spinDeltas(jackpot, "coins")).toMatchObject({ coins: 990, bonusSpins: 0 });
    expect(spinDeltas(jackpot, "bonusSpin")).toMatchObject({ coins: 1000, bonusSpins: -1 });
  });
});

describe("login reward and goals", () => {
  it("pays 10 + min(5 × streak, 40) plus the milestones", () => {
    expect([1, 2, 6, 7, 8, 30, 100].map(loginRewardCoins)).toEqual([15, 20, 40, 145, 50, 550, 2050]);
    expect(nextLoginStreak("2026-11-30", { date: "2026-11-29", streak: 6 })).toBe(7);
    expect(nextLoginStreak("2026-11-30", { date: "2026-11-27", streak: 6 })).toBe(1);
    expect(nextLoginStreak("2026-11-30")).toBe(1);
  });

  it("has the five templates with limits, deadlines and rewards", () => {
    expect(
      Object.values(goalTemplates).map((t) => [t.id, t.defaultTarget, t.min, t.max, t.multiplier]),
    ).toEqual([
      ["dailyPoints", 10, 1, 50, 1.2],
      ["weeklyBookings", 15, 5, 100, 1.1],
      ["streak", 7, 3, 365, 1.5],
      ["badges", 3, 1, 20, 1.3],
      ["rank", 5, 1, 20, 1.4],
    ]);
    // Monday 2026-11-30: daily ends Tuesday, weekly on Sunday, the others after 30 days.
    expect(goalDeadline(goalTemplates.dailyPoints, "2026-11-30")).toBe("2026-12-01");
    expect(goalDeadline(goalTemplates.weeklyBookings, "2026-11-30")).toBe("2026-12-06");
    expect(goalDeadline(goalTemplates.weeklyBookings, "2026-12-06")).toBe("2026-12-06");
    expect(goalDeadline(goalTemplates.streak, "2026-11-30")).toBe("2026-12-30");
    expect(goalReward(goalTemplates.streak)).toEqual({ xp: 75, coins: 75 });
    expect(goalInputSchema.safeParse({ template: "dailyPoints", target: 51 }).success).toBe(false);
    expect(goalInputSchema.safeParse({ template: "rank", target: 20 }).success).toBe(true);
  });
});
