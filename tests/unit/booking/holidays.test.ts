import { describe, expect, it } from "vitest";
import {
  blockedDateReason,
  easterSunday,
  germanStates,
  isBlockedDate,
  publicHolidays,
} from "../../../shared/domain/booking/holidays.ts";

const datesOf = (state: Parameters<typeof publicHolidays>[0], year: number) =>
  publicHolidays(state, year).map((holiday) => holiday.date);

describe("easterSunday", () => {
  it.each([
    [1818, "1818-03-22"], // earliest possible
    [1943, "1943-04-25"], // latest possible
    [2000, "2000-04-23"],
    [2019, "2019-04-21"],
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2038, "2038-04-25"],
    [2285, "2285-03-22"],
  ])("%i → %s", (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it("refuses years outside the Gregorian rule's range", () => {
    expect(() => easterSunday(1582)).toThrow(RangeError);
    expect(() => easterSunday(2026.5)).toThrow(RangeError);
  });
});

describe("publicHolidays", () => {
  it("lists the 2026 NRW holidays with German names, sorted", () => {
    expect(publicHolidays("NW", 2026)).toEqual([
      { date: "2026-01-01", name: "Neujahr" },
      { date: "2026-04-03", name: "Karfreitag" },
      { date: "2026-04-06", name: "Ostermontag" },
      { date: "2026-05-01", name: "Tag der Arbeit" },
      { date: "2026-05-14", name: "Christi Himmelfahrt" },
      { date: "2026-05-25", name: "Pfingstmontag" },
      { date: "2026-06-04", name: "Fronleichnam" },
      { date: "2026-10-03", name: "Tag der Deutschen Einheit" },
      { date: "2026-11-01", name: "Allerheiligen" },
      { date: "2026-12-25", name: "1. Weihnachtstag" },
      { date: "2026-12-26", name: "2. Weihnachtstag" },
    ]);
  });

  it.each([
    ["BW", 12],
    ["BY", 12],
    ["BE", 10],
    ["BB", 12],
    ["HB", 10],
    ["HH", 10],
    ["HE", 12],
    ["MV", 11],
    ["NI", 10],
    ["NW", 11],
    ["RP", 11],
    ["SL", 12],
    ["SN", 11],
    ["ST", 11],
    ["SH", 10],
    ["TH", 11],
  ] as const)("%s has %i statewide holidays in 2026", (state, count) => {
    expect(publicHolidays(state, 2026)).toHaveLength(count);
  });

  it("covers all 16 states and the nationwide holidays everywhere", () => {
    expect(germanStates).toHaveLength(16);
    for (const state of germanStates) {
      const dates = datesOf(state, 2026);
      for (const date of ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-01", "2026-05-14"]) {
        expect(dates).toContain(date);
      }
      for (const date of ["2026-05-25", "2026-10-03", "2026-12-25", "2026-12-26"]) {
        expect(dates).toContain(date);
      }
    }
  });

  it("applies the state-specific fixed holidays", () => {
    expect(datesOf("BY", 2026)).toContain("2026-01-06");
    expect(datesOf("NW", 2026)).not.toContain("2026-01-06");
    expect(datesOf("BE", 2026)).toContain("2026-03-08");
    expect(datesOf("SL", 2026)).toContain("2026-08-15");
    expect(datesOf("BY", 2026)).not.toContain("2026-08-15");
    expect(datesOf("TH", 2026)).toContain("2026-09-20");
    expect(datesOf("NI", 2026)).toContain("2026-10-31");
    expect(datesOf("NW", 2026)).not.toContain("2026-10-31");
    expect(datesOf("RP", 2026)).toContain("2026-11-01");
    expect(datesOf("HE", 2026)).not.toContain("2026-11-01");
  });

  it("finds Buß- und Bettag on the Wednesday before 23 November, in Saxony only", () => {
    expect(publicHolidays("SN", 2026)).toContainEqual({ date: "2026-11-18", name: "Buß- und Bettag" });
    expect(datesOf("SN", 2024)).toContain("2024-11-20");
    expect(datesOf("SN", 2023)).toContain("2023-11-22"); // 22 Nov itself is a Wednesday
    expect(datesOf("BY", 2026)).not.toContain("2026-11-18");
  });

  it("respects the year a holiday was introduced", () => {
    expect(datesOf("MV", 2022)).not.toContain("2022-03-08");
    expect(datesOf("MV", 2023)).toContain("2023-03-08");
    expect(datesOf("BE", 2018)).not.toContain("2018-03-08");
    expect(datesOf("BE", 2019)).toContain("2019-03-08");
    expect(datesOf("HH", 2016)).not.toContain("2016-10-31");
    expect(datesOf("HH", 2018)).toContain("2018-10-31");
    expect(datesOf("TH", 2018)).not.toContain("2018-09-20");
    // 500 years of the Reformation: a holiday everywhere in 2017 only.
    expect(datesOf("NW", 2017)).toContain("2017-10-31");
    expect(datesOf("NW", 2018)).not.toContain("2018-10-31");
    expect(datesOf("BE", 2025)).toContain("2025-05-08");
    expect(datesOf("BE", 2026)).not.toContain("2026-05-08");
  });

  it("keeps both entries when two holidays fall on one date", () => {
    // 2008: Christi Himmelfahrt on 1 May.
    const firstOfMay = publicHolidays("NW", 2008).filter((holiday) => holiday.date === "2008-05-01");
    expect(firstOfMay.map((holiday) => holiday.name).sort()).toEqual([
      "Christi Himmelfahrt",
      "Tag der Arbeit",
    ]);
  });
});

describe("isBlockedDate", () => {
  const rules = { holidayState: "NW" as const, companyHolidays: ["2026-12-24", "2026-12-31"] };

  it("blocks public holidays of the configured state and company holidays", () => {
    expect(isBlockedDate(rules, "2026-04-03")).toBe(true);
    expect(isBlockedDate(rules, "2026-05-14")).toBe(true);
    expect(isBlockedDate(rules, "2026-06-04")).toBe(true);
    expect(isBlockedDate(rules, "2026-12-24")).toBe(true);
    expect(isBlockedDate(rules, "2026-04-02")).toBe(false);
    expect(isBlockedDate(rules, "2026-10-31")).toBe(false);
    expect(isBlockedDate({ ...rules, holidayState: "BB" }, "2026-10-31")).toBe(true);
    expect(isBlockedDate({ ...rules, holidayState: "BB" }, "2026-06-04")).toBe(false);
  });

  it("names the reason", () => {
    expect(blockedDateReason(rules, "2026-06-04")).toBe("Fronleichnam");
    expect(blockedDateReason(rules, "2026-12-31")).toBe("Betriebsurlaub");
    expect(blockedDateReason(rules, "2026-06-05")).toBeUndefined();
  });

  it("blocks a company holiday given with a reason, and names that reason", () => {
    const withReason = {
      ...rules,
      companyHolidays: [
        ...rules.companyHolidays,
        { date: "2026-06-05", reason: "Brückentag" },
        { date: "2026-06-08" },
      ],
    };
    expect(isBlockedDate(withReason, "2026-06-05")).toBe(true);
    expect(blockedDateReason(withReason, "2026-06-05")).toBe("Brückentag");
    expect(blockedDateReason(withReason, "2026-06-08")).toBe("Betriebsurlaub");
    expect(blockedDateReason(withReason, "2026-12-24")).toBe("Betriebsurlaub");
  });
});
