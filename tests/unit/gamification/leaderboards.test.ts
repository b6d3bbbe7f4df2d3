import { describe, expect, it } from "vitest";
import { type BoardTotals, rankBoard } from "../../../shared/domain/gamification/leaderboards.ts";

const row = (username: string, parts: Partial<BoardTotals> = {}): BoardTotals => ({
  username,
  pointsProvisional: 0,
  pointsConfirmed: 0,
  xp: 0,
  streak: 0,
  counters: {},
  reachedAt: {},
  ...parts,
});
const rules = { showRateMinResolved: 10 };

describe("leaderboard ranking", () => {
  it("ranks points with provisional ones counted and marked; nobody at 0", () => {
    const board = rankBoard(
      "points",
      [row("a", { pointsConfirmed: 10 }), row("b", { pointsConfirmed: 5, pointsProvisional: 8 }), row("c")],
      rules,
    );
    expect(board).toEqual([
      { rank: 1, username: "b", score: 13, provisional: 8 },
      { rank: 2, username: "a", score: 10, provisional: 0 },
    ]);
  });

  it("breaks ties by who reached the score first", () => {
    const board = rankBoard(
      "bookings",
      [
        row("late", { counters: { bookings: 4 }, reachedAt: { bookings: "2026-11-30T10:00:00Z" } }),
        row("early", { counters: { bookings: 4 }, reachedAt: { bookings: "2026-11-30T09:00:00Z" } }),
      ],
      rules,
    );
    expect(board.map((entry) => entry.username)).toEqual(["early", "late"]);
  });

  it("lists show rate only from 10 resolved bookings", () => {
    const board = rankBoard(
      "showRate",
      [
        row("few", { counters: { resolved: 9, shown: 9 } }),
        row("enough", { counters: { resolved: 10, shown: 8 } }),
      ],
      rules,
    );
    expect(board).toEqual([{ rank: 1, username: "enough", score: 80 }]);
  });

  it("weights badges by rarity, counts quests and Telefonie, leaves out excluded users", () => {
    const rows = [
      row("a", { counters: { badgeWeight: 20, quests: 1, telefonie: 12.5 } }),
      row("b", { counters: { badgeWeight: 6, quests: 3 } }),
    ];
    expect(rankBoard("badges", rows, rules).map((e) => e.username)).toEqual(["a", "b"]);
    expect(rankBoard("quests", rows, rules).map((e) => e.username)).toEqual(["b", "a"]);
    expect(rankBoard("telefonie", rows, rules)).toEqual([{ rank: 1, username: "a", score: 12.5 }]);
    expect(rankBoard("badges", rows, { ...rules, excluded: new Set(["a"]) }).map((e) => e.username)).toEqual([
      "b",
    ]);
  });
});
