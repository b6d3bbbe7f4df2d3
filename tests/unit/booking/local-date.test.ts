import { describe, expect, it } from "vitest";
import { addDays, datesBetween, daysBetween, localDate } from "../../../shared/domain/booking/local-date.ts";

describe("day arithmetic on local dates", () => {
  it("counts calendar days, across month ends, leap days and DST changes alike", () => {
    expect(daysBetween("2028-02-28", "2028-03-01")).toBe(2);
    expect(daysBetween("2027-03-27", "2027-03-29")).toBe(2);
    expect(daysBetween("2026-01-10", "2026-01-03")).toBe(-7);
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });

  it("lists the dates of a range, both ends included, none for a reversed range", () => {
    expect(datesBetween("2026-02-27", "2026-03-02")).toEqual([
      "2026-02-27",
      "2026-02-28",
      "2026-03-01",
      "2026-03-02",
    ]);
    expect(datesBetween("2026-03-02", "2026-03-01")).toEqual([]);
  });

  it("gives the local date in a zone at an instant", () => {
    const instant = new Date("2028-03-14T03:30:00Z");
    expect(localDate(instant, "America/New_York")).toBe("2028-03-13");
    expect(localDate(instant, "Europe/Berlin")).toBe("2028-03-14");
  });
});
