import { z } from "zod";

/**
 * Outcomes of appointments, read back from the central calendar (DESIGN.md).
 *
 * Colour ids follow DESIGN.md. Potential classes for the six "took place"
 * colours: green 2 normal, blue 7 top, yellow 5 closer needed, grape 3
 * recall, graphite 9 and flamingo 10 standard (two colours, one class: both
 * are the plain "appeared, nothing special" markers the team uses).
 *
 * Precedence, decided here:
 * 1. A deleted event (status "cancelled") or a title containing
 *    `(abgesagt)`, `(verschoben)` or `(exit)` (any case) → `cancelled` and
 *    the slot's place is freed. The title wins over any colour because it is
 *    the explicit instruction to free the place.
 * 2. Colour: 11 → `no_show`, 6 → `cancelled` (place stays taken: the
 *    appointment was lost, not handed back), 4 → `consultant_change`, the
 *    six above → `appeared` with a class.
 * 3. No colour, or a colour without a meaning (1, 8) → `pending`: the
 *    outcome job looks again on its next run.
 */

export const outcomeSchema = z.enum(["pending", "appeared", "no_show", "cancelled", "consultant_change"], {
  error: "Unbekanntes Ergebnis",
});
export type Outcome = z.infer<typeof outcomeSchema>;

export const potentialClassSchema = z.enum(["normal", "top", "closer_needed", "recall", "standard"], {
  error: "Unbekannte Potenzialklasse",
});
export type PotentialClass = z.infer<typeof potentialClassSchema>;

export interface OutcomeReading {
  outcome: Outcome;
  /** Only for `appeared`. */
  potentialClass?: PotentialClass;
  /** True when the booking no longer takes a place in its slot. */
  freesSlot: boolean;
}

/** Google colour id → potential class of an appointment that took place. */
export const appearedColors: ReadonlyMap<string, PotentialClass> = new Map([
  ["2", "normal"],
  ["7", "top"],
  ["5", "closer_needed"],
  ["3", "recall"],
  ["9", "standard"],
  ["10", "standard"],
]);

// Maps, not object literals: a colour id like "constructor" must not hit Object.prototype.
const otherColors: ReadonlyMap<string, Outcome> = new Map([
  ["11", "no_show"],
  ["6", "cancelled"],
  ["4", "consultant_change"],
]);

const FREEING_MARKER = /\((abgesagt|verschoben|exit)\)/i;

/** The fields of a central-calendar event that carry the outcome. */
export interface OutcomeEvent {
  summary?: string | null;
  colorId?: string | null;
  status?: string | null;
}

export function eventOutcome(event: OutcomeEvent): OutcomeReading {
  if (event.status === "cancelled" || FREEING_MARKER.test(event.summary ?? "")) {
    return { outcome: "cancelled", freesSlot: true };
  }
  const color = event.colorId ?? "";
  const potentialClass = appearedColors.get(color);
  if (potentialClass) return { outcome: "appeared", potentialClass, freesSlot: false };
  return { outcome: otherColors.get(color) ?? "pending", freesSlot: false };
}
