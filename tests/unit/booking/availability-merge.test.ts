import { describe, expect, it } from "vitest";
import { type AvailabilityPorts, generateAvailability } from "../../../functions/availability/generate.ts";
import type { SlotOffer, StoredSlot } from "../../../shared/data/slots-repository.ts";
import type { CalendarEvent } from "../../../shared/domain/booking/availability.ts";
import { slotTemplateSchema, withTimeZone } from "../../../shared/domain/booking/slot-template.ts";

/** Monday 2028-03-13, the day after New York springs forward (EDT, UTC−4). */
const now = new Date("2028-03-13T12:00:00Z");

function slot(date: string, time: string, start: string, consultants: string[], booked: number): StoredSlot {
  const end = new Date(Date.parse(start) + 2 * 3_600_000).toISOString();
  const places = Object.fromEntries(consultants.map((id) => [id, 4]));
  const bookedBy: Record<string, number> = consultants[0] ? { [consultants[0]]: booked } : {};
  return {
    date,
    time,
    start,
    end,
    consultants,
    places,
    capacity: consultants.length * 4,
    booked,
    bookedBy,
    updatedAt: "before",
  };
}

/** The job's ports in memory: a template in New York, two consultants, one of whose calendars fails. */
function ports(previous: StoredSlot[], calendars: Record<string, CalendarEvent[] | Error>) {
  const written: SlotOffer[] = [];
  const memory: AvailabilityPorts = {
    slotTemplate: async () => withTimeZone(slotTemplateSchema.parse({ horizonDays: 2 }), "America/New_York"),
    listConsultants: async () => [
      { id: "c1", name: "Eins", calendarId: "cal-1", active: true },
      { id: "c2", name: "Zwei", calendarId: "cal-2", active: true },
      { id: "c3", name: "Inaktiv", calendarId: "cal-3", active: false },
    ],
    listEvents: async (calendarId, _from, _to, onRequest = () => undefined) => {
      onRequest();
      const events = calendars[calendarId] ?? [];
      if (events instanceof Error) throw events;
      return events;
    },
    listSlots: async (from, to) => previous.filter((stored) => stored.date >= from && stored.date <= to),
    writeSlotOffer: async (offer) => {
      written.push(offer);
    },
    // No bookings stored here: rebalancing (tested elsewhere) finds nothing to move.
    listBookingsOnDay: async () => [],
    listOverCapacity: async () => [],
    reassignBooking: async () => "changed",
    setOverCapacity: async () => "changed",
  };
  return { memory, written };
}

describe("generateAvailability: merging calendar offers with the stored slots", () => {
  it("computes slots in the template's zone, keeps a failed calendar's offer, reports lost slots", async () => {
    const previous = [
      // c2 offered Tuesday 09:00 before; its calendar fails now, so the offer stays (no write).
      slot("2028-03-14", "09:00", "2028-03-14T13:00:00.000Z", ["c2"], 1),
      // c1 offered Tuesday 11:00 and no longer does: lost, with its 2 bookings.
      slot("2028-03-14", "11:00", "2028-03-14T15:00:00.000Z", ["c1"], 2),
      // A time the template no longer has: stops being offered.
      slot("2028-03-14", "10:00", "2028-03-14T14:00:00.000Z", ["c1"], 0),
    ];
    const { memory, written } = ports(previous, {
      // Ready all Monday, as an all-day event: its day is New York's, so 18:00 and 20:00 are covered.
      "cal-1": [
        { id: "e1", summary: "T1-bereit", start: { date: "2028-03-13" }, end: { date: "2028-03-14" } },
      ],
      "cal-2": new Error("calendar down"),
    });
    const run = await generateAvailability(now, memory);

    expect(run).toMatchObject({ consultants: 2, slots: 12, googleCalls: 2 });
    expect(run.failedConsultants).toEqual([{ id: "c2", name: "Zwei", reason: expect.any(String) }]);
    const offer = (date: string, time: string) =>
      written.find((candidate) => candidate.date === date && candidate.time === time);
    for (const time of ["09:00", "11:00", "14:00", "16:00", "18:00", "20:00"]) {
      expect(offer("2028-03-13", time)).toMatchObject({ consultants: ["c1"], capacity: 4 });
    }
    // Wall-clock times in New York after the change: 09:00 EDT = 13:00Z, 20:00 EDT = 00:00Z next day.
    expect(offer("2028-03-13", "09:00")?.start).toBe("2028-03-13T13:00:00.000Z");
    expect(offer("2028-03-13", "20:00")?.start).toBe("2028-03-14T00:00:00.000Z");
    expect(offer("2028-03-14", "09:00")).toBeUndefined();
    expect(offer("2028-03-14", "11:00")).toMatchObject({
      consultants: [],
      capacity: 0,
      lostAllAt: now.toISOString(),
    });
    expect(offer("2028-03-14", "10:00")).toMatchObject({ consultants: [], capacity: 0 });
    expect(run.lostSlots).toEqual([
      { date: "2028-03-14", time: "11:00", booked: 2 },
      { date: "2028-03-14", time: "10:00", booked: 0 },
    ]);
    expect(run.changedSlots).toBe(written.length);
  });
});
