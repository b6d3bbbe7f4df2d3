import { describe, expect, it } from "vitest";
import {
  defaultPointsRule,
  pointsForBooking,
  pointsRuleSchema,
} from "../../../shared/domain/booking/points.ts";

const points = (booked: number, capacity: number, time = "09:00", recall = false) =>
  pointsForBooking(defaultPointsRule, { booked, capacity, time, recall });

describe("pointsForBooking (default rule)", () => {
  it("gives 5 up to a third full, 3 up to two thirds, 1 above: exact edges", () => {
    // Capacity 12: 4 booked is exactly one third, 8 exactly two thirds.
    expect([0, 1, 2, 3, 4].map((booked) => points(booked, 12))).toEqual([5, 5, 5, 5, 5]);
    expect([5, 6, 7, 8].map((booked) => points(booked, 12))).toEqual([3, 3, 3, 3]);
    expect([9, 10, 11].map((booked) => points(booked, 12))).toEqual([1, 1, 1]);
    // Capacity 3: 1/3 and 2/3 land on whole bookings.
    expect([0, 1, 2].map((booked) => points(booked, 3))).toEqual([5, 5, 3]);
    // Capacity 4: 1/4 ≤ 1/3 < 2/4 ≤ 2/3 < 3/4.
    expect([0, 1, 2, 3].map((booked) => points(booked, 4))).toEqual([5, 5, 3, 1]);
    // Capacity 1: the only place, slot empty before → 5.
    expect(points(0, 1)).toBe(5);
  });

  it("gives nothing when there is no free place", () => {
    expect(points(0, 0)).toBe(0);
    expect(points(0, 0, "11:00", true)).toBe(0);
    expect(points(4, 4)).toBe(0);
    expect(points(5, 4, "14:00")).toBe(0);
  });

  it("adds +2 at 11:00 and 14:00", () => {
    expect(points(0, 12, "11:00")).toBe(7);
    expect(points(6, 12, "14:00")).toBe(5);
    expect(points(11, 12, "14:00")).toBe(3);
    expect(points(0, 12, "16:00")).toBe(5);
  });

  it("halves recalls, rounding down, at least 1", () => {
    expect(points(0, 12, "09:00", true)).toBe(2); // 5 → 2
    expect(points(0, 12, "11:00", true)).toBe(3); // 7 → 3
    expect(points(6, 12, "09:00", true)).toBe(1); // 3 → 1
    expect(points(11, 12, "09:00", true)).toBe(1); // 1 → 0 → at least 1
    expect(points(6, 12, "14:00", true)).toBe(2); // 5 → 2
  });

  it("refuses impossible counts", () => {
    expect(() => points(-1, 4)).toThrow(RangeError);
    expect(() => points(1.5, 4)).toThrow(RangeError);
    expect(() => points(0, -4)).toThrow(RangeError);
  });
});

describe("pointsRuleSchema", () => {
  it("defaults to DESIGN.md's rule", () => {
    expect(pointsRuleSchema.parse({})).toEqual({
      tiers: [
        { upTo: "1/3", points: 5 },
        { upTo: "2/3", points: 3 },
      ],
      abovePoints: 1,
      timeBonuses: [
        { time: "11:00", points: 2 },
        { time: "14:00", points: 2 },
      ],
      recallDivisor: 2,
      recallMinimum: 1,
    });
  });

  it("is configuration: other tiers, bonuses and recall rules apply", () => {
    const rule = pointsRuleSchema.parse({
      tiers: [
        { upTo: "0/1", points: 10 },
        { upTo: "1/2", points: 4 },
      ],
      abovePoints: 2,
      timeBonuses: [{ time: "20:00", points: 3 }],
      recallDivisor: 3,
      recallMinimum: 0,
    });
    const at = (booked: number, time: string, recall = false) =>
      pointsForBooking(rule, { booked, capacity: 8, time, recall });
    expect(at(0, "09:00")).toBe(10);
    expect(at(1, "09:00")).toBe(4);
    expect(at(4, "09:00")).toBe(4);
    expect(at(5, "20:00")).toBe(5);
    expect(at(0, "11:00")).toBe(10);
    expect(at(5, "09:00", true)).toBe(0); // 2 / 3 → 0, minimum 0
  });

  it.each([
    [{ tiers: [{ upTo: "0.33", points: 5 }] }, "tiers.0.upTo"],
    [{ tiers: [{ upTo: "4/3", points: 5 }] }, "tiers.0.upTo"],
    [{ tiers: [{ upTo: "1/0", points: 5 }] }, "tiers.0.upTo"],
    [
      {
        tiers: [
          { upTo: "2/3", points: 3 },
          { upTo: "1/3", points: 5 },
        ],
      },
      "tiers.1.upTo",
    ],
    [{ abovePoints: -1 }, "abovePoints"],
    [{ timeBonuses: [{ time: "11", points: 2 }] }, "timeBonuses.0.time"],
    [{ recallDivisor: 0 }, "recallDivisor"],
  ])("rejects %j at %s", (input, path) => {
    const result = pointsRuleSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toContain(path);
  });
});
