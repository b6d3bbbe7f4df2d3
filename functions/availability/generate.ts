import { listEvents } from "../../shared/calendar/events.ts";
import { describeCalendarError } from "../../shared/calendar/retry.ts";
import { mapWithLimit } from "../../shared/concurrency.ts";
import { currentSlotTemplate } from "../../shared/data/booking-settings.ts";
import { listConsultants } from "../../shared/data/consultants-repository.ts";
import { listSlots, type StoredSlot, writeSlotOffer } from "../../shared/data/slots-repository.ts";
import {
  type CalendarEvent,
  consultantAvailability,
  slotKey,
} from "../../shared/domain/booking/availability.ts";
import { slotCapacity } from "../../shared/domain/booking/capacity.ts";
import { generateSlots, localDate } from "../../shared/domain/booking/slot-template.ts";

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
}

export const liveAvailabilityPorts: AvailabilityPorts = {
  slotTemplate: currentSlotTemplate,
  listConsultants,
  listEvents,
  listSlots,
  writeSlotOffer,
};

export interface AvailabilityRun {
  at: string;
  consultants: number;
  failedConsultants: { id: string; name: string; reason: string }[];
  slots: number;
  changedSlots: number;
  /** Slots that had consultants before this run and have none now (admins are told). */
  lostSlots: { date: string; time: string; booked: number }[];
  googleCalls: number;
  durationMs: number;
}

const sameMembers = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

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

  const changes: Omit<StoredSlot, "booked">[] = [];
  for (const slot of slots) {
    const key = slotKey(slot.date, slot.time);
    const previous = existing.get(key);
    existing.delete(key);
    const offering = offers
      .filter(({ consultant, available }) =>
        available ? available.has(key) : (previous?.consultants.includes(consultant.id) ?? false),
      )
      .map(({ consultant }) => consultant.id);
    const capacity = slotCapacity(template, slot.date, slot.time, offering.length);
    const lost = (previous?.consultants.length ?? 0) > 0 && offering.length === 0;
    if (lost) run.lostSlots.push({ date: slot.date, time: slot.time, booked: previous?.booked ?? 0 });
    if (previous && previous.capacity === capacity && sameMembers(previous.consultants, offering)) continue;
    changes.push({
      ...slot,
      consultants: offering,
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
    changes.push({ ...orphan, consultants: [], capacity: 0, updatedAt: at, lostAllAt: at });
  }

  await mapWithLimit(changes, 8, ports.writeSlotOffer);
  run.changedSlots = changes.length;
  run.googleCalls = googleCalls;
  run.durationMs = Math.round(performance.now() - started);
  return run;
}
