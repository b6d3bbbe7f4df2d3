import { legacyOutcomes, type Outcome, outcomeSchema } from "../booking/outcomes.ts";
import { type CustomerName, decodeName, encodeName } from "./customer.ts";

/** The outcomes a customer's bookings are counted by: the booking's own list (the analytics definitions'). */
export const customerOutcomes = outcomeSchema.options;
export type CustomerOutcome = Outcome;
export type OutcomeCounts = Record<CustomerOutcome, number>;
export type RiskClass = "low" | "medium" | "high";

/** A stored outcome in today's vocabulary (an old name read as its new one), or undefined if unknown. */
export function customerOutcomeOf(stored: string): CustomerOutcome | undefined {
  const parsed = outcomeSchema.safeParse(legacyOutcomes.get(stored) ?? stored);
  return parsed.success ? parsed.data : undefined;
}

export function countOutcomes(outcomes: Iterable<CustomerOutcome>): OutcomeCounts {
  const counts = Object.fromEntries(customerOutcomes.map((outcome) => [outcome, 0])) as OutcomeCounts;
  for (const outcome of outcomes) counts[outcome] += 1;
  return counts;
}

/** resolved = completed + overhang + no_show + ghost: the appointments whose showing is known. */
export function resolvedCount(counts: OutcomeCounts): number {
  return counts.completed + counts.overhang + counts.no_show + counts.ghost;
}

/** (completed + overhang) / resolved; null = a new customer (nothing resolved yet). */
export function reliability(counts: OutcomeCounts): number | null {
  const resolved = resolvedCount(counts);
  return resolved === 0 ? null : (counts.completed + counts.overhang) / resolved;
}

/** No-shows as the no-show rate counts them: a ghost (nobody there, not even reachable) is one too. */
export function noShows(counts: OutcomeCounts): number {
  return counts.no_show + counts.ghost;
}

/**
 * From the history alone: high at 3 no-shows, medium at 1. (The predicted
 * no-show probability raises the class later, when the model exists.)
 */
export function riskClass(counts: OutcomeCounts): RiskClass {
  const missed = noShows(counts);
  if (missed >= 3) return "high";
  if (missed >= 1) return "medium";
  return "low";
}

/** The facts of one booking a customer profile is computed from. */
export interface CustomerBooking {
  id: string;
  date: string;
  time: string;
  start: string;
  status: "booked" | "cancelled";
  outcome: CustomerOutcome;
  agent: string;
  consultant?: string | undefined;
  firstName: string;
  lastName: string;
  createdAt: string;
}

export const maxNames = 10;
export const lastBookingsShown = 5;

/**
 * The names used, most recently used first (by the bookings that used them;
 * names the customer item records without a booking at hand come last), at
 * most `maxNames`.
 */
export function namesByRecency(
  bookings: readonly CustomerBooking[],
  recorded: readonly string[],
  max = maxNames,
): CustomerName[] {
  const ordered = new Map<string, CustomerName>();
  const newestFirst = [...bookings].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  for (const booking of newestFirst) {
    const name = { firstName: booking.firstName, lastName: booking.lastName };
    const key = encodeName(name);
    if (!ordered.has(key)) ordered.set(key, name);
  }
  for (const encoded of [...recorded].sort()) {
    const name = decodeName(encoded);
    if (name && !ordered.has(encoded)) ordered.set(encoded, name);
  }
  return [...ordered.values()].slice(0, max);
}

export interface CustomerSummary {
  bookings: number;
  outcomes: OutcomeCounts;
  resolved: number;
  reliability: number | null;
  risk: RiskClass;
  names: CustomerName[];
  /** Newest appointment first. */
  history: CustomerBooking[];
}

/** Everything a profile says, derived from the customer's bookings at read time (one source of truth). */
export function summarize(
  bookings: readonly CustomerBooking[],
  recordedNames: readonly string[],
): CustomerSummary {
  const outcomes = countOutcomes(bookings.map((booking) => booking.outcome));
  return {
    bookings: bookings.length,
    outcomes,
    resolved: resolvedCount(outcomes),
    reliability: reliability(outcomes),
    risk: riskClass(outcomes),
    names: namesByRecency(bookings, recordedNames),
    history: [...bookings].sort((a, b) => b.start.localeCompare(a.start) || b.id.localeCompare(a.id)),
  };
}
