import { beforeAll, describe, expect, inject, it } from "vitest";
import { calendarApi } from "../support/booking.ts";

let generateAvailability: typeof import("../../functions/availability/generate.ts").generateAvailability;
let listSlots: typeof import("../../shared/data/slots-repository.ts").listSlots;
let listConsultants: typeof import("../../shared/data/consultants-repository.ts").listConsultants;
let resetConfig: typeof import("../../shared/config.ts").resetConfig;

beforeAll(async () => {
  // The job runs in this process against the same DynamoDB Local and calendar emulator.
  process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
  process.env.S3_ENDPOINT = inject("s3Endpoint");
  process.env.GOOGLE_CALENDAR_API_URL = inject("calendarUrl");
  ({ generateAvailability } = await import("../../functions/availability/generate.ts"));
  ({ listSlots } = await import("../../shared/data/slots-repository.ts"));
  ({ listConsultants } = await import("../../shared/data/consultants-repository.ts"));
  ({ resetConfig } = await import("../../shared/config.ts"));
});

describe("slots across a daylight-saving change", () => {
  it("stores Berlin wall-clock slots as the right UTC instants in the week clocks spring forward", async () => {
    // Europe/Berlin moves to summer time on Sunday 2027-03-28.
    const run = await generateAvailability(new Date("2027-03-22T04:00:00Z"));
    expect(run.slots).toBeGreaterThan(0);
    const slots = await listSlots("2027-03-24", "2027-03-31");
    const at = (date: string, time: string) => slots.find((slot) => slot.date === date && slot.time === time);
    expect(at("2027-03-24", "14:00")).toMatchObject({ start: "2027-03-24T13:00:00.000Z" });
    expect(at("2027-03-25", "09:00")).toMatchObject({
      start: "2027-03-25T08:00:00.000Z",
      end: "2027-03-25T10:00:00.000Z",
    });
    expect(at("2027-03-30", "09:00")).toMatchObject({
      start: "2027-03-30T07:00:00.000Z",
      end: "2027-03-30T09:00:00.000Z",
    });
    expect(at("2027-03-31", "20:00")).toMatchObject({ start: "2027-03-31T18:00:00.000Z" });
    // Good Friday (03-26), the weekend and Easter Monday (03-29) are NRW holidays or have no slots.
    expect(slots.filter((slot) => slot.date >= "2027-03-26" && slot.date <= "2027-03-29")).toEqual([]);
  });

  it("and in the week they fall back", async () => {
    // …and back to winter time on Sunday 2027-10-31.
    await generateAvailability(new Date("2027-10-25T04:00:00Z"));
    const slots = await listSlots("2027-10-29", "2027-11-02");
    const at = (date: string, time: string) => slots.find((slot) => slot.date === date && slot.time === time);
    expect(at("2027-10-29", "09:00")?.start).toBe("2027-10-29T07:00:00.000Z");
    // 2027-11-01 is All Saints' Day, a public holiday in NRW: no slots.
    expect(slots.some((slot) => slot.date === "2027-11-01")).toBe(false);
    expect(at("2027-11-02", "09:00")?.start).toBe("2027-11-02T08:00:00.000Z");
  });
});

describe("slots in another zone", () => {
  it("follows TIMEZONE (the template names no zone) across New York's spring-forward, evening slots included", async () => {
    // Prepare: TIMEZONE=America/New_York for the job in this process; one consultant ready all of
    // Monday 2028-03-13 (an all-day event, so its day is the zone's), the day after the US change.
    const previousZone = process.env.TIMEZONE;
    process.env.TIMEZONE = "America/New_York";
    resetConfig();
    const consultant = (await listConsultants()).find((candidate) => candidate.active);
    if (!consultant) throw new Error("no active consultant");
    const ready = await calendarApi().events.insert({
      calendarId: consultant.calendarId,
      requestBody: { summary: "T1-bereit", start: { date: "2028-03-13" }, end: { date: "2028-03-14" } },
    });
    try {
      // Act
      await generateAvailability(new Date("2028-03-06T12:00:00Z"));
      // Assess: 09:00 is 14:00Z under EST (UTC−5) and 13:00Z under EDT (UTC−4).
      const slots = await listSlots("2028-03-09", "2028-03-13");
      const at = (date: string, time: string) =>
        slots.find((slot) => slot.date === date && slot.time === time);
      expect(at("2028-03-09", "09:00")?.start).toBe("2028-03-09T14:00:00.000Z");
      expect(at("2028-03-13", "09:00")?.start).toBe("2028-03-13T13:00:00.000Z");
      expect(at("2028-03-13", "20:00")?.start).toBe("2028-03-14T00:00:00.000Z");
      for (const time of ["09:00", "11:00", "14:00", "16:00", "18:00", "20:00"]) {
        expect(at("2028-03-13", time)?.consultants).toContain(consultant.id);
      }
    } finally {
      await calendarApi().events.delete({ calendarId: consultant.calendarId, eventId: ready.data.id! });
      if (previousZone === undefined) delete process.env.TIMEZONE;
      else process.env.TIMEZONE = previousZone;
      resetConfig();
    }
  });
});
