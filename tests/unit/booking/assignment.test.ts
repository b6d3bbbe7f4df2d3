import { describe, expect, it } from "vitest";
import { chooseConsultant, isoWeekOf, rebalanceSlot } from "../../../shared/domain/booking/assignment.ts";

const candidate = (id: string, overrides: Partial<Parameters<typeof chooseConsultant>[0][number]> = {}) => ({
  id,
  places: 4,
  booked: 0,
  weekLoad: 0,
  dayLoad: 0,
  ...overrides,
});

describe("isoWeekOf", () => {
  it("uses ISO weeks, whose year can differ from the date's", () => {
    expect(isoWeekOf("2026-11-30")).toBe("2026-W49");
    expect(isoWeekOf("2027-01-01")).toBe("2026-W53");
    expect(isoWeekOf("2024-12-30")).toBe("2025-W01");
  });
});

describe("chooseConsultant", () => {
  it("takes the consultant with a free place and the fewest bookings that week", () => {
    expect(
      chooseConsultant([
        candidate("a", { weekLoad: 3 }),
        candidate("b", { weekLoad: 1 }),
        candidate("c", { weekLoad: 2 }),
      ]),
    ).toBe("b");
  });

  it("skips full consultants, those at the per-day limit and excluded ones", () => {
    const all = [
      candidate("a", { booked: 4 }),
      candidate("b", { dayLoad: 2, weekLoad: 0 }),
      candidate("c", { weekLoad: 5 }),
      candidate("d", { weekLoad: 6 }),
    ];
    expect(chooseConsultant(all, { maxPerDay: 2 })).toBe("c");
    expect(chooseConsultant(all, { maxPerDay: 2, exclude: new Set(["c"]) })).toBe("d");
    expect(chooseConsultant(all, { maxPerDay: 2, exclude: new Set(["c", "d"]) })).toBeUndefined();
    expect(chooseConsultant(all)).toBe("b");
  });

  it("breaks ties round robin: never assigned first, then the one assigned longest ago", () => {
    const tied = [
      candidate("a", { weekLoad: 2, lastAssignedAt: "2026-11-30T10:00:00Z" }),
      candidate("b", { weekLoad: 2, lastAssignedAt: "2026-11-30T09:00:00Z" }),
      candidate("c", { weekLoad: 2, lastAssignedAt: "2026-11-30T11:00:00Z" }),
    ];
    expect(chooseConsultant(tied)).toBe("b");
    expect(chooseConsultant([...tied, candidate("d", { weekLoad: 2 })])).toBe("d");
  });
});

describe("rebalanceSlot", () => {
  const booking = (id: string, consultant: string | undefined, minute: number, overCapacity?: boolean) => ({
    id,
    consultant,
    createdAt: `2026-11-30T10:${String(minute).padStart(2, "0")}:00Z`,
    ...(overCapacity ? { overCapacity } : {}),
  });

  it("moves a withdrawn consultant's bookings to room elsewhere and flags the rest, keeping the earliest", () => {
    const bookings = [
      booking("a1", "a", 1),
      booking("a2", "a", 2),
      booking("a3", "a", 3),
      booking("b1", "b", 4),
      booking("b2", "b", 5),
      booking("b3", "b", 6),
    ];
    // a no longer offers the slot; b keeps 4 places.
    const plan = rebalanceSlot({ b: 4 }, bookings);
    expect(plan.moves).toEqual([{ bookingId: "a1", from: "a", to: "b" }]);
    expect(plan.flag).toEqual(["a2", "a3"]);
    expect(plan.unflag).toEqual([]);
  });

  it("changes nothing when every consultant is within their places", () => {
    expect(rebalanceSlot({ a: 2, b: 2 }, [booking("x", "a", 1), booking("y", "b", 2)])).toEqual({
      moves: [],
      flag: [],
      unflag: [],
    });
  });

  it("clears flags when places return and does not flag twice", () => {
    const flagged = [booking("a1", "a", 1), booking("a2", "a", 2, true), booking("a3", "a", 3, true)];
    expect(rebalanceSlot({ a: 2 }, flagged)).toEqual({ moves: [], flag: [], unflag: ["a2"] });
    expect(rebalanceSlot({ a: 4 }, flagged).unflag).toEqual(["a2", "a3"]);
  });

  it("assigns bookings without a consultant to the one with the most room", () => {
    expect(rebalanceSlot({ a: 4, b: 4 }, [booking("a1", "a", 1), booking("n", undefined, 2)]).moves).toEqual([
      { bookingId: "n", from: undefined, to: "b" },
    ]);
  });
});
