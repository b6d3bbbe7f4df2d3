import * as z from "zod";
import { type Outcome, outcomeValues, type PotentialClass, potentialClassValues } from "./outcome-values.ts";

export type { Outcome, PotentialClass };

/**
 * Outcomes of appointments, read back from the central calendar.
 *
 * The mapping is the spec's, exactly:
 * - Title keywords win over colours (any case, anywhere in the title, in this
 *   order): `ghost` → ghost; `nicht erschienen` → no_show; `abgesagt` →
 *   cancelled; `überhang`/`ueberhang` → overhang; `verschoben` → rescheduled.
 * - Otherwise the colour: 2, 7, 5, 3, 9, 10 (and 8) → completed, with the
 *   potential class of the colour (2 normal, 7 top, 5 closer needed, 3 recall,
 *   9/10 standard; 8 keeps the booking's class); 11 → no_show; 6 → cancelled;
 *   4 → consultant_change.
 * - Titles of digits only are placeholders: skipped (read as pending).
 * - No keyword and no meaningful colour → pending: nothing to resolve yet.
 *
 * Freeing the place, decided here: the bracketed markers `(abgesagt)`,
 * `(verschoben)`, `(exit)` (and a deleted event) are the explicit instruction
 * to hand the place back, so the booking leaves its slot at once — even
 * before the slot has ended — with outcome `cancelled` (`rescheduled` for
 * `(verschoben)`), as the keyword mapping says. A bare keyword or a colour is
 * a statement about an appointment that is over: it sets the outcome once the
 * slot has ended and the place stays taken (the slot is past, nothing to hand back).
 */

export const outcomeSchema = z.enum(outcomeValues, { error: "booking.outcomeUnknown" });

/** The value an outcome had before "completed" was named so; converted wherever it is read. */
export const legacyOutcomes: ReadonlyMap<string, Outcome> = new Map([["appeared", "completed"]]);

export const potentialClassSchema = z.enum(potentialClassValues, { error: "booking.potentialUnknown" });

export const defaultPotentialClass: PotentialClass = "standard";

/** Where an outcome came from: the outcome job reading the calendar, or an admin by hand. */
export const outcomeSourceSchema = z.enum(["calendar", "manual"]);
export type OutcomeSource = z.infer<typeof outcomeSourceSchema>;

/** One change of a booking's outcome; `by` is the admin's username or `job:<name>`. */
export const outcomeChangeSchema = z.object({
  at: z.string(),
  by: z.string(),
  from: outcomeSchema,
  to: outcomeSchema,
  /** An admin's reason for a correction, when given. */
  reason: z.string().optional(),
});
export type OutcomeChange = z.infer<typeof outcomeChangeSchema>;

/** Who the outcome job writes into the history. */
export const outcomeJobActor = "job:check-outcomes";

export interface OutcomeReading {
  outcome: Outcome;
  /** The class the event's colour names, when it names one. */
  potentialClass?: PotentialClass;
  /** True when the booking no longer takes a place in its slot. */
  freesSlot: boolean;
}

/** Potential class → the colour the booking's event is written with. */
export const potentialColors: Readonly<Record<PotentialClass, string>> = {
  normal: "2",
  top: "7",
  closer_needed: "5",
  recall: "3",
  standard: "9",
};

/** Google colour id → potential class of an appointment that took place. */
export const completedColors: ReadonlyMap<string, PotentialClass> = new Map([
  ["2", "normal"],
  ["7", "top"],
  ["5", "closer_needed"],
  ["3", "recall"],
  ["9", "standard"],
  ["10", "standard"],
]);

// Maps, not object literals: a colour id like "constructor" must not hit Object.prototype.
const otherColors: ReadonlyMap<string, Outcome> = new Map([
  // 8 (graphite-grey) took place too, without a class of its own.
  ["8", "completed"],
  ["11", "no_show"],
  ["6", "cancelled"],
  ["4", "consultant_change"],
]);

const titleKeywords: readonly [RegExp, Outcome][] = [
  [/ghost/i, "ghost"],
  [/nicht\s+erschienen/i, "no_show"],
  [/abgesagt/i, "cancelled"],
  [/(ü|ue)berhang/i, "overhang"],
  [/verschoben/i, "rescheduled"],
];

const FREEING_MARKER = /\((abgesagt|verschoben|exit)\)/i;
const PLACEHOLDER = /^\s*\d+\s*$/;

/** The fields of a central-calendar event that carry the outcome. */
export interface OutcomeEvent {
  summary?: string | null;
  colorId?: string | null;
  status?: string | null;
}

export function eventOutcome(event: OutcomeEvent): OutcomeReading {
  const title = (event.summary ?? "").normalize("NFC");
  if (PLACEHOLDER.test(title)) return { outcome: "pending", freesSlot: false };
  const marker = FREEING_MARKER.exec(title)?.[1]?.toLowerCase();
  if (event.status === "cancelled" || marker) {
    return { outcome: marker === "verschoben" ? "rescheduled" : "cancelled", freesSlot: true };
  }
  const color = event.colorId ?? "";
  const potentialClass = completedColors.get(color);
  const classPart = potentialClass ? { potentialClass } : {};
  const keyword = titleKeywords.find(([pattern]) => pattern.test(title))?.[1];
  if (keyword) return { outcome: keyword, ...classPart, freesSlot: false };
  if (potentialClass) return { outcome: "completed", potentialClass, freesSlot: false };
  return { outcome: otherColors.get(color) ?? "pending", freesSlot: false };
}

export interface OutcomeTarget {
  outcome: Outcome;
  potentialClass?: PotentialClass | undefined;
  outcomeSource?: OutcomeSource | undefined;
}

/**
 * What the outcome job writes for a booking given the calendar's reading:
 * nothing (undefined) when the reading adds nothing. The job never downgrades
 * a resolved outcome to pending and never overrides one set by hand; a
 * change in the calendar (recoloured a day late) is carried over.
 */
export function calendarChange(
  booking: OutcomeTarget,
  reading: OutcomeReading,
): { outcome: Outcome; potentialClass?: PotentialClass } | undefined {
  if (booking.outcomeSource === "manual") return undefined;
  if (reading.outcome === "pending") return undefined;
  const potentialClass = reading.potentialClass ?? booking.potentialClass;
  if (reading.outcome === booking.outcome && potentialClass === booking.potentialClass) return undefined;
  return { outcome: reading.outcome, ...(potentialClass ? { potentialClass } : {}) };
}
