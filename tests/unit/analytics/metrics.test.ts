import { describe, expect, it } from "vitest";
import {
  aggregateBookings,
  type CountableBooking,
  type Counts,
  contributionDelta,
  contributionOf,
  emptyCounts,
  parseRowId,
} from "../../../shared/domain/analytics/counts.ts";
import {
  alerts,
  periodWindows,
  personalPerformance,
  type Row,
} from "../../../shared/domain/analytics/dashboards.ts";
import {
  activityScore,
  cancellationRate,
  combinedScore,
  consistencyScore,
  noShowAlertLevel,
  noShowRate,
  performanceClass,
  qualityScore,
  resolved,
  risingNoShow,
  showRate,
  trendPoints,
} from "../../../shared/domain/analytics/metrics.ts";

const counts = (values: Partial<Counts>): Counts => ({ ...emptyCounts(), ...values });

describe("metric definitions", () => {
  const window = counts({
    bookings: 20,
    completed: 8,
    overhang: 2,
    no_show: 3,
    ghost: 1,
    cancelled: 4,
    rescheduled: 1,
    pending: 1,
  });

  it("resolved = completed + overhang + no_show + ghost (cancelled, rescheduled and pending are not resolved)", () => {
    expect(resolved(window)).toBe(14);
  });

  it("show rate = (completed + overhang) / resolved; no-show rate = (no_show + ghost) / resolved", () => {
    expect(showRate(window)).toBeCloseTo(10 / 14);
    expect(noShowRate(window)).toBeCloseTo(4 / 14);
    expect(showRate(window)! + noShowRate(window)!).toBeCloseTo(1);
  });

  it("cancellation rate = cancelled / all bookings in the window", () => {
    expect(cancellationRate(window)).toBeCloseTo(4 / 20);
  });

  it("no data is not 0 %: rates are null without a denominator", () => {
    expect(showRate(emptyCounts())).toBeNull();
    expect(noShowRate(counts({ bookings: 3, cancelled: 3 }))).toBeNull();
    expect(cancellationRate(emptyCounts())).toBeNull();
    expect(qualityScore(counts({ bookings: 2, pending: 2 }))).toBeNull();
  });

  it("quality score = Σ weight / (n × 100) with completed 100, overhang 90, rescheduled 40, cancelled 10, no_show 0, ghost −10", () => {
    // 8×100 + 2×90 + 1×40 + 4×10 + 3×0 + 1×(−10) = 1050 over n = 19
    expect(qualityScore(window)).toBeCloseTo(1050 / 1900);
    expect(qualityScore(counts({ completed: 1, overhang: 1 }))).toBeCloseTo(0.95);
  });

  it("quality score is floored at 0 (all ghosts)", () => {
    expect(qualityScore(counts({ ghost: 5 }))).toBe(0);
  });

  it("trend in percentage points", () => {
    expect(trendPoints(0.3, 0.2)).toBeCloseTo(10);
    expect(trendPoints(null, 0.2)).toBeNull();
  });
});

describe("combined team ranking", () => {
  it("activity = entries ÷ 30 × 100, capped at 100", () => {
    expect(activityScore(15)).toBe(50);
    expect(activityScore(45)).toBe(100);
  });

  it("consistency = 100 − standard deviation of weekly achievement, 50 with fewer than 2 weeks", () => {
    expect(consistencyScore([])).toBe(50);
    expect(consistencyScore([80])).toBe(50);
    expect(consistencyScore([80, 80, 80])).toBe(100);
    expect(consistencyScore([90, 110])).toBeCloseTo(90);
  });

  it("combined = 0.75 × show rate + 0.10 × activity + 0.15 × consistency; classes high ≥ 80, medium ≥ 40", () => {
    expect(
      combinedScore({ showRate: 0.8, telefonieEntries: 30, weeklyAchievementPercent: [100, 100] }),
    ).toBeCloseTo(60 + 10 + 15);
    // Without Telefonie data: activity 0, consistency 50.
    expect(combinedScore({ showRate: 1, telefonieEntries: 0, weeklyAchievementPercent: [] })).toBeCloseTo(
      75 + 7.5,
    );
    expect(performanceClass(80)).toBe("high");
    expect(performanceClass(79.9)).toBe("medium");
    expect(performanceClass(40)).toBe("medium");
    expect(performanceClass(39.9)).toBe("low");
  });
});

describe("alerts", () => {
  it("7-day no-show rate above 15 % warns, above 20 % is high", () => {
    expect(noShowAlertLevel(0.15)).toBeUndefined();
    expect(noShowAlertLevel(0.16)).toBe("warning");
    expect(noShowAlertLevel(0.2)).toBe("warning");
    expect(noShowAlertLevel(0.21)).toBe("high");
    expect(noShowAlertLevel(null)).toBeUndefined();
  });

  it("a rise counts only on enough appointments in both windows", () => {
    expect(risingNoShow(counts({ completed: 6, no_show: 4 }), counts({ completed: 9, no_show: 1 }))).toBe(
      true,
    );
    expect(risingNoShow(counts({ completed: 1, no_show: 2 }), counts({ completed: 9, no_show: 1 }))).toBe(
      false,
    );
    expect(risingNoShow(counts({ completed: 8, no_show: 2 }), counts({ completed: 9, no_show: 1 }))).toBe(
      true,
    );
    expect(risingNoShow(counts({ completed: 17, no_show: 3 }), counts({ completed: 9, no_show: 1 }))).toBe(
      false,
    );
  });

  it("names window and source of every alert", () => {
    const row = (date: string, value: string, values: Partial<Counts>): Row => ({
      date,
      value,
      ...counts(values),
    });
    const found = alerts({
      today: "2026-11-30",
      dayRows: [row("2026-11-28", "2026-11-28", { bookings: 10, completed: 7, no_show: 3 })],
      consultantRows: [],
      slotTimeRows: [],
      overCapacity: [{ date: "2026-12-02", time: "09:00" }],
    });
    expect(found).toEqual([
      {
        kind: "noShowRate",
        level: "high",
        rate: 0.3,
        window: { from: "2026-11-24", to: "2026-11-30" },
        source: "aggregates",
      },
      {
        kind: "overCapacity",
        level: "high",
        subject: "2026-12-02 09:00",
        count: 1,
        window: { from: "2026-12-02", to: "2026-12-02" },
        source: "bookings",
      },
    ]);
  });
});

describe("counting bookings", () => {
  const booking: CountableBooking = {
    id: "b1",
    date: "2026-11-30",
    time: "11:00",
    agent: "anna",
    consultant: "c1",
    potentialClass: "top",
    status: "booked",
    outcome: "pending",
    points: 5,
  };

  it("an outcome correction moves the count from the old outcome to the new in every dimension", () => {
    const before = contributionOf({ ...booking, outcome: "no_show" });
    const after = contributionOf({ ...booking, outcome: "completed" });
    const deltas = contributionDelta(before, after);
    expect(deltas.size).toBe(7);
    for (const delta of deltas.values()) {
      expect(delta).toEqual(counts({ no_show: -1, completed: 1, points: 5, pointsConfirmed: 5 }));
    }
  });

  it("a reschedule moves the booking between days and slot times; an unchanged booking changes nothing", () => {
    const deltas = contributionDelta(
      contributionOf(booking),
      contributionOf({ ...booking, date: "2026-12-01" }),
    );
    const rows = [...deltas.keys()].map(parseRowId);
    expect(
      rows
        .filter((row) => row.dimension === "day")
        .map((row) => row.date)
        .sort(),
    ).toEqual(["2026-11-30", "2026-12-01"]);
    expect(contributionDelta(contributionOf(booking), contributionOf(booking)).size).toBe(0);
  });

  it("a cancelled booking without outcome counts as cancelled; its points are reversed", () => {
    const rows = aggregateBookings([{ ...booking, status: "cancelled" }]);
    const day = [...rows].find(([id]) => parseRowId(id).dimension === "day")![1];
    expect(day).toEqual(counts({ bookings: 1, cancelled: 1 }));
  });
});

describe("personal dashboard", () => {
  it("windows: 7d ends today, the previous window has the same length; all has none", () => {
    expect(periodWindows("7d", "2026-11-30")).toEqual({
      current: { from: "2026-11-24", to: "2026-11-30" },
      previous: { from: "2026-11-17", to: "2026-11-23" },
    });
    expect(periodWindows("all", "2026-11-30").previous).toBeUndefined();
  });

  it("rank by points among agents with bookings; best slot times by show rate", () => {
    const row = (date: string, value: string, values: Partial<Counts>): Row => ({
      date,
      value,
      ...counts(values),
    });
    const result = personalPerformance({
      username: "anna",
      period: "7d",
      today: "2026-11-30",
      agentRows: [
        row("2026-11-29", "anna", { bookings: 4, points: 12, completed: 3, no_show: 1 }),
        row("2026-11-29", "max", { bookings: 5, points: 20 }),
        row("2026-11-20", "anna", { bookings: 2, points: 6, completed: 1, no_show: 1 }),
      ],
      agentSlotRows: [
        row("2026-11-29", "anna|09:00", { completed: 1, no_show: 1 }),
        row("2026-11-29", "anna|11:00", { completed: 2 }),
      ],
    });
    expect(result.rank).toEqual({ position: 2, of: 2, by: "points" });
    expect(result.bestSlotTimes.map((slot) => slot.time)).toEqual(["11:00", "09:00"]);
    expect(result.showRate).toBe(0.75);
    expect(result.trend?.showRatePoints).toBeCloseTo(25);
    expect(result.trend?.bookings).toBe(1);
  });
});
