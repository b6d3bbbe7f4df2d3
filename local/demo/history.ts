import type { Outcome, PotentialClass } from "../../shared/domain/booking/outcomes.ts";
import { type Slot, weekdayOf } from "../../shared/domain/booking/slot-template.ts";
import { seededRandom as seededRandomLocal } from "./random.ts";

/**
 * How the demo history is made, so that a no-show model has a real signal to
 * find (and nothing else is faked): every outcome is drawn from a known
 * logistic model of features known when the booking was made. A seeded PRNG
 * makes it the same on every machine.
 *
 * - customers: a pool of returning customers, 12 % of them habitual
 *   no-showers (+2.3 on the log-odds), 30 % reliable (−0.9); a third of the
 *   bookings are for first-time customers;
 * - lead time: +0.09 per day between booking and appointment beyond 2;
 * - slot time: 20:00 +0.8, 18:00 +0.4, 09:00 −0.3;
 * - weekday: Monday +0.3, Friday +0.45;
 * - potential class: top −0.7, normal −0.2, recall +0.6;
 * - agent `max` +0.3; the fourth consultant +0.25; December +0.3.
 * The intercept (−2.4) gives a no-show rate of about a quarter.
 *
 * Volume: the demo resolves 120 days of the slot template's slots, each
 * offered by 1–3 consultants with 4 places and 30–90 % of them booked: the
 * recent four weeks (~500 resolved bookings, with calendar events; the
 * model's held-out month) and the 92 days before (~1,700, written directly;
 * its training data). The habit is latent, seen only through a customer's
 * earlier outcomes, so even the generating model reaches a Brier score of
 * only ~0.15 on the held-out month; the trained one gets AUC ~0.66 and Brier
 * ~0.181 against the base rate's 0.5 and ~0.187. Fewer rows (an earlier test
 * wrote 2 bookings per slot over 81 days, ~850) were too few for its ~30
 * columns: it then did not beat the base rate's Brier score.
 */
export const demoSignal = {
  intercept: -2.4,
  habit: { flaky: 2.3, reliable: -0.9, usual: 0 },
  leadPerDay: 0.09,
  time: { "20:00": 0.8, "18:00": 0.4, "09:00": -0.3 } as Record<string, number>,
  weekday: { mon: 0.3, fri: 0.45 } as Record<string, number>,
  potential: { top: -0.7, normal: -0.2, recall: 0.6, closer_needed: 0, standard: 0 } as Record<
    PotentialClass,
    number
  >,
  agent: { max: 0.3 } as Record<string, number>,
  consultantIndex: 3,
  consultant: 0.25,
  december: 0.3,
} as const;

export type Habit = keyof typeof demoSignal.habit;

export interface DemoCustomer {
  firstName: string;
  lastName: string;
  phone: string;
  habit: Habit;
}

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
  "Tim",
  "Clara",
  "Leon",
  "Greta",
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
  "Braun",
  "Krüger",
  "Hartmann",
  "Lange",
];

export function randomPhone(next: () => number): string {
  return `+49 17${Math.floor(next() * 10)} ${String(Math.floor(next() * 1e7)).padStart(7, "0")}`;
}

export function randomName(next: () => number): { firstName: string; lastName: string } {
  return {
    firstName: firstNames[Math.floor(next() * firstNames.length)]!,
    lastName: lastNames[Math.floor(next() * lastNames.length)]!,
  };
}

/** The seed of the returning customers' stream: the demo seeding and demo-like test histories share them. */
export const demoPoolSeed = 20260601;

/** The returning customers (drawn first, so the pool is the same whatever else changes). */
export function demoCustomerPool(next: () => number, size = 420): DemoCustomer[] {
  return Array.from({ length: size }, () => {
    const roll = next();
    const habit: Habit = roll < 0.12 ? "flaky" : roll < 0.42 ? "reliable" : "usual";
    return { ...randomName(next), phone: randomPhone(next), habit };
  });
}

/** A customer for the next booking: returning (two thirds) or first-time. */
export function pickCustomer(next: () => number, pool: readonly DemoCustomer[]): DemoCustomer {
  if (next() < 0.66) return pool[Math.floor(next() * pool.length)]!;
  return { ...randomName(next), phone: randomPhone(next), habit: next() < 0.1 ? "flaky" : "usual" };
}

/** Days between booking and appointment: most within a few days, some up to three weeks. */
export function leadDays(next: () => number): number {
  return 1 + Math.floor(next() ** 1.6 * 21);
}

const potentialMix: [PotentialClass, number][] = [
  ["standard", 0.4],
  ["normal", 0.25],
  ["top", 0.15],
  ["closer_needed", 0.1],
  ["recall", 0.1],
];

export function pickPotential(next: () => number): PotentialClass {
  let roll = next();
  for (const [potential, share] of potentialMix) {
    roll -= share;
    if (roll <= 0) return potential;
  }
  return "standard";
}

export interface DemoFacts {
  slot: Slot;
  lead: number;
  potentialClass: PotentialClass;
  agent: string;
  consultantIndex: number;
  customer: DemoCustomer;
}

/** The true no-show probability of the demo's generating model. */
export function demoNoShowProbability(facts: DemoFacts): number {
  const s = demoSignal;
  const logit =
    s.intercept +
    s.habit[facts.customer.habit] +
    s.leadPerDay * Math.max(0, facts.lead - 2) +
    (s.time[facts.slot.time] ?? 0) +
    (s.weekday[weekdayOf(facts.slot.date)] ?? 0) +
    s.potential[facts.potentialClass] +
    (s.agent[facts.agent] ?? 0) +
    (facts.consultantIndex === s.consultantIndex ? s.consultant : 0) +
    (facts.slot.date.slice(5, 7) === "12" ? s.december : 0);
  return 1 / (1 + Math.exp(-logit));
}

/**
 * The outcome: about 10 % are withdrawn before the day (cancelled,
 * rescheduled, consultant change); the rest show or not by the probability.
 */
export function drawOutcome(next: () => number, probability: number): Outcome {
  const withdrawn = next();
  if (withdrawn < 0.06) return "cancelled";
  if (withdrawn < 0.08) return "rescheduled";
  if (withdrawn < 0.1) return "consultant_change";
  const shows = next() >= probability;
  const detail = next();
  if (shows) return detail < 0.07 ? "overhang" : "completed";
  return detail < 0.15 ? "ghost" : "no_show";
}

/**
 * Demo-like history without a database (tests): `perSlot` bookings in each
 * slot of the template's times over `days` days up to `today`, drawn exactly
 * as the demo seeding draws them.
 */
export function generateDemoLikeHistory(options: {
  seed: number;
  today: string;
  days: number;
  slots: readonly Slot[];
  agents: readonly string[];
  consultants: readonly string[];
  perSlot?: number;
}): {
  id: string;
  customerId: string;
  date: string;
  time: string;
  start: string;
  end: string;
  createdAt: string;
  agent: string;
  consultant: string;
  potentialClass: PotentialClass;
  status: "booked" | "cancelled";
  outcome: Outcome;
}[] {
  const next = seededRandomLocal(options.seed);
  // The demo's own returning customers (the same stream as the seeding's).
  const pool = demoCustomerPool(seededRandomLocal(demoPoolSeed));
  const dayMs = 86_400_000;
  return options.slots.flatMap((slot, slotIndex) =>
    Array.from({ length: options.perSlot ?? 4 }, (_, index) => {
      const lead = leadDays(next);
      const customer = pickCustomer(next, pool);
      const agent = options.agents[Math.floor(next() * options.agents.length)]!;
      const consultantIndex = (slotIndex + index) % options.consultants.length;
      const potentialClass = pickPotential(next);
      const outcome = drawOutcome(
        next,
        demoNoShowProbability({ slot, lead, potentialClass, agent, consultantIndex, customer }),
      );
      return {
        id: `${slot.date}-${slot.time}-${index}`,
        customerId: customer.phone,
        date: slot.date,
        time: slot.time,
        start: slot.start,
        end: slot.end,
        createdAt: new Date(Date.parse(slot.start) - lead * dayMs).toISOString(),
        agent,
        consultant: options.consultants[consultantIndex]!,
        potentialClass,
        status: outcome === "cancelled" || outcome === "rescheduled" ? "cancelled" : "booked",
        outcome,
      };
    }),
  );
}
