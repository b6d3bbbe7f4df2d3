import { DateTime } from "luxon";
import type { Slot } from "./slot-template.ts";

/**
 * Which slots a consultant offers, computed from their own calendar.
 *
 * A slot is offered when a `T1-bereit` / `T1 bereit` event (any case) covers
 * the whole slot and no other event overlaps it. Decisions beyond DESIGN.md:
 * - Ready events that touch or overlap are merged: 08–10 and 10–12 "bereit"
 *   offer the 09–11 slot, because the consultant is ready the whole time.
 * - Events in the non-blocking colours (11, 6, 4, 8, 1), cancelled events,
 *   transparent ("show as free") events and the ready events never block.
 * - All-day events cover their local days in the template's zone (end date
 *   exclusive, as Google sends it). An all-day ready event offers every slot
 *   of those days; any other all-day event (holiday, vacation) blocks them
 *   unless it has a non-blocking colour or is transparent.
 * - Intervals are half-open: an event ending at 11:00 does not touch the
 *   11:00 slot. Events whose times cannot be read are ignored.
 */

/** The fields we read of a Google Calendar v3 event. */
export interface CalendarEventTime {
  dateTime?: string | null;
  date?: string | null;
  timeZone?: string | null;
}

/** Nullable like the generated Google types, so their events pass straight in. */
export interface CalendarEvent {
  id?: string | null;
  summary?: string | null;
  colorId?: string | null;
  start?: CalendarEventTime | null;
  end?: CalendarEventTime | null;
  status?: string | null;
  transparency?: string | null;
}

/** Google colour ids whose events never block a slot. */
export const nonBlockingColorIds: ReadonlySet<string> = new Set(["11", "6", "4", "8", "1"]);

const READY_TITLE = /t1[\s-]bereit/i;

/** True when the event title marks the consultant as ready (`T1-bereit`, `T1 bereit`, any case). */
export function isReadyEvent(event: Pick<CalendarEvent, "summary">): boolean {
  return READY_TITLE.test(event.summary ?? "");
}

/** The key of a slot in sets and maps: its local date and time, `YYYY-MM-DDTHH:mm`. */
export function slotKey(date: string, time: string): string {
  return `${date}T${time}`;
}

export interface AvailabilityOptions {
  /**
   * The slot template's zone: all-day events and date-times without an offset
   * or zone are local to it. Required, so no caller can fall back to another zone.
   */
  timeZone: string;
}

/** Half-open interval of epoch milliseconds. */
interface Interval {
  start: number;
  end: number;
}

/**
 * The keys (see `slotKey`) of the slots the consultant offers. Sorts and
 * merges the ready and blocking intervals once, then answers each slot with
 * two binary searches: O((events + slots) · log events).
 */
export function consultantAvailability(
  events: readonly CalendarEvent[],
  slots: readonly Slot[],
  options: AvailabilityOptions,
): Set<string> {
  const zone = options.timeZone;
  const ready: Interval[] = [];
  const blocking: Interval[] = [];
  for (const event of events) {
    if (event.status === "cancelled") continue;
    const interval = eventInterval(event, zone);
    if (!interval) continue;
    if (isReadyEvent(event)) ready.push(interval);
    else if (blocks(event)) blocking.push(interval);
  }
  const readyMerged = mergeIntervals(ready);
  const blockingMerged = mergeIntervals(blocking);

  const available = new Set<string>();
  for (const slot of slots) {
    const start = Date.parse(slot.start);
    const end = Date.parse(slot.end);
    if (Number.isNaN(start) || Number.isNaN(end)) continue;
    if (covers(readyMerged, start, end) && !overlapsAny(blockingMerged, start, end)) {
      available.add(slotKey(slot.date, slot.time));
    }
  }
  return available;
}

function blocks(event: CalendarEvent): boolean {
  if (event.transparency === "transparent") return false;
  return !(event.colorId && nonBlockingColorIds.has(event.colorId));
}

function eventInterval(event: CalendarEvent, zone: string): Interval | undefined {
  if (!event.start) return undefined;
  const start = instant(event.start, zone);
  // An all-day event without an end date lasts its start day.
  const end =
    event.end?.dateTime || event.end?.date || !event.start.date
      ? instant(event.end ?? {}, zone)
      : instant({ date: event.start.date }, zone, 1);
  if (start === undefined || end === undefined || end < start) return undefined;
  return { start, end };
}

function instant(time: CalendarEventTime, zone: string, plusDays = 0): number | undefined {
  if (time.dateTime) {
    // An offset in the string wins; otherwise the event's own zone, then ours.
    const parsed = DateTime.fromISO(time.dateTime, { zone: time.timeZone ?? zone });
    return parsed.isValid ? parsed.toMillis() : undefined;
  }
  if (time.date) {
    // All-day: local midnight in the template's zone (not the event's), since
    // slots are local to that zone.
    const parsed = DateTime.fromISO(time.date, { zone });
    return parsed.isValid ? parsed.plus({ days: plusDays }).startOf("day").toMillis() : undefined;
  }
  return undefined;
}

/** Sorted, disjoint union; touching intervals are joined. */
function mergeIntervals(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const next of sorted) {
    const last = merged.at(-1);
    if (last && next.start <= last.end) last.end = Math.max(last.end, next.end);
    else merged.push({ ...next });
  }
  return merged;
}

/** Whether one merged interval contains [start, end). */
function covers(merged: readonly Interval[], start: number, end: number): boolean {
  // Last interval starting at or before `start`.
  let lo = 0;
  let hi = merged.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (merged[mid]!.start <= start) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && merged[found]!.end >= end;
}

/** Whether any merged interval overlaps [start, end). */
function overlapsAny(merged: readonly Interval[], start: number, end: number): boolean {
  // Merged intervals are disjoint, so their ends ascend too: find the first ending after `start`.
  let lo = 0;
  let hi = merged.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (merged[mid]!.end > start) hi = mid;
    else lo = mid + 1;
  }
  const candidate = merged[lo];
  if (!candidate) return false;
  return candidate.start < end;
}
