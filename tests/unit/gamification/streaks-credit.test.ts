import { describe, expect, it } from "vitest";
import { creditDelta, creditFor, noCredit } from "../../../shared/domain/gamification/booking-credit.ts";
import { computeStreaks, type DayActivity } from "../../../shared/domain/gamification/streaks.ts";

const active: DayActivity = { points: 3, confirmed: 3, bookings: 1 };
const provisionalOnly: DayActivity = { points: 3, confirmed: 0, bookings: 1 };

function streaks(
  days: Record<string, DayActivity>,
  options: { today?: string; blocked?: string[]; shields?: number; shielded?: string[] } = {},
) {
  return computeStreaks({
    today: options.today ?? "2026-11-27", // a Friday
    lookbackDays: 60,
    activity: new Map(Object.entries(days)),
    isBlocked: (date) => (options.blocked ?? []).includes(date),
    shieldedDays: new Set(options.shielded ?? []),
    shieldsAvailable: options.shields ?? 0,
  });
}

describe("streaks", () => {
  it("counts Mon–Fri work days; the weekend does not break the work streak", () => {
    // Thu, Fri, (Sat, Sun), Mon, Tue: four work days in a row.
    const result = streaks(
      { "2026-11-19": active, "2026-11-20": active, "2026-11-23": active, "2026-11-24": active },
      { today: "2026-11-24" },
    );
    expect(result.work).toBe(4);
    // The calendar-day booking streak is broken by the weekend.
    expect(result.booking).toBe(2);
    expect(result.longest).toBe(4);
  });

  it("skips blocked dates", () => {
    const result = streaks(
      { "2026-11-23": active, "2026-11-25": active, "2026-11-26": active },
      { today: "2026-11-26", blocked: ["2026-11-24"] },
    );
    expect(result.work).toBe(3);
  });

  it("does not break on a today without activity yet", () => {
    const result = streaks({ "2026-11-25": active, "2026-11-26": active }, { today: "2026-11-27" });
    expect(result.work).toBe(2);
  });

  it("is broken by a missed work day", () => {
    const result = streaks({ "2026-11-24": active, "2026-11-26": active, "2026-11-27": active });
    expect(result.work).toBe(2);
    expect(result.longest).toBe(2);
  });

  it("a shield protects one missed day, once", () => {
    const days = { "2026-11-24": active, "2026-11-26": active, "2026-11-27": active };
    const first = streaks(days, { shields: 1 });
    expect(first.newShieldDays).toEqual(["2026-11-25"]);
    expect(first.work).toBe(3);
    const again = streaks(days, { shields: 0, shielded: ["2026-11-25"] });
    expect(again.newShieldDays).toEqual([]);
    expect(again.work).toBe(3);
    // Two missed days, one shield: only the later gap… is bridged when it joins two active days.
    const twoGaps = streaks(
      { "2026-11-23": active, "2026-11-26": active },
      { shields: 1, today: "2026-11-26" },
    );
    expect(twoGaps.newShieldDays).toEqual([]);
    expect(twoGaps.work).toBe(1);
  });

  it("points streak needs confirmed points", () => {
    const result = streaks({ "2026-11-26": provisionalOnly, "2026-11-27": active });
    expect(result.points).toBe(1);
    expect(result.work).toBe(2);
  });

  it("looks back at most 60 days", () => {
    const days: Record<string, DayActivity> = {};
    for (let i = 0; i < 120; i++) {
      const date = new Date(Date.UTC(2026, 10, 27) - i * 86_400_000).toISOString().slice(0, 10);
      days[date] = active;
    }
    expect(streaks(days).booking).toBe(60);
  });
});

describe("booking credit", () => {
  it("is provisional while pending, confirmed when it took place", () => {
    expect(creditFor({ status: "booked", outcome: "pending", points: 5 }, 10)).toEqual({
      ...noCredit,
      provisional: 5,
      bookings: 1,
    });
    expect(creditFor({ status: "booked", outcome: "completed", points: 5 }, 12.5)).toEqual({
      provisional: 0,
      confirmed: 5,
      xp: 63,
      bookings: 1,
      resolved: 1,
      shown: 1,
    });
    expect(creditFor({ status: "booked", outcome: "overhang", points: 3 }, 10).confirmed).toBe(3);
  });

  it("reverses a no-show, a ghost and a cancellation", () => {
    expect(creditFor({ status: "booked", outcome: "no_show", points: 5 }, 10)).toEqual({
      ...noCredit,
      bookings: 1,
      resolved: 1,
    });
    expect(creditFor({ status: "booked", outcome: "ghost", points: 5 }, 10).provisional).toBe(0);
    expect(creditFor({ status: "cancelled", outcome: "pending", points: 5 }, 10)).toEqual(noCredit);
    expect(creditFor({ status: "cancelled", outcome: "completed", points: 5 }, 10)).toEqual(noCredit);
    expect(creditFor({ status: "booked", outcome: "cancelled", points: 5 }, 10)).toEqual(noCredit);
  });

  it("a correction applies the difference", () => {
    const completed = creditFor({ status: "booked", outcome: "completed", points: 5 }, 10);
    const noShow = creditFor({ status: "booked", outcome: "no_show", points: 5 }, 10);
    expect(creditDelta(noShow, completed)).toEqual({
      provisional: 0,
      confirmed: -5,
      xp: -50,
      bookings: 0,
      resolved: 0,
      shown: -1,
    });
  });
});
