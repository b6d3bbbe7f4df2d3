import { describe, expect, it } from "vitest";
import {
  type FilterableBooking,
  matchesOutcome,
  matchesSearch,
} from "../../../shared/domain/booking/booking-filter.ts";

const booking = (over: Partial<FilterableBooking> = {}): FilterableBooking => ({
  firstName: "Jördis",
  lastName: "Weiß-Müller",
  phone: "+49 171 2345678",
  status: "booked",
  outcome: "pending",
  ...over,
});

describe("the booking list's filters", () => {
  it("groups outcomes as agents read them", () => {
    expect(matchesOutcome(booking(), "open")).toBe(true);
    expect(matchesOutcome(booking({ status: "cancelled", outcome: "pending" }), "open")).toBe(false);
    expect(matchesOutcome(booking({ status: "cancelled", outcome: "pending" }), "cancelled")).toBe(true);
    expect(matchesOutcome(booking({ outcome: "rescheduled" }), "cancelled")).toBe(true);
    expect(matchesOutcome(booking({ outcome: "ghost" }), "no_show")).toBe(true);
    expect(matchesOutcome(booking({ outcome: "no_show" }), "appeared")).toBe(false);
    for (const outcome of ["completed", "overhang", "consultant_change"] as const)
      expect(matchesOutcome(booking({ outcome }), "appeared")).toBe(true);
  });

  it("finds a customer by parts of the name in any case and accents, or by the phone as typed", () => {
    expect(matchesSearch(booking(), "muller")).toBe(true);
    expect(matchesSearch(booking(), "WEISS jor")).toBe(true);
    expect(matchesSearch(booking(), "weiss anna")).toBe(false);
    expect(matchesSearch(booking(), "0171 234")).toBe(true);
    expect(matchesSearch(booking(), "0049 171 2345678")).toBe(true);
    expect(matchesSearch(booking(), "+49 171 2345")).toBe(true);
    expect(matchesSearch(booking(), "0172 234")).toBe(false);
  });
});
