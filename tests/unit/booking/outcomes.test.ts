import { describe, expect, it } from "vitest";
import { bookingSchema, outcomeInputSchema } from "../../../shared/contracts/booking.ts";
import { bookingInputSchema } from "../../../shared/domain/booking/booking-input.ts";
import {
  calendarChange,
  eventOutcome,
  outcomeSchema,
  potentialClassSchema,
  potentialColors,
} from "../../../shared/domain/booking/outcomes.ts";
import { routes } from "../../../shared/http/routes.ts";

describe("eventOutcome", () => {
  it.each([
    ["2", "normal"],
    ["7", "top"],
    ["5", "closer_needed"],
    ["3", "recall"],
    ["9", "standard"],
    ["10", "standard"],
  ] as const)("colour %s → completed, %s", (colorId, potentialClass) => {
    expect(eventOutcome({ summary: "Muster, Max", colorId })).toEqual({
      outcome: "completed",
      potentialClass,
      freesSlot: false,
    });
  });

  it.each([
    ["8", "completed"],
    ["11", "no_show"],
    ["6", "cancelled"],
    ["4", "consultant_change"],
  ] as const)("colour %s → %s, place stays taken", (colorId, outcome) => {
    expect(eventOutcome({ summary: "Muster, Max", colorId })).toEqual({ outcome, freesSlot: false });
  });

  it.each([
    ["Muster, Max GHOST", "ghost"],
    ["Muster, Max nicht erschienen", "no_show"],
    ["Muster, Max - Nicht  Erschienen", "no_show"],
    ["Muster, Max abgesagt", "cancelled"],
    ["Muster, Max Überhang", "overhang"],
    ["Muster, Max ueberhang", "overhang"],
    ["Muster, Max verschoben", "rescheduled"],
  ] as const)("title keyword in %s → %s, beating the colour", (summary, outcome) => {
    for (const colorId of [undefined, "2", "11", "6", "4"]) {
      expect(eventOutcome({ summary, colorId }).outcome).toBe(outcome);
    }
    expect(eventOutcome({ summary, colorId: "7" })).toEqual({
      outcome,
      potentialClass: "top",
      freesSlot: false,
    });
  });

  it("checks keywords in the spec's order (ghost before the others)", () => {
    expect(eventOutcome({ summary: "Ghost, nicht erschienen, abgesagt" }).outcome).toBe("ghost");
    expect(eventOutcome({ summary: "nicht erschienen, abgesagt" }).outcome).toBe("no_show");
    expect(eventOutcome({ summary: "abgesagt überhang" }).outcome).toBe("cancelled");
  });

  it.each([
    ["Muster, Max (abgesagt)", "cancelled"],
    ["Muster, Max (VERSCHOBEN)", "rescheduled"],
    ["(Exit) Muster, Max", "cancelled"],
  ] as const)("bracketed marker %s → %s and frees the slot, whatever the colour", (summary, outcome) => {
    expect(eventOutcome({ summary })).toEqual({ outcome, freesSlot: true });
    expect(eventOutcome({ summary, colorId: "2" })).toEqual({ outcome, freesSlot: true });
  });

  it("treats a deleted event as cancelled and freed", () => {
    expect(eventOutcome({ summary: "Muster, Max", colorId: "2", status: "cancelled" })).toEqual({
      outcome: "cancelled",
      freesSlot: true,
    });
  });

  it("skips placeholder titles of digits only", () => {
    expect(eventOutcome({ summary: "123", colorId: "11" })).toEqual({ outcome: "pending", freesSlot: false });
    expect(eventOutcome({ summary: " 4 ", colorId: "2" }).outcome).toBe("pending");
  });

  it("is pending without a keyword and without a colour with a meaning", () => {
    expect(eventOutcome({ summary: "Muster, Max" })).toEqual({ outcome: "pending", freesSlot: false });
    expect(eventOutcome({ summary: null, colorId: null })).toEqual({ outcome: "pending", freesSlot: false });
    expect(eventOutcome({ colorId: "1" }).outcome).toBe("pending");
    expect(eventOutcome({ colorId: "constructor" }).outcome).toBe("pending");
  });
});

describe("calendarChange (what the outcome job writes)", () => {
  const completed = eventOutcome({ summary: "Muster, Max", colorId: "2" });
  const uncoloured = eventOutcome({ summary: "Muster, Max" });

  it("resolves a pending booking and carries a later recolouring over", () => {
    expect(calendarChange({ outcome: "pending", potentialClass: "standard" }, completed)).toEqual({
      outcome: "completed",
      potentialClass: "normal",
    });
    expect(
      calendarChange(
        { outcome: "completed", potentialClass: "normal", outcomeSource: "calendar" },
        eventOutcome({ colorId: "11" }),
      ),
    ).toEqual({ outcome: "no_show", potentialClass: "normal" });
  });

  it("writes nothing when the calendar says what the booking says", () => {
    expect(
      calendarChange(
        { outcome: "completed", potentialClass: "normal", outcomeSource: "calendar" },
        completed,
      ),
    ).toBeUndefined();
  });

  it("never downgrades to pending and never overrides a manual outcome", () => {
    expect(calendarChange({ outcome: "no_show", outcomeSource: "calendar" }, uncoloured)).toBeUndefined();
    expect(calendarChange({ outcome: "ghost", outcomeSource: "manual" }, completed)).toBeUndefined();
    expect(calendarChange({ outcome: "completed", outcomeSource: "manual" }, uncoloured)).toBeUndefined();
  });

  it("updates the class alone when the consultant recolours between completed colours", () => {
    expect(
      calendarChange(
        { outcome: "completed", potentialClass: "normal", outcomeSource: "calendar" },
        eventOutcome({ colorId: "3" }),
      ),
    ).toEqual({ outcome: "completed", potentialClass: "recall" });
  });
});

describe("potential classes", () => {
  it("are written as the colour that reads back as the same class", () => {
    for (const potentialClass of potentialClassSchema.options) {
      expect(eventOutcome({ colorId: potentialColors[potentialClass] })).toEqual({
        outcome: "completed",
        potentialClass,
        freesSlot: false,
      });
    }
    expect(potentialColors).toEqual({
      normal: "2",
      top: "7",
      closer_needed: "5",
      recall: "3",
      standard: "9",
    });
  });

  it("are an optional field of the booking body", () => {
    const body = {
      date: "2026-12-01",
      time: "11:00",
      firstName: "Max",
      lastName: "Muster",
      phone: "0171 1234567",
    };
    expect(bookingInputSchema.parse(body).potential).toBeUndefined();
    expect(bookingInputSchema.parse({ ...body, potential: "recall" }).potential).toBe("recall");
    expect(bookingInputSchema.safeParse({ ...body, potential: "vip" }).error?.issues[0]?.message).toBe(
      "booking.potentialUnknown",
    );
  });
});

describe("outcome enums", () => {
  it("are the very schemas the API validates and answers with (no copy can drift)", () => {
    expect(bookingSchema.shape.outcome).toBe(outcomeSchema);
    expect(outcomeInputSchema.shape.outcome.options).toEqual(outcomeSchema.exclude(["pending"]).options);
    expect(outcomeInputSchema.shape.potentialClass.unwrap()).toBe(potentialClassSchema);
    expect(routes.setBookingOutcome.request.body).toBe(outcomeInputSchema);
    expect(outcomeInputSchema.safeParse({ outcome: "noshow" }).error?.issues[0]?.message).toBe(
      "booking.outcomeUnknown",
    );
  });

  it("lists the outcomes and classes", () => {
    expect(outcomeSchema.options).toEqual([
      "pending",
      "completed",
      "overhang",
      "no_show",
      "ghost",
      "cancelled",
      "rescheduled",
      "consultant_change",
    ]);
    expect(potentialClassSchema.options).toEqual(["standard", "normal", "top", "closer_needed", "recall"]);
    expect(outcomeSchema.safeParse("appeared").success).toBe(false);
  });
});

describe("outcomeWindow (the days a run reads)", async () => {
  const { outcomeWindow } = await import("../../../functions/outcomes/check.ts");

  it("looks back 14 days up to today by default, or reads the given date or range", () => {
    expect(outcomeWindow({}, "2026-11-30")).toEqual({ from: "2026-11-16", to: "2026-11-30" });
    expect(outcomeWindow({ lookbackDays: 3 }, "2026-11-30")).toEqual({
      from: "2026-11-27",
      to: "2026-11-30",
    });
    expect(outcomeWindow({ date: "2026-11-01" }, "2026-11-30")).toEqual({
      from: "2026-11-01",
      to: "2026-11-01",
    });
    expect(outcomeWindow({ from: "2026-10-01", to: "2026-10-31" }, "2026-11-30")).toEqual({
      from: "2026-10-01",
      to: "2026-10-31",
    });
  });

  it("refuses a reversed or overlong range", () => {
    expect(() => outcomeWindow({ from: "2026-11-02", to: "2026-11-01" }, "2026-11-30")).toThrow(RangeError);
    expect(() => outcomeWindow({ from: "2026-01-01", to: "2026-11-01" }, "2026-11-30")).toThrow(RangeError);
  });
});
