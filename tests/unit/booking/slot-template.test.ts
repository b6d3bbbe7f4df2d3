import { describe, expect, it } from "vitest";
import {
  dayBounds,
  defaultSlotTemplate,
  generateSlots,
  localDate,
  type SlotTemplate,
  slotAt,
  slotTemplateSchema,
  weekdayOf,
  withTimeZone,
} from "../../../shared/domain/booking/slot-template.ts";

const template = defaultSlotTemplate;
const withTemplate = (input: Parameters<typeof slotTemplateSchema.parse>[0]): SlotTemplate =>
  withTimeZone(slotTemplateSchema.parse(input));

describe("slotTemplateSchema", () => {
  it("defaults to DESIGN.md's template, its zone left to the deployment", () => {
    expect(slotTemplateSchema.parse({})).toEqual({
      slotMinutes: 120,
      horizonDays: 56,
      times: {
        mon: ["09:00", "11:00", "14:00", "16:00", "18:00", "20:00"],
        tue: ["09:00", "11:00", "14:00", "16:00", "18:00", "20:00"],
        wed: ["09:00", "11:00", "14:00", "16:00", "18:00", "20:00"],
        thu: ["09:00", "11:00", "14:00", "16:00", "18:00", "20:00"],
        fri: ["09:00", "11:00", "14:00"],
        sat: [],
        sun: [],
      },
      placesPerConsultant: 4,
      placesOverrides: [],
      holidayState: "NW",
      companyHolidays: [],
    });
  });

  it("fills missing weekdays with defaults and hands out fresh arrays", () => {
    const parsed = withTemplate({ times: { fri: ["10:00"] } });
    expect(parsed.times.fri).toEqual(["10:00"]);
    expect(parsed.times.mon).toHaveLength(6);
    parsed.times.mon.push("22:00");
    expect(slotTemplateSchema.parse({}).times.mon).toHaveLength(6);
  });

  it("takes the template's own zone, else the fallback (the deployment's TIMEZONE)", () => {
    expect(withTimeZone(slotTemplateSchema.parse({}), "America/New_York").timeZone).toBe("America/New_York");
    expect(
      withTimeZone(slotTemplateSchema.parse({ timeZone: "Asia/Tokyo" }), "America/New_York").timeZone,
    ).toBe("Asia/Tokyo");
    expect(defaultSlotTemplate.timeZone).toBe("Europe/Berlin");
  });

  it("keeps the defaults frozen", () => {
    expect(() => (defaultSlotTemplate.times.mon as string[]).push("22:00")).toThrow(TypeError);
  });

  it("round-trips its own output", () => {
    const parsed = withTemplate({ placesOverrides: [{ weekday: "fri", time: "14:00", places: 2 }] });
    expect(slotTemplateSchema.parse(parsed)).toEqual(parsed);
  });

  it.each([
    [{ timeZone: "Mars/Olympus" }, "timeZone"],
    [{ slotMinutes: 0 }, "slotMinutes"],
    [{ horizonDays: 1.5 }, "horizonDays"],
    [{ times: { mon: ["9:00"] } }, "times.mon.0"],
    [{ times: { mon: ["24:00"] } }, "times.mon.0"],
    [{ times: { mon: ["09:00", "09:00", "11:00"] } }, "times.mon"],
    [{ times: { tue: ["09:00", "10:00"] } }, "times.tue"],
    [{ holidayState: "XX" }, "holidayState"],
    [{ companyHolidays: ["2026-02-30"] }, "companyHolidays.0"],
    [{ placesOverrides: [{ weekday: "mo", places: 2 }] }, "placesOverrides.0.weekday"],
    [{ placesOverrides: [{ time: "11:00", places: -1 }] }, "placesOverrides.0.places"],
  ])("rejects %j at %s", (input, path) => {
    const result = slotTemplateSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toContain(path);
  });
});

describe("generateSlots", () => {
  it("generates Mon–Thu six and Fri three slots, none at weekends", () => {
    const slots = generateSlots(template, "2026-03-16", 7);
    expect(slots).toHaveLength(4 * 6 + 3);
    expect(slots.filter((slot) => slot.date === "2026-03-20").map((slot) => slot.time)).toEqual([
      "09:00",
      "11:00",
      "14:00",
    ]);
    expect(slots.some((slot) => ["2026-03-21", "2026-03-22"].includes(slot.date))).toBe(false);
  });

  it("defaults to the template's horizon", () => {
    const slots = generateSlots(template, "2026-01-05");
    expect(slots.at(-1)!.date <= "2026-03-01").toBe(true);
    expect(slots.at(-1)!.date).toBe("2026-02-27"); // last Friday in 56 days from Monday 5 January
  });

  it("is correct across the spring DST change (week of 2026-03-23)", () => {
    const slots = generateSlots(template, "2026-03-23", 8);
    const at = (date: string, time: string) => slots.find((slot) => slot.date === date && slot.time === time);
    // CET (UTC+1) before the change on Sunday 29 March…
    expect(at("2026-03-23", "09:00")).toEqual({
      date: "2026-03-23",
      time: "09:00",
      start: "2026-03-23T08:00:00.000Z",
      end: "2026-03-23T10:00:00.000Z",
    });
    expect(at("2026-03-27", "14:00")?.start).toBe("2026-03-27T13:00:00.000Z");
    // …CEST (UTC+2) after it.
    expect(at("2026-03-30", "09:00")).toEqual({
      date: "2026-03-30",
      time: "09:00",
      start: "2026-03-30T07:00:00.000Z",
      end: "2026-03-30T09:00:00.000Z",
    });
    expect(at("2026-03-30", "20:00")?.end).toBe("2026-03-30T20:00:00.000Z");
  });

  it("is correct across the autumn DST change (week of 2026-10-19)", () => {
    const slots = generateSlots(template, "2026-10-19", 8);
    const at = (date: string, time: string) => slots.find((slot) => slot.date === date && slot.time === time);
    expect(at("2026-10-19", "09:00")?.start).toBe("2026-10-19T07:00:00.000Z");
    expect(at("2026-10-23", "14:00")?.start).toBe("2026-10-23T12:00:00.000Z");
    expect(at("2026-10-26", "09:00")?.start).toBe("2026-10-26T08:00:00.000Z");
    expect(at("2026-10-26", "09:00")?.end).toBe("2026-10-26T10:00:00.000Z");
  });

  it("handles slots on the change days themselves", () => {
    const sundays = withTemplate({ times: { sun: ["01:00", "09:00"] } });
    // 01:00 CET + 2 real hours = 04:00 CEST.
    expect(generateSlots(sundays, "2026-03-29", 1)).toEqual([
      {
        date: "2026-03-29",
        time: "01:00",
        start: "2026-03-29T00:00:00.000Z",
        end: "2026-03-29T02:00:00.000Z",
      },
      {
        date: "2026-03-29",
        time: "09:00",
        start: "2026-03-29T07:00:00.000Z",
        end: "2026-03-29T09:00:00.000Z",
      },
    ]);
    expect(generateSlots(sundays, "2026-10-25", 1).map((slot) => slot.start)).toEqual([
      "2026-10-24T23:00:00.000Z",
      "2026-10-25T08:00:00.000Z",
    ]);
  });

  it("skips a nonexistent spring time and takes the earlier instant of a doubled autumn time", () => {
    const night = withTemplate({ slotMinutes: 60, times: { sun: ["02:30"] } });
    expect(generateSlots(night, "2026-03-29", 1)).toEqual([]);
    expect(generateSlots(night, "2026-10-25", 1)).toEqual([
      {
        date: "2026-10-25",
        time: "02:30",
        start: "2026-10-25T00:30:00.000Z",
        end: "2026-10-25T01:30:00.000Z",
      },
    ]);
  });

  it("skips holidays of the configured state and company holidays", () => {
    const slots = generateSlots(withTemplate({ companyHolidays: ["2026-06-05"] }), "2026-06-01", 7);
    const dates = new Set(slots.map((slot) => slot.date));
    expect([...dates]).toEqual(["2026-06-01", "2026-06-02", "2026-06-03"]); // 4 June Fronleichnam, 5 June company
    const withReason = slotTemplateSchema.parse({
      companyHolidays: [{ date: "2026-06-05", reason: "Brückentag" }],
    });
    const reasoned = generateSlots(withTimeZone(withReason), "2026-06-01", 7);
    expect(reasoned.some((slot) => slot.date === "2026-06-05")).toBe(false);
    const berlin = generateSlots(withTemplate({ holidayState: "BE" }), "2026-06-01", 7);
    expect(berlin.some((slot) => slot.date === "2026-06-04")).toBe(true);
    // Karfreitag and Ostermontag 2026.
    const easter = new Set(generateSlots(template, "2026-03-30", 14).map((slot) => slot.date));
    expect(easter.has("2026-04-03")).toBe(false);
    expect(easter.has("2026-04-06")).toBe(false);
    expect(easter.has("2026-04-02")).toBe(true);
  });

  it("uses the template's time zone", () => {
    const london = withTemplate({ timeZone: "Europe/London" });
    expect(generateSlots(london, "2026-01-05", 1)[0]?.start).toBe("2026-01-05T09:00:00.000Z");
  });

  it("sorts times and crosses month and year ends", () => {
    const unsorted = withTemplate({ times: { thu: ["14:00", "09:00"] } });
    expect(
      generateSlots(unsorted, "2026-01-01", 8)
        .filter((s) => s.date === "2026-01-08")
        .map((s) => s.time),
    ).toEqual(["09:00", "14:00"]);
    expect(new Set(generateSlots(template, "2026-12-28", 8).map((slot) => slot.date))).toEqual(
      new Set(["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-04"]),
    );
  });

  it("rejects bad arguments", () => {
    expect(() => generateSlots(template, "2026-13-01", 1)).toThrow(RangeError);
    expect(() => generateSlots(template, "2026-01-01", -1)).toThrow(RangeError);
    expect(generateSlots(template, "2026-01-05", 0)).toEqual([]);
  });
});

describe("slotAt", () => {
  it("finds offered slots only", () => {
    expect(slotAt(template, "2026-03-30", "09:00")?.start).toBe("2026-03-30T07:00:00.000Z");
    expect(slotAt(template, "2026-03-27", "16:00")).toBeUndefined(); // Friday
    expect(slotAt(template, "2026-03-28", "09:00")).toBeUndefined(); // Saturday
    expect(slotAt(template, "2026-04-03", "09:00")).toBeUndefined(); // Karfreitag
    expect(slotAt(template, "2026-03-30", "10:00")).toBeUndefined();
    expect(slotAt(template, "2026-02-30", "09:00")).toBeUndefined();
  });
});

describe("local dates", () => {
  it("names weekdays", () => {
    expect(weekdayOf("2026-03-23")).toBe("mon");
    expect(weekdayOf("2026-03-29")).toBe("sun");
  });

  it("takes today's date in the zone, not in UTC", () => {
    expect(localDate(new Date("2026-03-29T22:30:00Z"), "Europe/Berlin")).toBe("2026-03-30");
    expect(localDate(Date.parse("2026-03-29T21:30:00Z"), "Europe/Berlin")).toBe("2026-03-29");
  });

  it("bounds local days, 23 and 25 hours long on change days", () => {
    expect(dayBounds("2026-03-29", "Europe/Berlin")).toEqual({
      start: "2026-03-28T23:00:00.000Z",
      end: "2026-03-29T22:00:00.000Z",
    });
    expect(dayBounds("2026-10-25", "Europe/Berlin")).toEqual({
      start: "2026-10-24T22:00:00.000Z",
      end: "2026-10-25T23:00:00.000Z",
    });
  });
});
