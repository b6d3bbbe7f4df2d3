import { describe, expect, it } from "vitest";
import { normalizePhone } from "../../../shared/domain/booking/booking-input.ts";
import { customerPhoneSchema, decodeName, encodeName } from "../../../shared/domain/customers/customer.ts";
import { customerIdOf } from "../../../shared/domain/customers/customer-id.ts";
import {
  type CustomerBooking,
  type CustomerOutcome,
  countOutcomes,
  customerOutcomeOf,
  namesByRecency,
  reliability,
  riskClass,
  summarize,
} from "../../../shared/domain/customers/profile.ts";

const counts = (outcomes: Partial<Record<CustomerOutcome, number>>) =>
  countOutcomes(
    Object.entries(outcomes).flatMap(([o, n]) => Array<CustomerOutcome>(n).fill(o as CustomerOutcome)),
  );

let sequence = 0;
function booking(overrides: Partial<CustomerBooking> = {}): CustomerBooking {
  sequence += 1;
  const day = String(sequence).padStart(2, "0");
  return {
    id: `b${day}`,
    date: `2026-03-${day}`,
    time: "10:00",
    start: `2026-03-${day}T09:00:00.000Z`,
    status: "booked",
    outcome: "pending",
    agent: "anna",
    firstName: "Erika",
    lastName: "Muster",
    createdAt: `2026-02-${day}T08:00:00.000Z`,
    ...overrides,
  };
}

describe("reliability", () => {
  it("is null for a new customer: nothing resolved yet (pending, cancelled and rescheduled do not count)", () => {
    expect(reliability(counts({}))).toBeNull();
    expect(
      reliability(counts({ pending: 2, cancelled: 1, rescheduled: 1, consultant_change: 1 })),
    ).toBeNull();
  });

  it("is (completed + overhang) / (completed + overhang + no_show + ghost)", () => {
    expect(reliability(counts({ completed: 2, overhang: 1, no_show: 1, ghost: 0, cancelled: 5 }))).toBe(0.75);
    expect(reliability(counts({ no_show: 1, ghost: 1 }))).toBe(0);
    expect(reliability(counts({ overhang: 1 }))).toBe(1);
  });
});

describe("risk class from the history", () => {
  it.each([
    [{}, "low"],
    [{ completed: 9, cancelled: 3 }, "low"],
    [{ no_show: 1 }, "medium"],
    [{ no_show: 2, completed: 10 }, "medium"],
    [{ no_show: 3 }, "high"],
    [{ no_show: 1, ghost: 2 }, "high"],
    [{ ghost: 1 }, "medium"],
  ] as const)("%o → %s", (outcomes, risk) => {
    expect(riskClass(counts(outcomes))).toBe(risk);
  });
});

describe("outcomes", () => {
  it("reads the old name 'appeared' as 'completed' and refuses unknown ones", () => {
    expect(customerOutcomeOf("appeared")).toBe("completed");
    expect(customerOutcomeOf("ghost")).toBe("ghost");
    expect(customerOutcomeOf("constructor")).toBeUndefined();
  });

  it("counts every outcome, zero included", () => {
    expect(counts({ completed: 2, no_show: 1 })).toEqual({
      pending: 0,
      completed: 2,
      overhang: 0,
      no_show: 1,
      ghost: 0,
      cancelled: 0,
      rescheduled: 0,
      consultant_change: 0,
    });
  });
});

describe("names", () => {
  it("orders the names by their latest use, each once, at most ten", () => {
    const bookings = [
      booking({ firstName: "Erika", lastName: "Muster", createdAt: "2026-01-01T00:00:00.000Z" }),
      booking({ firstName: "Erika", lastName: "Mustermann", createdAt: "2026-01-03T00:00:00.000Z" }),
      booking({ firstName: "Erika", lastName: "Muster", createdAt: "2026-01-05T00:00:00.000Z" }),
    ];
    expect(namesByRecency(bookings, [])).toEqual([
      { firstName: "Erika", lastName: "Muster" },
      { firstName: "Erika", lastName: "Mustermann" },
    ]);
    const many = Array.from({ length: 15 }, (_, i) => booking({ lastName: `N${i}` }));
    expect(namesByRecency(many, [])).toHaveLength(10);
  });

  it("keeps recorded names without a booking at hand after the used ones", () => {
    const recorded = [encodeName({ firstName: "Old", lastName: "Name" }), "not json"];
    expect(namesByRecency([booking()], recorded)).toEqual([
      { firstName: "Erika", lastName: "Muster" },
      { firstName: "Old", lastName: "Name" },
    ]);
  });

  it("encodes a pair so that no separator in a name makes two pairs collide", () => {
    const a = encodeName({ firstName: "A, B", lastName: "C" });
    const b = encodeName({ firstName: "A", lastName: "B, C" });
    expect(a).not.toBe(b);
    expect(decodeName(a)).toEqual({ firstName: "A, B", lastName: "C" });
  });
});

describe("summarize", () => {
  it("counts all bookings, orders the history by appointment, newest first", () => {
    const older = booking({ outcome: "completed" });
    const newer = booking({ outcome: "no_show" });
    const summary = summarize([older, newer], []);
    expect(summary.bookings).toBe(2);
    expect(summary.resolved).toBe(2);
    expect(summary.reliability).toBe(0.5);
    expect(summary.risk).toBe("medium");
    expect(summary.history.map((b) => b.id)).toEqual([newer.id, older.id]);
  });
});

describe("customer id and phone", () => {
  it("is one id for every way of typing the number, opaque and key-safe", () => {
    const a = customerPhoneSchema.parse("0221 9876543");
    const b = customerPhoneSchema.parse("+49 221 9876543");
    expect(a).toBe("+492219876543");
    expect(b).toBe(a);
    const id = customerIdOf(a);
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(id).not.toContain("2219876543");
    expect(customerIdOf("+492219876544")).not.toBe(id);
  });

  it("refuses what cannot be a phone number, naming why", () => {
    const result = customerPhoneSchema.safeParse("9876543");
    expect(result.success).toBe(false);
    // The same reason the booking gives for that number.
    const booking = normalizePhone("9876543");
    expect(booking.ok).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(booking.ok ? undefined : booking.message);
    expect(customerPhoneSchema.safeParse("abc").success).toBe(false);
  });
});
