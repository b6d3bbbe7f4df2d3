import { describe, expect, it } from "vitest";
import { bookingSchema, outcomeInputSchema } from "../../../shared/contracts/booking.ts";
import {
  eventOutcome,
  outcomeSchema,
  potentialClassSchema,
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
  ] as const)("colour %s → appeared, %s", (colorId, potentialClass) => {
    expect(eventOutcome({ summary: "Muster, Max", colorId })).toEqual({
      outcome: "appeared",
      potentialClass,
      freesSlot: false,
    });
  });

  it.each([
    ["11", "no_show"],
    ["6", "cancelled"],
    ["4", "consultant_change"],
  ] as const)("colour %s → %s, place stays taken", (colorId, outcome) => {
    expect(eventOutcome({ summary: "Muster, Max", colorId })).toEqual({ outcome, freesSlot: false });
  });

  it.each(["Muster, Max (abgesagt)", "Muster, Max (VERSCHOBEN)", "(Exit) Muster, Max"])(
    "title %s → cancelled and frees the slot, whatever the colour",
    (summary) => {
      expect(eventOutcome({ summary })).toEqual({ outcome: "cancelled", freesSlot: true });
      expect(eventOutcome({ summary, colorId: "2" })).toEqual({ outcome: "cancelled", freesSlot: true });
    },
  );

  it("needs the brackets around the marker", () => {
    expect(eventOutcome({ summary: "Muster, Max abgesagt?", colorId: "2" }).outcome).toBe("appeared");
  });

  it("treats a deleted event as cancelled and freed", () => {
    expect(eventOutcome({ summary: "Muster, Max", colorId: "2", status: "cancelled" })).toEqual({
      outcome: "cancelled",
      freesSlot: true,
    });
  });

  it("is pending without a colour or with a colour without meaning", () => {
    expect(eventOutcome({ summary: "Muster, Max" })).toEqual({ outcome: "pending", freesSlot: false });
    expect(eventOutcome({ summary: null, colorId: null })).toEqual({ outcome: "pending", freesSlot: false });
    expect(eventOutcome({ colorId: "1" }).outcome).toBe("pending");
    expect(eventOutcome({ colorId: "8" }).outcome).toBe("pending");
    expect(eventOutcome({ colorId: "constructor" }).outcome).toBe("pending");
  });
});

describe("outcome enums", () => {
  it("are the very schemas the API validates and answers with (no copy can drift)", () => {
    expect(bookingSchema.shape.outcome).toBe(outcomeSchema);
    expect(outcomeInputSchema.shape.outcome.options).toEqual(outcomeSchema.exclude(["pending"]).options);
    expect(outcomeInputSchema.shape.potentialClass.unwrap()).toBe(potentialClassSchema);
    expect(routes.setBookingOutcome.request.body).toBe(outcomeInputSchema);
    expect(outcomeInputSchema.safeParse({ outcome: "noshow" }).error?.issues[0]?.message).toBe(
      "Unbekanntes Ergebnis",
    );
  });

  it("lists the outcomes and classes", () => {
    expect(outcomeSchema.options).toEqual([
      "pending",
      "appeared",
      "no_show",
      "cancelled",
      "consultant_change",
    ]);
    expect(potentialClassSchema.options).toEqual(["normal", "top", "closer_needed", "recall", "standard"]);
    expect(outcomeSchema.safeParse("noshow").error?.issues[0]?.message).toBe("Unbekanntes Ergebnis");
  });
});
