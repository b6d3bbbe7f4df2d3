import { describe, expect, it } from "vitest";
import {
  type CalendarEvent,
  consultantAvailability,
  isReadyEvent,
  slotKey,
} from "../../../shared/domain/booking/availability.ts";
import {
  defaultSlotTemplate,
  defaultTimeZone,
  generateSlots,
  type Slot,
} from "../../../shared/domain/booking/slot-template.ts";

// Monday 23 March 2026 (CET) to Monday 30 March (CEST): the spring DST week.
const slots = generateSlots(defaultSlotTemplate, "2026-03-23", 8);
let nextId = 0;
const timed = (
  summary: string,
  start: string,
  end: string,
  extra: Partial<CalendarEvent> = {},
): CalendarEvent => ({
  id: `e${nextId++}`,
  summary,
  start: { dateTime: start },
  end: { dateTime: end },
  ...extra,
});
const allDay = (
  summary: string,
  start: string,
  end: string,
  extra: Partial<CalendarEvent> = {},
): CalendarEvent => ({
  id: `e${nextId++}`,
  summary,
  start: { date: start },
  end: { date: end },
  ...extra,
});
// Ready all Monday 23 March, 08:00–22:00 local.
const readyMonday = timed("T1-bereit", "2026-03-23T08:00:00+01:00", "2026-03-23T22:00:00+01:00");
const mondayKeys = ["09:00", "11:00", "14:00", "16:00", "18:00", "20:00"].map((time) =>
  slotKey("2026-03-23", time),
);
const available = (events: CalendarEvent[], on: readonly Slot[] = slots) =>
  consultantAvailability(events, on, { timeZone: defaultTimeZone });

describe("slotKey", () => {
  it("joins local date and time", () => {
    expect(slotKey("2026-03-23", "09:00")).toBe("2026-03-23T09:00");
  });
});

describe("isReadyEvent", () => {
  it.each([
    ["T1-bereit", true],
    ["T1 bereit", true],
    ["t1-BEREIT Köln", true],
    ["Heute T1 Bereit!", true],
    ["T1bereit", false],
    ["T2-bereit", false],
    ["bereit", false],
  ])("%s → %s", (summary, expected) => {
    expect(isReadyEvent({ summary })).toBe(expected);
  });

  it("treats a missing title as not ready", () => {
    expect(isReadyEvent({})).toBe(false);
    expect(isReadyEvent({ summary: null })).toBe(false);
  });
});

describe("consultantAvailability", () => {
  it("offers nothing without a ready event", () => {
    expect(available([])).toEqual(new Set());
    expect(
      available([timed("Kundentermin", "2026-03-23T08:00:00+01:00", "2026-03-23T22:00:00+01:00")]),
    ).toEqual(new Set());
  });

  it("offers the slots a ready event covers completely", () => {
    expect(available([readyMonday])).toEqual(new Set(mondayKeys));
    const partial = timed("T1 bereit", "2026-03-23T09:30:00+01:00", "2026-03-23T13:00:00+01:00");
    expect(available([partial])).toEqual(new Set([slotKey("2026-03-23", "11:00")]));
    const exact = timed("t1-bereit", "2026-03-23T08:00:00Z", "2026-03-23T10:00:00Z");
    expect(available([exact])).toEqual(new Set([slotKey("2026-03-23", "09:00")]));
  });

  it("joins touching ready events", () => {
    const events = [
      timed("T1-bereit", "2026-03-23T08:00:00+01:00", "2026-03-23T10:00:00+01:00"),
      timed("T1-bereit", "2026-03-23T10:00:00+01:00", "2026-03-23T12:00:00+01:00"),
    ];
    expect(available(events)).toEqual(new Set([slotKey("2026-03-23", "09:00")]));
  });

  it("is blocked by any other overlapping event", () => {
    const meeting = timed("Teammeeting", "2026-03-23T13:00:00+01:00", "2026-03-23T14:01:00+01:00");
    expect(available([readyMonday, meeting])).toEqual(
      new Set(mondayKeys.filter((key) => key !== slotKey("2026-03-23", "14:00"))),
    );
    const inside = timed("Anruf", "2026-03-23T10:00:00+01:00", "2026-03-23T10:15:00+01:00", { colorId: "2" });
    expect(available([readyMonday, inside]).has(slotKey("2026-03-23", "09:00"))).toBe(false);
  });

  it("is not blocked by events that only touch the slot", () => {
    const before = timed("Termin", "2026-03-23T08:00:00+01:00", "2026-03-23T09:00:00+01:00");
    const atStart = timed("Notiz", "2026-03-23T11:00:00+01:00", "2026-03-23T11:00:00+01:00");
    const inside = timed("Notiz", "2026-03-23T14:30:00+01:00", "2026-03-23T14:30:00+01:00");
    const result = available([readyMonday, before, atStart, inside]);
    expect(result.has(slotKey("2026-03-23", "09:00"))).toBe(true);
    // Half-open intervals: a zero-length event at the slot start misses it, one inside hits it.
    expect(result.has(slotKey("2026-03-23", "11:00"))).toBe(true);
    expect(result.has(slotKey("2026-03-23", "14:00"))).toBe(false);
  });

  it.each(["11", "6", "4", "8", "1"])("ignores events in non-blocking colour %s", (colorId) => {
    const event = timed("Privat", "2026-03-23T09:00:00+01:00", "2026-03-23T21:00:00+01:00", { colorId });
    expect(available([readyMonday, event])).toEqual(new Set(mondayKeys));
  });

  it.each(["2", "3", "5", "7", "9", "10"])("is blocked by events in colour %s", (colorId) => {
    const event = timed("Termin", "2026-03-23T09:00:00+01:00", "2026-03-23T10:00:00+01:00", { colorId });
    expect(available([readyMonday, event]).has(slotKey("2026-03-23", "09:00"))).toBe(false);
  });

  it("ignores cancelled and transparent events, and overlapping ready events never block", () => {
    const cancelled = timed("Termin", "2026-03-23T09:00:00+01:00", "2026-03-23T22:00:00+01:00", {
      status: "cancelled",
    });
    const free = timed("Erinnerung", "2026-03-23T09:00:00+01:00", "2026-03-23T22:00:00+01:00", {
      transparency: "transparent",
    });
    const secondReady = timed("T1 bereit", "2026-03-23T10:00:00+01:00", "2026-03-23T12:00:00+01:00");
    expect(available([readyMonday, cancelled, free, secondReady])).toEqual(new Set(mondayKeys));
    expect(available([{ ...readyMonday, status: "cancelled" }])).toEqual(new Set());
  });

  it("reads all-day events as whole local days (end date exclusive)", () => {
    const readyWeek = allDay("T1-bereit", "2026-03-23", "2026-03-31");
    expect(available([readyWeek])).toEqual(new Set(slots.map((slot) => slotKey(slot.date, slot.time))));
    const vacation = allDay("Urlaub", "2026-03-24", "2026-03-26");
    const result = available([readyWeek, vacation]);
    expect([...result].some((key) => key.startsWith("2026-03-24") || key.startsWith("2026-03-25"))).toBe(
      false,
    );
    expect(result.has(slotKey("2026-03-23", "20:00"))).toBe(true);
    expect(result.has(slotKey("2026-03-26", "09:00"))).toBe(true);
    // A non-blocking colour keeps an all-day event from blocking.
    expect(available([readyWeek, { ...vacation, colorId: "8" }]).size).toBe(slots.length);
    // An all-day event without an end lasts its start day.
    const noEnd: CalendarEvent = { id: "x", summary: "Fortbildung", start: { date: "2026-03-30" } };
    expect([...available([readyWeek, noEnd])].some((key) => key.startsWith("2026-03-30"))).toBe(false);
  });

  it("places all-day events on local days across the DST change", () => {
    // Monday 30 March is in summer time: the day starts at 22:00Z on Sunday.
    const readyMonday30 = allDay("T1-bereit", "2026-03-30", "2026-03-31");
    expect(available([readyMonday30])).toEqual(
      new Set(
        ["09:00", "11:00", "14:00", "16:00", "18:00", "20:00"].map((time) => slotKey("2026-03-30", time)),
      ),
    );
    // A Sunday all-day event ending at Monday's local midnight does not touch Monday.
    const sunday = allDay("Geburtstag", "2026-03-29", "2026-03-30");
    expect(available([readyMonday30, sunday]).size).toBe(6);
  });

  it("reads timed events in UTC, with offsets, or in their own zone", () => {
    const slotsAfter = generateSlots(defaultSlotTemplate, "2026-03-30", 1);
    // 09:00 CEST = 07:00Z after the change.
    const utc = timed("T1-bereit", "2026-03-30T07:00:00Z", "2026-03-30T09:00:00Z");
    expect(available([utc], slotsAfter)).toEqual(new Set([slotKey("2026-03-30", "09:00")]));
    const zoned: CalendarEvent = {
      id: "z",
      summary: "T1-bereit",
      start: { dateTime: "2026-03-30T09:00:00", timeZone: "Europe/Berlin" },
      end: { dateTime: "2026-03-30T11:00:00", timeZone: "Europe/Berlin" },
    };
    expect(available([zoned], slotsAfter)).toEqual(new Set([slotKey("2026-03-30", "09:00")]));
    // 09:00–11:00 in CET terms is 10:00–12:00 CEST: it misses the 09:00 slot.
    const stale = timed("T1-bereit", "2026-03-30T09:00:00+01:00", "2026-03-30T11:00:00+01:00");
    expect(available([stale], slotsAfter)).toEqual(new Set());
  });

  it("handles the autumn change", () => {
    const autumn = generateSlots(defaultSlotTemplate, "2026-10-23", 4);
    const events = [
      timed("T1-bereit", "2026-10-23T09:00:00+02:00", "2026-10-23T11:00:00+02:00"),
      timed("T1-bereit", "2026-10-26T09:00:00+01:00", "2026-10-26T11:00:00+01:00"),
    ];
    expect(available(events, autumn)).toEqual(
      new Set([slotKey("2026-10-23", "09:00"), slotKey("2026-10-26", "09:00")]),
    );
  });

  it("ignores events whose times cannot be read", () => {
    const broken: CalendarEvent[] = [
      { id: "a", summary: "Termin", start: { dateTime: "kaputt" }, end: { dateTime: "kaputt" } },
      { id: "b", summary: "Termin" },
      timed("Termin", "2026-03-23T12:00:00+01:00", "2026-03-23T10:00:00+01:00"),
    ];
    expect(available([readyMonday, ...broken])).toEqual(new Set(mondayKeys));
  });

  it("matches a naive check on random calendars", () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const horizon = generateSlots(defaultSlotTemplate, "2026-03-02", 56);
    const base = Date.parse("2026-03-02T00:00:00Z");
    const quarter = 15 * 60_000;
    let offered = 0;
    for (let round = 0; round < 10; round++) {
      const events: CalendarEvent[] = [];
      for (let i = 0; i < 200; i++) {
        const start = base + Math.floor(random() * 56 * 96) * quarter;
        const end = start + Math.floor(random() * 40) * quarter;
        const ready = random() < 0.5;
        const colorId = random() < 0.3 ? String(1 + Math.floor(random() * 11)) : undefined;
        events.push(
          timed(ready ? "T1-bereit" : "Termin", new Date(start).toISOString(), new Date(end).toISOString(), {
            colorId,
          }),
        );
      }
      const result = available(events, horizon);
      expect(result).toEqual(naive(events, horizon));
      offered += result.size;
    }
    expect(offered).toBeGreaterThan(0);
  });
});

/** The rule read literally: one merged-ready cover, no blocking overlap. */
function naive(events: CalendarEvent[], on: readonly Slot[]): Set<string> {
  const span = (event: CalendarEvent) =>
    [Date.parse(event.start!.dateTime!), Date.parse(event.end!.dateTime!)] as const;
  const nonBlocking = new Set(["11", "6", "4", "8", "1"]);
  const result = new Set<string>();
  for (const slot of on) {
    const start = Date.parse(slot.start);
    const end = Date.parse(slot.end);
    const readySpans = events
      .filter((event) => event.summary === "T1-bereit")
      .map(span)
      .sort((a, b) => a[0] - b[0]);
    // Walk forward from the slot start through touching ready spans.
    let reached = start;
    let moved = true;
    while (moved && reached < end) {
      moved = false;
      for (const [s, e] of readySpans) {
        if (s <= reached && e > reached) {
          reached = e;
          moved = true;
        }
      }
    }
    const blocked = events.some((event) => {
      if (event.summary === "T1-bereit" || nonBlocking.has(event.colorId ?? "")) return false;
      const [s, e] = span(event);
      return s < end && e > start;
    });
    if (reached >= end && !blocked) result.add(slotKey(slot.date, slot.time));
  }
  return result;
}
