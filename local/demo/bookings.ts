import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { eventDescription, eventTitle } from "../../shared/calendar/booking-sync.ts";
import { calendarClient } from "../../shared/calendar/client.ts";
import { upsertEvent } from "../../shared/calendar/events.ts";
import { mapWithLimit } from "../../shared/concurrency.ts";
import { config } from "../../shared/config.ts";
import { currentPointsRule, currentSlotTemplate } from "../../shared/data/booking-settings.ts";
import {
  createBooking,
  newOutboxEvent,
  type StoredBooking,
  setOutcome,
} from "../../shared/data/bookings-repository.ts";
import { dynamoClient } from "../../shared/data/clients.ts";
import { listConsultants } from "../../shared/data/consultants-repository.ts";
import { keys } from "../../shared/data/keys.ts";
import { listSlots, writeSlotOffer } from "../../shared/data/slots-repository.ts";
import { placesPerConsultant } from "../../shared/domain/booking/capacity.ts";
import { outcomeJobActor, potentialColors } from "../../shared/domain/booking/outcomes.ts";
import { pointsForBooking } from "../../shared/domain/booking/points.ts";
import { generateSlots, localDate, type Slot } from "../../shared/domain/booking/slot-template.ts";
import { seededRandom } from "./random.ts";
import { demoUsers } from "./users.ts";

const firstNames = [
  "Lukas",
  "Mia",
  "Paul",
  "Emma",
  "Jonas",
  "Hannah",
  "Felix",
  "Lea",
  "Elias",
  "Marie",
  "Noah",
  "Sofia",
  "Ben",
  "Lina",
  "Karl",
  "Ida",
];
const lastNames = [
  "Müller",
  "Schmidt",
  "Fischer",
  "Weber",
  "Meyer",
  "Wagner",
  "Becker",
  "Schulz",
  "Hoffmann",
  "Koch",
  "Richter",
  "Klein",
  "Wolf",
  "Schröder",
  "Neumann",
  "Zimmermann",
];
const notes = [
  "Interessiert an Altersvorsorge",
  "Rückruf erwünscht ab 17 Uhr",
  "Kommt mit Partnerin",
  "",
  "",
  "Bestandskunde",
];

/** Colour of the central-calendar event for each demo outcome (as consultants would mark it). */
const outcomeColours: [StoredBooking["outcome"], StoredBooking["potentialClass"], string, number][] = [
  ["completed", "normal", "2", 0.35],
  ["completed", "top", "7", 0.12],
  ["completed", "closer_needed", "5", 0.08],
  ["completed", "recall", "3", 0.07],
  ["completed", "standard", "9", 0.06],
  ["no_show", undefined, "11", 0.18],
  ["cancelled", undefined, "6", 0.1],
  ["consultant_change", undefined, "4", 0.04],
];

function pickOutcome(next: () => number) {
  let roll = next();
  for (const entry of outcomeColours) {
    roll -= entry[3];
    if (roll <= 0) return entry;
  }
  return outcomeColours[0]!;
}

const markerKey = keys.marker("demo-bookings");

/**
 * Four past weeks of bookings with outcomes (and their coloured events in the
 * central calendar), plus some upcoming ones, so every page has something to
 * show. Runs once per data directory.
 */
export async function seedDemoBookings(log: (line: string) => void, now = new Date()): Promise<void> {
  const table = config().TABLE_NAME;
  const marker = await dynamoClient().send(new GetCommand({ TableName: table, Key: markerKey }));
  if (marker.Item) return;
  const next = seededRandom(20261125);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const template = await currentSlotTemplate();
  const rule = await currentPointsRule();
  const agents = demoUsers.filter((user) => user.role === "agent").map((user) => user.username);
  const today = localDate(now, template.timeZone);
  const dayMs = 86_400_000;
  const pastStart = new Date(Date.parse(`${today}T12:00:00Z`) - 28 * dayMs).toISOString().slice(0, 10);
  const pastSlots = generateSlots(template, pastStart, 28).filter((slot) => slot.date < today);
  const centralCalendar = config().CENTRAL_CALENDAR_ID;

  /** A booking drawn from the PRNG (all random numbers are drawn here, in order). */
  function draft(
    slot: Slot,
    booked: number,
    capacity: number,
    consultant: string | undefined,
  ): StoredBooking {
    const id = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join("");
    const at = new Date(Date.parse(slot.start) - Math.floor(next() * 10 + 1) * dayMs).toISOString();
    const note = pick(notes);
    return {
      id,
      eventId: `sb${id}`,
      ...slot,
      firstName: pick(firstNames),
      lastName: pick(lastNames),
      phone: `+49 17${Math.floor(next() * 10)} ${String(Math.floor(next() * 1e7)).padStart(7, "0")}`,
      ...(note ? { note } : {}),
      agent: pick(agents),
      ...(consultant ? { consultant } : {}),
      status: "booked",
      outcome: "pending",
      potentialClass: "standard",
      points: pointsForBooking(rule, { booked, capacity, time: slot.time, recall: false }),
      sync: { state: "synced", attempts: 1 },
      createdAt: at,
      updatedAt: at,
    };
  }

  /** Written directly, with its calendar event: the outbox would only sync what is done here. */
  async function persist(booking: StoredBooking, colorId?: string): Promise<boolean> {
    const result = await createBooking(
      booking,
      newOutboxEvent("demo.seeded", { bookingId: booking.id }),
      undefined,
    );
    if (result.kind !== "created") return false;
    await upsertEvent(centralCalendar, {
      id: booking.eventId,
      summary: eventTitle(booking),
      description: eventDescription(booking, names.get(booking.consultant ?? "")),
      start: booking.start,
      end: booking.end,
      timeZone: template.timeZone,
    });
    if (colorId) {
      await (await calendarClient()).events.patch({
        calendarId: centralCalendar,
        eventId: booking.eventId,
        requestBody: { colorId },
      });
    }
    return true;
  }

  // Past slots get 1–3 of the consultants (rotating), each booking one of them in turn.
  const consultants = (await listConsultants()).filter((c) => c.active);
  const consultantIds = consultants.map((c) => c.id);
  const names = new Map(consultants.map((c) => [c.id, c.name]));
  const past = pastSlots.map((slot, slotIndex) => {
    const offering = Math.min(consultantIds.length, 1 + Math.floor(next() * 3));
    const ids = Array.from(
      { length: offering },
      (_, index) => consultantIds[(slotIndex + index) % consultantIds.length]!,
    );
    const perConsultant = placesPerConsultant(template, slot.date, slot.time);
    const places = Object.fromEntries(ids.map((id) => [id, perConsultant]));
    const capacity = ids.length * perConsultant;
    const count = Math.floor(capacity * (0.3 + next() * 0.6));
    const bookings = Array.from({ length: count }, (_, index) => ({
      booking: draft(slot, index, capacity, ids[index % ids.length]),
      result: pickOutcome(next),
    }));
    return { slot, ids, places, capacity, bookings };
  });
  const horizonEnd = new Date(Date.parse(`${today}T12:00:00Z`) + 14 * dayMs).toISOString().slice(0, 10);
  const upcoming = (await listSlots(today, horizonEnd))
    .filter((slot) => slot.capacity > 0 && slot.start > now.toISOString())
    .flatMap((slot) => {
      // One consultant per free place, in order: each booking takes one of them.
      const free = Object.entries(slot.places).flatMap(([id, places]) =>
        Array.from({ length: Math.max(0, places - (slot.bookedBy[id] ?? 0)) }, () => id),
      );
      return Array.from({ length: Math.floor(slot.capacity * next() * 0.6) }, (_, index) =>
        draft(
          { date: slot.date, time: slot.time, start: slot.start, end: slot.end },
          slot.booked + index,
          slot.capacity,
          free[index],
        ),
      );
    });

  let written = 0;
  await mapWithLimit(past, 8, async ({ slot, ids, places, capacity, bookings }) => {
    await writeSlotOffer({ ...slot, consultants: ids, places, capacity, updatedAt: now.toISOString() });
    for (const { booking, result } of bookings) {
      const [outcome, potentialClass, colorId] = result;
      if (!(await persist(booking, colorId))) continue;
      written++;
      await setOutcome(
        booking,
        { outcome, potentialClass, source: "calendar", by: outcomeJobActor, at: booking.end },
        newOutboxEvent("demo.seeded", { bookingId: booking.id }),
      );
    }
  });
  await mapWithLimit(upcoming, 8, async (booking) => {
    if (await persist(booking, potentialColors[booking.potentialClass ?? "standard"])) written++;
  });

  await dynamoClient().send(
    new PutCommand({ TableName: table, Item: { ...markerKey, at: now.toISOString() } }),
  );
  log(`Demo bookings: ${written}`);
}
