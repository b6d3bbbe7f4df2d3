import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { eventDescription, eventTitle } from "../../shared/calendar/booking-sync.ts";
import { upsertEvent } from "../../shared/calendar/events.ts";
import { mapWithLimit } from "../../shared/concurrency.ts";
import { config } from "../../shared/config.ts";
import { rebuildAggregates } from "../../shared/data/analytics/aggregates-repository.ts";
import { batchPut } from "../../shared/data/batch-write.ts";
import { currentPointsRule, currentSlotTemplate } from "../../shared/data/booking-settings.ts";
import {
  bookingItem,
  createBooking,
  newOutboxEvent,
  type StoredBooking,
  setOutcome,
} from "../../shared/data/bookings-repository.ts";
import { dynamoClient } from "../../shared/data/clients.ts";
import { listConsultants } from "../../shared/data/consultants-repository.ts";
import { withCustomerId, writeCustomersOfBookings } from "../../shared/data/customers-repository.ts";
import { keys } from "../../shared/data/keys.ts";
import { listSlots, writeSlotOffer } from "../../shared/data/slots-repository.ts";
import { placesPerConsultant } from "../../shared/domain/booking/capacity.ts";
import {
  type Outcome,
  outcomeJobActor,
  type PotentialClass,
  potentialColors,
} from "../../shared/domain/booking/outcomes.ts";
import { pointsForBooking } from "../../shared/domain/booking/points.ts";
import { generateSlots, localDate, type Slot } from "../../shared/domain/booking/slot-template.ts";
import {
  demoCustomerPool,
  demoNoShowProbability,
  demoPoolSeed,
  drawOutcome,
  leadDays,
  pickCustomer,
  pickPotential,
} from "./history.ts";
import { seedDemoImportedTotals } from "./imports.ts";
import { seededRandom } from "./random.ts";
import { demoUsers } from "./users.ts";

const notes = [
  "Interessiert an Altersvorsorge",
  "Rückruf erwünscht ab 17 Uhr",
  "Kommt mit Partnerin",
  "",
  "",
  "Bestandskunde",
];

/** The calendar colour the outcome job reads back as this outcome (recent weeks: the job may re-read them). */
function colourOf(outcome: Outcome, potentialClass: PotentialClass): { outcome: Outcome; colorId: string } {
  switch (outcome) {
    case "no_show":
    case "ghost":
      return { outcome: "no_show", colorId: "11" };
    case "cancelled":
    case "rescheduled":
      return { outcome: "cancelled", colorId: "6" };
    case "consultant_change":
      return { outcome, colorId: "4" };
    default:
      return { outcome: "completed", colorId: potentialColors[potentialClass] };
  }
}

const markerKey = keys.marker("demo-bookings");
const historyMarkerKey = keys.marker("demo-history-v1");
/** Days of resolved history: the recent four weeks with calendar events, the months before written directly. */
export const demoHistoryDays = 120;
const recentDays = 28;
const dayMs = 86_400_000;

type Draft = { booking: StoredBooking; outcome: Outcome };

/** What both parts of the demo draw from: the same customers, agents, consultants and rules. */
async function demoContext(seed: number, now: Date) {
  // The returning customers come from their own stream: the same pool for every part.
  const pool = demoCustomerPool(seededRandom(demoPoolSeed));
  const next = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const template = await currentSlotTemplate();
  const rule = await currentPointsRule();
  const agents = demoUsers.filter((user) => user.role === "agent").map((user) => user.username);
  const today = localDate(now, template.timeZone);
  const dayBefore = (days: number) =>
    new Date(Date.parse(`${today}T12:00:00Z`) - days * dayMs).toISOString().slice(0, 10);
  const consultants = (await listConsultants()).filter((c) => c.active);
  const consultantIds = consultants.map((c) => c.id);

  /** A booking drawn from the PRNG, with the outcome the generating model gives it. */
  function draft(slot: Slot, booked: number, capacity: number, consultant: string | undefined): Draft {
    const id = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join("");
    const lead = leadDays(next);
    const at = new Date(
      Date.parse(slot.start) - lead * dayMs - Math.floor(next() * 8) * 3_600_000,
    ).toISOString();
    const note = pick(notes);
    const customer = pickCustomer(next, pool);
    const agent = pick(agents);
    const potentialClass = pickPotential(next);
    const probability = demoNoShowProbability({
      slot,
      lead,
      potentialClass,
      agent,
      consultantIndex: consultant ? consultantIds.indexOf(consultant) : -1,
      customer,
    });
    const booking: StoredBooking = {
      id,
      eventId: `sb${id}`,
      ...slot,
      firstName: customer.firstName,
      lastName: customer.lastName,
      phone: customer.phone,
      ...(note ? { note } : {}),
      agent,
      ...(consultant ? { consultant } : {}),
      status: "booked",
      outcome: "pending",
      potentialClass,
      points: pointsForBooking(rule, {
        booked,
        capacity,
        time: slot.time,
        recall: potentialClass === "recall",
      }),
      sync: { state: "synced", attempts: 1 },
      createdAt: at,
      updatedAt: at,
    };
    return { booking, outcome: drawOutcome(next, probability) };
  }

  /** Past slots from..to get 1–3 of the consultants (rotating), each booking one of them in turn. */
  function pastDays(fromDaysBack: number, toDaysBack: number) {
    const slots = generateSlots(template, dayBefore(fromDaysBack), fromDaysBack - toDaysBack).filter(
      (slot) => slot.date < today,
    );
    return slots.map((slot, slotIndex) => {
      const offering = Math.min(consultantIds.length, 1 + Math.floor(next() * 3));
      const ids = Array.from(
        { length: offering },
        (_, index) => consultantIds[(slotIndex + index) % consultantIds.length]!,
      );
      const perConsultant = placesPerConsultant(template, slot.date, slot.time);
      const places = Object.fromEntries(ids.map((id) => [id, perConsultant]));
      const capacity = ids.length * perConsultant;
      const count = Math.floor(capacity * (0.3 + next() * 0.6));
      const bookings = Array.from({ length: count }, (_, index) =>
        draft(slot, index, capacity, ids[index % ids.length]),
      );
      return { slot, ids, places, capacity, bookings };
    });
  }

  return { template, today, dayBefore, consultants, draft, pastDays, next };
}

/**
 * The recent four weeks of resolved bookings (outcomes drawn with a real
 * no-show signal, see history.ts) with coloured events in the central
 * calendar (the outcome job reads them), plus some upcoming ones. Once per
 * data directory.
 */
export async function seedDemoBookings(log: (line: string) => void, now = new Date()): Promise<void> {
  const table = config().TABLE_NAME;
  const marker = await dynamoClient().send(new GetCommand({ TableName: table, Key: markerKey }));
  if (marker.Item) return;
  const { template, today, consultants, draft, pastDays, next } = await demoContext(20261125, now);
  const centralCalendar = config().CENTRAL_CALENDAR_ID;
  const names = new Map(consultants.map((c) => [c.id, c.name]));

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
      ...(colorId ? { colorId } : {}),
    });
    return true;
  }

  const past = pastDays(recentDays, 0);
  const horizonEnd = new Date(Date.parse(`${today}T12:00:00Z`) + 14 * dayMs).toISOString().slice(0, 10);
  const upcoming = (await listSlots(today, horizonEnd))
    .filter((slot) => slot.capacity > 0 && slot.start > now.toISOString())
    .flatMap((slot) => {
      // One consultant per free place, in order: each booking takes one of them.
      const free = Object.entries(slot.places).flatMap(([id, places]) =>
        Array.from({ length: Math.max(0, places - (slot.bookedBy[id] ?? 0)) }, () => id),
      );
      return Array.from({ length: Math.floor(slot.capacity * next() * 0.6) }, (_, index) => {
        const { booking } = draft(
          { date: slot.date, time: slot.time, start: slot.start, end: slot.end },
          slot.booked + index,
          slot.capacity,
          free[index],
        );
        // Booked before now: an upcoming booking cannot have been made in the future.
        const createdAt = [booking.createdAt, now.toISOString()].sort()[0]!;
        return { ...booking, createdAt, updatedAt: createdAt };
      });
    });

  let written = 0;
  await mapWithLimit(past, 8, async ({ slot, ids, places, capacity, bookings }) => {
    await writeSlotOffer({ ...slot, consultants: ids, places, capacity, updatedAt: now.toISOString() });
    for (const { booking, outcome: drawn } of bookings) {
      const { outcome, colorId } = colourOf(drawn, booking.potentialClass ?? "standard");
      if (!(await persist(booking, colorId))) continue;
      written++;
      await setOutcome(
        booking,
        {
          outcome,
          potentialClass: outcome === "completed" ? booking.potentialClass : undefined,
          source: "calendar",
          by: outcomeJobActor,
          at: booking.end,
        },
        newOutboxEvent("demo.seeded", { bookingId: booking.id }),
      );
    }
  });
  await mapWithLimit(upcoming, 8, async (booking) => {
    if (await persist(booking, potentialColors[booking.potentialClass ?? "standard"])) written++;
  });
  // Their outbox events are no booking events (the seeding is no booking made by anyone), so the
  // aggregates learn of them by a rebuild, as the nightly job would: dashboards show them at once.
  const counted = await rebuildAggregates();
  await dynamoClient().send(
    new PutCommand({ TableName: table, Item: { ...markerKey, at: now.toISOString() } }),
  );
  log(`Demo bookings: ${written} (aggregates: ${counted.rows} rows)`);
}

/**
 * The months before the recent weeks (resolved, same signal), written in
 * batches without calendar events or outbox events (the outcome job never
 * looks that far back), and the old app's 270 days of daily totals through
 * the import. `npm start` runs it in the background once the app is up.
 * Returns how many older bookings it wrote (0 once they exist).
 */
export async function seedDemoHistory(log: (line: string) => void, now = new Date()): Promise<number> {
  const started = Date.now();
  const written = await seedDemoOlderBookings(now);
  // Written without events: counted by a rebuild, as for the recent weeks.
  if (written > 0) await rebuildAggregates();
  if (written > 0)
    log(`Demo history: ${written} older bookings in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const days = await seedDemoImportedTotals(now, demoHistoryDays);
  if (days > 0) log(`Demo imported daily totals: ${days} days`);
  return written;
}

/**
 * The resolved bookings of the months before the recent four weeks, once per
 * data directory (a marker guards it); returns how many were written. With
 * the recent weeks as the held-out month, this is the history the nightly
 * model trains on: about 1,700 bookings drawn like the recent ones (the
 * demo's slot capacity and use, the same customers and signal).
 */
export async function seedDemoOlderBookings(now = new Date()): Promise<number> {
  const table = config().TABLE_NAME;
  const marker = await dynamoClient().send(new GetCommand({ TableName: table, Key: historyMarkerKey }));
  if (marker.Item) return 0;
  const { bookings, slotItems } = await demoOlderHistory(now);
  await batchPut([...slotItems, ...bookings.map(bookingItem)]);
  await writeCustomersOfBookings(bookings);
  await dynamoClient().send(
    new PutCommand({ TableName: table, Item: { ...historyMarkerKey, at: now.toISOString() } }),
  );
  return bookings.length;
}

/** The older bookings (resolved) and their past slots, drawn but not written. */
export async function demoOlderHistory(now = new Date()) {
  const { pastDays } = await demoContext(20260901, now);
  const older = pastDays(demoHistoryDays, recentDays);
  const bookings = older.flatMap(({ bookings: drafts }) =>
    drafts.map(({ booking, outcome }) => resolved(withCustomerId(booking), outcome)),
  );
  const slotItems = older.map(({ slot, ids, places, capacity, bookings: drafts }) => {
    const bookedBy: Record<string, number> = {};
    for (const { booking, outcome } of drafts)
      if (booking.consultant && !freesPlace(outcome))
        bookedBy[booking.consultant] = (bookedBy[booking.consultant] ?? 0) + 1;
    const booked = Object.values(bookedBy).reduce((sum, count) => sum + count, 0);
    return {
      ...keys.slot(slot.date, slot.time),
      type: "slot",
      ...slot,
      consultants: ids,
      places,
      capacity,
      booked,
      bookedBy,
      updatedAt: now.toISOString(),
    };
  });
  return { bookings, slotItems };
}

/** Cancelled and rescheduled bookings gave their place back. */
function freesPlace(outcome: Outcome): boolean {
  return outcome === "cancelled" || outcome === "rescheduled";
}

/** An older booking as the outcome job would have left it. */
function resolved(booking: StoredBooking, outcome: Outcome): StoredBooking {
  return {
    ...booking,
    status: freesPlace(outcome) ? "cancelled" : "booked",
    outcome,
    outcomeSource: "calendar",
    outcomeHistory: [{ at: booking.end, by: outcomeJobActor, from: "pending", to: outcome }],
    updatedAt: booking.end,
  };
}
