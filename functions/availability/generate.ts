import { listEvents } from "../../shared/calendar/events.ts";
import { describeCalendarError } from "../../shared/calendar/retry.ts";
import { mapWithLimit } from "../../shared/concurrency.ts";
import { currentSlotTemplate } from "../../shared/data/booking-settings.ts";
import {
  listBookingsOnDay,
  listOverCapacity,
  newOutboxEvent,
  reassignBooking,
  type StoredBooking,
  setOverCapacity,
} from "../../shared/data/bookings-repository.ts";
import { listConsultants } from "../../shared/data/consultants-repository.ts";
import {
  listSlots,
  type SlotOffer,
  type StoredSlot,
  writeSlotOffer,
} from "../../shared/data/slots-repository.ts";
import { rebalanceSlot } from "../../shared/domain/booking/assignment.ts";
import {
  type CalendarEvent,
  consultantAvailability,
  slotKey,
} from "../../shared/domain/booking/availability.ts";
import { placesPerConsultant } from "../../shared/domain/booking/capacity.ts";
import { generateSlots, localDate } from "../../shared/domain/booking/slot-template.ts";
import { bookingEvents } from "../../shared/events/booking-events.ts";

/**
 * What the job reads and writes, behind one object: the merge of calendar
 * offers with the stored slots is unit-tested against in-memory ports, the
 * live ones below are proven by the integration tests.
 */
export interface AvailabilityPorts {
  slotTemplate: typeof currentSlotTemplate;
  listConsultants: typeof listConsultants;
  /** Only the event fields availability reads: Google's events pass as they are. */
  listEvents: (
    calendarId: string,
    timeMin: string,
    timeMax: string,
    onRequest: () => void,
  ) => Promise<CalendarEvent[]>;
  listSlots: typeof listSlots;
  writeSlotOffer: typeof writeSlotOffer;
  listBookingsOnDay: typeof listBookingsOnDay;
  listOverCapacity: typeof listOverCapacity;
  reassignBooking: typeof reassignBooking;
  setOverCapacity: typeof setOverCapacity;
}

export const liveAvailabilityPorts: AvailabilityPorts = {
  slotTemplate: currentSlotTemplate,
  listConsultants,
  listEvents,
  listSlots,
  writeSlotOffer,
  listBookingsOnDay,
  listOverCapacity,
  reassignBooking,
  setOverCapacity,
};

const jobActor = "job:generate-availability";

export interface AvailabilityRun {
  at: string;
  consultants: number;
  failedConsultants: { id: string; name: string; reason: string }[];
  slots: number;
  changedSlots: number;
  /** Slots that had consultants before this run and have none now (admins are told). */
  lostSlots: { date: string; time: string; booked: number }[];
  /** Bookings moved to another consultant of their slot because their consultant's places shrank. */
  reassigned: number;
  /** Bookings flagged over capacity in this run (they fit no consultant's places). */
  flagged: number;
  /** Flags cleared because places returned. */
  unflagged: number;
  /** Bookings flagged over capacity after this run (admins move them). */
  overCapacity: number;
  googleCalls: number;
  durationMs: number;
}

const samePlaces = (a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>) => {
  const entries = (places: Readonly<Record<string, number>>) =>
    Object.entries(places)
      .sort(([x], [y]) => x.localeCompare(y))
      .join();
  return entries(a) === entries(b);
};

/** Whether a consultant holds more bookings in the slot than their places. */
const overbooked = (slot: Pick<StoredSlot, "bookedBy">, places: Readonly<Record<string, number>>) =>
  Object.entries(slot.bookedBy).some(([id, booked]) => booked > (places[id] ?? 0));

/**
 * Recomputes every slot in the horizon from the consultants' calendars: one
 * ranged, paged `events.list` per consultant, then writes only the slots whose
 * offer changed. A consultant whose calendar fails keeps their previous offer.
 */
export async function generateAvailability(
  now = new Date(),
  ports: AvailabilityPorts = liveAvailabilityPorts,
): Promise<AvailabilityRun> {
  const started = performance.now();
  const at = now.toISOString();
  const template = await ports.slotTemplate();
  const slots = generateSlots(template, localDate(now, template.timeZone), template.horizonDays);
  const consultants = (await ports.listConsultants()).filter((consultant) => consultant.active);
  let googleCalls = 0;
  const run: AvailabilityRun = {
    at,
    consultants: consultants.length,
    failedConsultants: [],
    slots: slots.length,
    changedSlots: 0,
    lostSlots: [],
    reassigned: 0,
    flagged: 0,
    unflagged: 0,
    overCapacity: 0,
    googleCalls: 0,
    durationMs: 0,
  };
  if (slots.length === 0) return run;
  const first = slots[0]!;
  const last = slots.at(-1)!;

  const [existingSlots, offers] = await Promise.all([
    ports.listSlots(first.date, last.date),
    mapWithLimit(consultants, 4, async (consultant) => {
      try {
        const events = await ports.listEvents(
          consultant.calendarId,
          first.start,
          last.end,
          () => googleCalls++,
        );
        return {
          consultant,
          available: consultantAvailability(events, slots, { timeZone: template.timeZone }),
        };
      } catch (error) {
        run.failedConsultants.push({
          id: consultant.id,
          name: consultant.name,
          reason: describeCalendarError(error),
        });
        return { consultant, available: undefined };
      }
    }),
  ]);
  const existing = new Map(existingSlots.map((slot) => [slotKey(slot.date, slot.time), slot]));
  const flaggedSlots = new Set(
    (await ports.listOverCapacity()).map((booking) => slotKey(booking.date, booking.time)),
  );

  const changes: SlotOffer[] = [];
  /** Slots whose bookings must be spread again over the (new) places. */
  const toRebalance: { slot: StoredSlot; places: Record<string, number> }[] = [];
  for (const slot of slots) {
    const key = slotKey(slot.date, slot.time);
    const previous = existing.get(key);
    existing.delete(key);
    const perConsultant = placesPerConsultant(template, slot.date, slot.time);
    const places: Record<string, number> = {};
    for (const { consultant, available } of offers) {
      // A consultant whose calendar failed keeps their previous places.
      if (available ? available.has(key) : previous?.consultants.includes(consultant.id)) {
        places[consultant.id] = available
          ? perConsultant
          : (previous?.places[consultant.id] ?? perConsultant);
      }
    }
    const offering = Object.keys(places);
    const capacity = Object.values(places).reduce((sum, n) => sum + n, 0);
    const lost = (previous?.consultants.length ?? 0) > 0 && offering.length === 0;
    if (lost) run.lostSlots.push({ date: slot.date, time: slot.time, booked: previous?.booked ?? 0 });
    if (previous && (overbooked(previous, places) || flaggedSlots.has(key)) && previous.start > at)
      toRebalance.push({ slot: previous, places });
    if (previous && previous.capacity === capacity && samePlaces(previous.places, places)) continue;
    changes.push({
      ...slot,
      consultants: offering,
      places,
      capacity,
      updatedAt: at,
      ...(lost
        ? { lostAllAt: at }
        : previous?.lostAllAt && offering.length === 0
          ? { lostAllAt: previous.lostAllAt }
          : {}),
    });
  }
  // Slots that are no longer generated (a new holiday, a changed template) stop being offered.
  for (const orphan of existing.values()) {
    if (orphan.capacity === 0 && orphan.consultants.length === 0) continue;
    if (orphan.consultants.length > 0)
      run.lostSlots.push({ date: orphan.date, time: orphan.time, booked: orphan.booked });
    const { booked: _booked, bookedBy: _bookedBy, ...offer } = orphan;
    changes.push({ ...offer, consultants: [], places: {}, capacity: 0, updatedAt: at, lostAllAt: at });
    if (orphan.booked > 0 && orphan.start > at) toRebalance.push({ slot: orphan, places: {} });
  }

  await mapWithLimit(changes, 8, ports.writeSlotOffer);
  await mapWithLimit(toRebalance, 4, ({ slot, places }) => rebalance(slot, places, run, at, ports));
  run.overCapacity = (await ports.listOverCapacity()).length;
  run.changedSlots = changes.length;
  run.googleCalls = googleCalls;
  run.durationMs = Math.round(performance.now() - started);
  return run;
}

/**
 * Spreads a slot's active bookings over its consultants' places again: moves
 * (booking updated, calendar event via the outbox, audit entry), flags what
 * fits nowhere, clears flags that fit again. Nothing is cancelled or dropped.
 */
async function rebalance(
  slot: StoredSlot,
  places: Record<string, number>,
  run: AvailabilityRun,
  at: string,
  ports: AvailabilityPorts,
): Promise<void> {
  const bookings = (await ports.listBookingsOnDay(slot.date)).filter(
    (booking) => booking.time === slot.time && booking.status === "booked",
  );
  const byId = new Map(bookings.map((booking) => [booking.id, booking]));
  const plan = rebalanceSlot(places, bookings);
  const audit = (booking: StoredBooking, action: string, detail: Record<string, string>) => ({
    actor: jobActor,
    action,
    target: booking.id,
    at,
    detail: { slot: `${slot.date} ${slot.time}`, ...detail },
  });
  for (const move of plan.moves) {
    const booking = byId.get(move.bookingId)!;
    const event = newOutboxEvent(
      bookingEvents.reassigned,
      { bookingId: booking.id, from: move.from, to: move.to },
      at,
    );
    const detail = { ...(move.from ? { from: move.from } : {}), to: move.to };
    if (
      (await ports.reassignBooking(booking, move.to, event, audit(booking, "booking.reassigned", detail))) ===
      "changed"
    )
      run.reassigned++;
  }
  for (const [ids, flagged] of [
    [plan.flag, true],
    [plan.unflag, false],
  ] as const) {
    for (const id of ids) {
      const booking = byId.get(id)!;
      const action = flagged ? "booking.over_capacity" : "booking.over_capacity_cleared";
      const detail: Record<string, string> = booking.consultant ? { consultant: booking.consultant } : {};
      if ((await ports.setOverCapacity(booking, flagged, audit(booking, action, detail), at)) === "changed") {
        if (flagged) run.flagged++;
        else run.unflagged++;
      }
    }
  }
}
