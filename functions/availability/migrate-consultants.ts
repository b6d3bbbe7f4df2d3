import { mapWithLimit } from "../../shared/concurrency.ts";
import { markMigrationDone, migrationDone } from "../../shared/data/booking-settings.ts";
import {
  type StoredBooking,
  scanBookings,
  setBookingConsultant,
  setConsultantLoad,
} from "../../shared/data/bookings-repository.ts";
import { listConsultants } from "../../shared/data/consultants-repository.ts";
import { unlessConditionFails } from "../../shared/data/errors.ts";
import { listSlots, setSlotCounts } from "../../shared/data/slots-repository.ts";
import { chooseConsultant, isoWeekOf } from "../../shared/domain/booking/assignment.ts";

export const consultantMigration = "consultant-per-booking";

export interface MigrationRun {
  /** Bookings that got a consultant. */
  assigned: number;
  /** Slots whose per-consultant counts were written. */
  slots: number;
}

const countBy = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);

/**
 * One-off: gives every booking without a consultant one (a consultant of its
 * slot with room, else the least loaded active consultant), then writes each
 * slot's per-consultant counts and the consultants' day and week counters from
 * the bookings. Every write is absolute or conditional, so a second run (or one
 * interrupted before its marker) ends in the same state. Runs at the start of
 * the availability job (on AWS and at local start-up) until its marker exists.
 */
export async function migrateConsultantAssignment(
  now = new Date(),
  options: { force?: boolean } = {},
): Promise<MigrationRun | undefined> {
  if (!options.force && (await migrationDone(consultantMigration))) return undefined;
  const run: MigrationRun = { assigned: 0, slots: 0 };
  const bookings = await scanBookings();
  const consultants = (await listConsultants()).filter((consultant) => consultant.active);
  const dates = bookings.map((booking) => booking.date).sort();
  const slots = dates.length > 0 ? await listSlots(dates[0]!, dates.at(-1)!) : [];
  const slotOf = new Map(slots.map((slot) => [`${slot.date} ${slot.time}`, slot]));

  // Counts as the assignment goes: per slot and consultant, per ISO week and consultant.
  const inSlot = new Map<string, number>();
  const inWeek = new Map<string, number>();
  const active = (booking: StoredBooking) => booking.status === "booked";
  for (const booking of bookings) {
    if (booking.consultant === undefined) continue;
    countBy(inWeek, `${booking.consultant} ${isoWeekOf(booking.date)}`);
    if (active(booking)) countBy(inSlot, `${booking.date} ${booking.time} ${booking.consultant}`);
  }
  const ordered = [...bookings].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
  const assignments: { booking: StoredBooking; consultant: string }[] = [];
  for (const booking of ordered) {
    if (booking.consultant !== undefined) continue;
    const slotKey = `${booking.date} ${booking.time}`;
    const slot = slotOf.get(slotKey);
    const offering =
      slot && Object.keys(slot.places).length > 0 ? Object.keys(slot.places) : slot?.consultants;
    const ids = offering && offering.length > 0 ? offering : consultants.map((consultant) => consultant.id);
    const week = isoWeekOf(booking.date);
    const candidates = ids.map((id) => ({
      id,
      // Slots written before per-consultant places: every offering consultant counts as having room.
      places: slot?.places[id] ?? Number.MAX_SAFE_INTEGER,
      booked: inSlot.get(`${slotKey} ${id}`) ?? 0,
      weekLoad: inWeek.get(`${id} ${week}`) ?? 0,
      dayLoad: 0,
    }));
    // Past its places (over capacity already) it still goes to the least loaded consultant of the slot.
    const consultant =
      chooseConsultant(candidates) ??
      chooseConsultant(candidates.map((c) => ({ ...c, places: Number.MAX_SAFE_INTEGER })));
    if (consultant === undefined) continue;
    assignments.push({ booking, consultant });
    booking.consultant = consultant;
    countBy(inWeek, `${consultant} ${week}`);
    if (active(booking)) countBy(inSlot, `${slotKey} ${consultant}`);
  }

  await mapWithLimit(assignments, 8, async ({ booking, consultant }) => {
    if (await setBookingConsultant(booking.id, consultant)) run.assigned++;
  });

  // Absolute counts from the bookings: the slots' shares, the consultants' day and week loads.
  const slotCounts = new Map<
    string,
    { date: string; time: string; booked: number; bookedBy: Record<string, number> }
  >();
  const dayLoads = new Map<string, number>();
  const weekLoads = new Map<string, number>();
  for (const booking of bookings) {
    if (!active(booking) || booking.consultant === undefined) continue;
    const key = `${booking.date} ${booking.time}`;
    const counts = slotCounts.get(key) ?? { date: booking.date, time: booking.time, booked: 0, bookedBy: {} };
    counts.booked++;
    counts.bookedBy[booking.consultant] = (counts.bookedBy[booking.consultant] ?? 0) + 1;
    slotCounts.set(key, counts);
    countBy(dayLoads, `${booking.consultant} ${booking.date}`);
    countBy(weekLoads, `${booking.consultant} ${isoWeekOf(booking.date)}`);
  }
  await mapWithLimit([...slotCounts.values()], 8, async (counts) => {
    // A slot item that no longer exists has nothing to count into.
    if ((await unlessConditionFails(setSlotCounts(counts.date, counts.time, counts))) !== undefined)
      run.slots++;
  });
  const loads = [
    ...[...dayLoads].map(([key, count]) => {
      const [consultant, date] = key.split(" ") as [string, string];
      return () => setConsultantLoad(consultant, { date }, count);
    }),
    ...[...weekLoads].map(([key, count]) => {
      const [consultant, isoWeek] = key.split(" ") as [string, string];
      return () => setConsultantLoad(consultant, { isoWeek }, count);
    }),
  ];
  await mapWithLimit(loads, 8, (write) => write());
  await markMigrationDone(consultantMigration, now.toISOString());
  return run;
}
