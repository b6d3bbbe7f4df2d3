import { describe, expect, it } from "vitest";
import { normalizePhone } from "../../../shared/domain/booking/booking-input.ts";
import { formatPhone } from "../../../shared/phone-format.ts";

describe("phone numbers", () => {
  it("refuses numbers that cannot exist, keeps real ones as E.164", () => {
    expect(normalizePhone("0171 23")).toEqual({ ok: false, message: "booking.phoneInvalid" });
    expect(normalizePhone("+49 171 234")).toMatchObject({ ok: false });
    expect(normalizePhone("0171 1234567")).toEqual({ ok: true, phone: "+491711234567" });
    expect(normalizePhone("0221 9876543")).toEqual({ ok: true, phone: "+492219876543" });
    expect(normalizePhone("+43 1 5880 0")).toMatchObject({ ok: true });
  });

  it("groups a stored number for reading it back", () => {
    expect(formatPhone("+492219876543")).toBe("+49 221 9876543");
    expect(formatPhone("+491711234567")).toBe("+49 171 1234567");
    expect(formatPhone("not a number")).toBe("not a number");
  });
});
