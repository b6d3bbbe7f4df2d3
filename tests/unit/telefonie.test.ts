import { describe, expect, it } from "vitest";
import { telefonieCredits } from "../../shared/domain/telefonie/ledger.ts";
import {
  achieved,
  balance,
  isoWeekOf,
  isoWeekSchema,
  remaining,
  roundPoints,
  shiftWeek,
  statusOf,
  suggestGoal,
  summarizeWeek,
  telefonieEntryInputSchema,
  weeksEndingWith,
} from "../../shared/domain/telefonie/week.ts";

const entry = (points: number, id = `e${points}`) => ({
  id,
  kind: "T1" as const,
  points,
  version: 1,
  at: "2026-11-30T08:00:00Z",
  by: "admin",
});

describe("Telefonie week figures", () => {
  it("achieved is the sum of the entries, kept to 0.1 (no float noise)", () => {
    expect(achieved([entry(0.1), entry(0.2)])).toBe(0.3);
    expect(achieved([entry(12.5), entry(7.5), entry(3)])).toBe(23);
    expect(achieved([])).toBe(0);
  });

  it("remaining is max(goal − achieved, 0); balance is achieved − goal", () => {
    expect(remaining(30, 23)).toBe(7);
    expect(remaining(20, 23)).toBe(0);
    expect(balance(30, 23)).toBe(-7);
    expect(balance(20, 23.4)).toBe(3.4);
  });

  it("rounds points to 0.1 and refuses points outside 0–100", () => {
    expect(roundPoints(12.34)).toBe(12.3);
    expect(roundPoints(12.35)).toBe(12.4);
    expect(telefonieEntryInputSchema.parse({ kind: "Extra", points: 7.06 }).points).toBe(7.1);
    expect(telefonieEntryInputSchema.safeParse({ kind: "T2", points: 100.1 }).success).toBe(false);
    expect(telefonieEntryInputSchema.safeParse({ kind: "T2", points: -1 }).success).toBe(false);
    expect(telefonieEntryInputSchema.safeParse({ kind: "T3", points: 1 }).success).toBe(false);
  });

  it("status: ≥ 90 % green, ≥ 70 % yellow, else red; none without a goal", () => {
    expect(statusOf(0.9)).toBe("green");
    expect(statusOf(0.899)).toBe("yellow");
    expect(statusOf(0.7)).toBe("yellow");
    expect(statusOf(0.69)).toBe("red");
    expect(statusOf(null)).toBeNull();
  });

  it("summarizes a week; a vacation week has no goal, remaining or status", () => {
    const week = summarizeWeek({
      username: "anna",
      isoWeek: "2026-W49",
      goal: 20,
      vacation: false,
      entries: [entry(10), entry(8.5)],
    });
    expect(week).toMatchObject({
      achieved: 18.5,
      remaining: 1.5,
      balance: -1.5,
      rate: 0.925,
      status: "green",
    });
    expect(week.reachedGoal).toBe(false);
    const vacation = summarizeWeek({
      username: "anna",
      isoWeek: "2026-W50",
      goal: 20,
      vacation: true,
      entries: [],
    });
    expect(vacation).toMatchObject({
      remaining: null,
      balance: null,
      rate: null,
      status: null,
      reachedGoal: false,
    });
    expect(vacation.goal).toBeUndefined();
  });
});

describe("goal suggestion", () => {
  const week = (isoWeek: string, points: number, vacation = false) => ({
    isoWeek,
    achieved: points,
    vacation,
  });

  it("is 15 without history (and with vacation weeks only)", () => {
    expect(suggestGoal([])).toBe(15);
    expect(suggestGoal([week("2026-W40", 30, true)])).toBe(15);
  });

  it("is the mean of the last 4 non-vacation weeks × 1.1", () => {
    // The oldest week (100) and the vacation week are left out: (20 + 30 + 10 + 20) / 4 × 1.1 = 22.
    const history = [
      week("2026-W40", 100),
      week("2026-W41", 20),
      week("2026-W42", 30),
      week("2026-W43", 99, true),
      week("2026-W44", 10),
      week("2026-W45", 20),
    ];
    expect(suggestGoal(history)).toBe(22);
    expect(suggestGoal([week("2026-W45", 12)])).toBe(13.2);
  });

  it("is clamped to 5–50", () => {
    expect(suggestGoal([week("2026-W45", 1), week("2026-W46", 2)])).toBe(5);
    expect(suggestGoal([week("2026-W45", 90), week("2026-W46", 80)])).toBe(50);
  });
});

describe("ISO weeks", () => {
  it("reads weeks in the app's zone and across year ends", () => {
    // Sunday 23:30 UTC is already Monday in Berlin.
    expect(isoWeekOf("2026-12-06T23:30:00Z", "Europe/Berlin")).toBe("2026-W50");
    expect(isoWeekOf("2026-12-06T23:30:00Z", "UTC")).toBe("2026-W49");
    expect(shiftWeek("2027-W01", -1)).toBe("2026-W53");
    expect(weeksEndingWith("2026-W02", 4)).toEqual(["2025-W51", "2025-W52", "2026-W01", "2026-W02"]);
    expect(isoWeekSchema.safeParse("2025-W53").success).toBe(false);
    expect(isoWeekSchema.safeParse("2026-W53").success).toBe(true);
  });
});

describe("ledger credits", () => {
  const before = { reachedGoal: false };
  const after = { username: "anna", isoWeek: "2026-W49", reachedGoal: false };

  it("credit the points of an entry version and only the difference of a later version", () => {
    const first = telefonieCredits({ type: "saved", entry: entry(10, "x") }, before, after, "t");
    expect(first).toEqual([
      expect.objectContaining({ eventKey: "telefonie:x:v1", counters: { telefonie: 10 } }),
    ]);
    const changed = telefonieCredits(
      { type: "saved", entry: { ...entry(12.5, "x"), version: 2 }, previous: entry(10, "x") },
      before,
      after,
      "t",
    );
    expect(changed).toEqual([
      expect.objectContaining({ eventKey: "telefonie:x:v2", counters: { telefonie: 2.5 } }),
    ]);
    const deleted = telefonieCredits({ type: "deleted", entry: entry(12.5, "x") }, before, after, "t");
    expect(deleted[0]).toMatchObject({ eventKey: "telefonie:x:deleted", counters: { telefonie: -12.5 } });
  });

  it("count a week at goal once, when it first reaches it", () => {
    const credits = telefonieCredits(
      { type: "saved", entry: entry(5) },
      before,
      { ...after, reachedGoal: true },
      "t",
    );
    expect(credits.map((credit) => credit.counters)).toEqual([{ telefonie: 5 }, { telefonieWeeksAtGoal: 1 }]);
    expect(credits[1]?.eventKey).toBe("telefonie:week:anna:2026-W49:atGoal");
    expect(
      telefonieCredits({ type: "goal" }, { reachedGoal: true }, { ...after, reachedGoal: true }, "t"),
    ).toEqual([]);
  });
});
