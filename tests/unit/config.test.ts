import { describe, expect, it } from "vitest";
import { parseConfig } from "../../shared/config.ts";

const onAws = {
  AWS_LAMBDA_FUNCTION_NAME: "SlotBooking-prod-Api-Feature-booking",
  AWS_REGION: "eu-central-1",
  TABLE_NAME: "SlotBooking-prod-Data-Table",
  EXPORT_BUCKET: "slotbooking-prod-exports",
  TIMEZONE: "Europe/Berlin",
  CENTRAL_CALENDAR_ID: "termine@example.com",
  APP_VERSION: "abc1234",
};

describe("configuration", () => {
  it("falls back to the local platform's defaults outside Lambda", () => {
    const local = parseConfig({});
    expect(local.TABLE_NAME).toBe("slot-booking");
    expect(local.CENTRAL_CALENDAR_ID).toBe("central@demo.local");
  });

  it("takes what the stack sets on AWS", () => {
    expect(parseConfig(onAws)).toMatchObject({ TABLE_NAME: onAws.TABLE_NAME, CONSULTANTS: "" });
  });

  it("fails fast on AWS when a required variable is missing or empty, naming it but no value", () => {
    const { TABLE_NAME: _table, ...withoutTable } = onAws;
    expect(() => parseConfig(withoutTable)).toThrow(/TABLE_NAME/);
    expect(() => parseConfig({ ...onAws, CENTRAL_CALENDAR_ID: "" })).toThrow(/CENTRAL_CALENDAR_ID/);
    const { EXPORT_BUCKET: _bucket, TIMEZONE: _zone, ...withoutTwo } = onAws;
    expect(() => parseConfig(withoutTwo)).toThrow(
      "configuration incomplete on AWS: set EXPORT_BUCKET, TIMEZONE",
    );
  });
});
