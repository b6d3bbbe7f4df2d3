import { describe, expect, it } from "vitest";
import { placesPerConsultant, slotCapacity } from "../../../shared/domain/booking/capacity.ts";
import { defaultSlotTemplate, slotTemplateSchema } from "../../../shared/domain/booking/slot-template.ts";

describe("slotCapacity", () => {
  it("is available consultants × 4 by default", () => {
    expect(slotCapacity(defaultSlotTemplate, "2026-03-23", "09:00", 3)).toBe(12);
    expect(slotCapacity(defaultSlotTemplate, "2026-03-23", "09:00", 0)).toBe(0);
  });

  it("uses the most specific override", () => {
    const template = slotTemplateSchema.parse({
      placesOverrides: [
        { weekday: "fri", places: 2 },
        { time: "20:00", places: 3 },
        { weekday: "mon", time: "20:00", places: 1 },
        { weekday: "fri", time: "14:00", places: 5 },
      ],
    });
    expect(placesPerConsultant(template, "2026-03-23", "20:00")).toBe(1); // Monday 20:00
    expect(placesPerConsultant(template, "2026-03-24", "20:00")).toBe(3); // Tuesday 20:00
    expect(placesPerConsultant(template, "2026-03-27", "14:00")).toBe(5); // Friday 14:00
    expect(placesPerConsultant(template, "2026-03-27", "09:00")).toBe(2); // Friday, other time
    expect(placesPerConsultant(template, "2026-03-24", "09:00")).toBe(4); // default
    expect(slotCapacity(template, "2026-03-27", "09:00", 5)).toBe(10);
  });

  it("allows an override of 0 places", () => {
    const template = slotTemplateSchema.parse({ placesOverrides: [{ time: "20:00", places: 0 }] });
    expect(slotCapacity(template, "2026-03-23", "20:00", 7)).toBe(0);
  });

  it("refuses impossible consultant counts", () => {
    expect(() => slotCapacity(defaultSlotTemplate, "2026-03-23", "09:00", -1)).toThrow(RangeError);
    expect(() => slotCapacity(defaultSlotTemplate, "2026-03-23", "09:00", 1.5)).toThrow(RangeError);
  });
});
