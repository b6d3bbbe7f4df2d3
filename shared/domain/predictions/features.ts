import { weekdayOf } from "../booking/local-date.ts";

/** What the model needs to know of a booking (all known when it was made, except the outcome). */
export interface PredictionBooking {
  id: string;
  customerId?: string | undefined;
  date: string;
  time: string;
  start: string;
  end: string;
  createdAt: string;
  agent: string;
  consultant?: string | undefined;
  potentialClass?: string | undefined;
  status: "booked" | "cancelled";
  outcome: string;
}

/** The customer's record as it stood when the booking was made. */
export interface CustomerPrior {
  resolved: number;
  noShows: number;
}

const noShowOutcomes = new Set(["no_show", "ghost"]);
const showOutcomes = new Set(["completed", "overhang"]);

/** Resolved = completed + overhang + no_show + ghost; label 1 = no-show (no_show or ghost). */
export function labelOf(outcome: string): 0 | 1 | undefined {
  if (noShowOutcomes.has(outcome)) return 1;
  if (showOutcomes.has(outcome)) return 0;
  return undefined;
}

/** The categorical features and the values the model was trained with (others read as "none of them"). */
export const categoricalFeatures = ["weekday", "slotTime", "potential", "agent", "consultant"] as const;
export type CategoricalFeature = (typeof categoricalFeatures)[number];
export type Categories = Record<CategoricalFeature, string[]>;

/** Groups of columns, each explained in words as one factor. */
export const factorGroups = [
  "customerHistory",
  "leadTime",
  "weekday",
  "slotTime",
  "potential",
  "agent",
  "consultant",
  "season",
] as const;
export type FactorGroup = (typeof factorGroups)[number];

export interface FeatureFacts {
  prior: CustomerPrior;
  leadDays: number;
  weekday: string;
  slotTime: string;
  potential: string;
  agent: string;
  consultant: string;
  month: number;
}

const dayMs = 86_400_000;

export function factsOf(booking: PredictionBooking, prior: CustomerPrior): FeatureFacts {
  return {
    prior,
    leadDays: Math.max(0, (Date.parse(booking.start) - Date.parse(booking.createdAt)) / dayMs),
    weekday: weekdayOf(booking.date),
    slotTime: booking.time,
    potential: booking.potentialClass ?? "standard",
    agent: booking.agent,
    consultant: booking.consultant ?? "",
    month: Number(booking.date.slice(5, 7)),
  };
}

export interface Column {
  name: string;
  group: FactorGroup;
}

/** The columns of the design matrix, in order. */
export function columnsOf(categories: Categories): Column[] {
  return [
    { name: "customer.noShows", group: "customerHistory" },
    { name: "customer.shows", group: "customerHistory" },
    { name: "customer.new", group: "customerHistory" },
    { name: "leadWeeks", group: "leadTime" },
    { name: "season.sin", group: "season" },
    { name: "season.cos", group: "season" },
    ...categoricalFeatures.flatMap((feature) =>
      categories[feature].map((value) => ({ name: `${feature}=${value}`, group: feature })),
    ),
  ];
}

/** One row of the design matrix. */
export function encode(facts: FeatureFacts, categories: Categories): number[] {
  const { prior } = facts;
  const shows = prior.resolved - prior.noShows;
  const angle = ((facts.month - 1) / 12) * 2 * Math.PI;
  return [
    Math.min(prior.noShows, 5),
    Math.log1p(Math.min(shows, 20)),
    prior.resolved === 0 ? 1 : 0,
    Math.min(facts.leadDays, 42) / 7,
    Math.sin(angle),
    Math.cos(angle),
    ...categoricalFeatures.flatMap((feature) =>
      categories[feature].map((value) => (facts[feature] === value ? 1 : 0)),
    ),
  ];
}

/**
 * Each resolved booking with its customer's record as it stood when the
 * booking was made: the customer's bookings whose slot had ended by then and
 * were resolved (nothing later leaks into the features).
 */
export function examplesOf(
  history: readonly PredictionBooking[],
): { booking: PredictionBooking; facts: FeatureFacts; label: 0 | 1 }[] {
  const byCustomer = new Map<string, PredictionBooking[]>();
  for (const booking of history) {
    if (!booking.customerId || labelOf(booking.outcome) === undefined) continue;
    const list = byCustomer.get(booking.customerId) ?? [];
    list.push(booking);
    byCustomer.set(booking.customerId, list);
  }
  for (const list of byCustomer.values()) list.sort((a, b) => a.end.localeCompare(b.end));
  const examples: { booking: PredictionBooking; facts: FeatureFacts; label: 0 | 1 }[] = [];
  for (const booking of history) {
    const label = labelOf(booking.outcome);
    if (label === undefined) continue;
    examples.push({
      booking,
      facts: factsOf(booking, priorOf(byCustomer.get(booking.customerId ?? "") ?? [], booking.createdAt)),
      label,
    });
  }
  return examples;
}

/** The record of a customer's resolved bookings (sorted by end) whose slot ended before `at`. */
export function priorOf(resolvedByEnd: readonly PredictionBooking[], at: string): CustomerPrior {
  let resolved = 0;
  let noShows = 0;
  for (const earlier of resolvedByEnd) {
    if (earlier.end > at) break;
    const label = labelOf(earlier.outcome);
    if (label === undefined) continue;
    resolved++;
    noShows += label;
  }
  return { resolved, noShows };
}

/** Values seen at least `min` times, most frequent first (rare ones would only add noise). */
export function categoriesOf(facts: readonly FeatureFacts[], min = 10): Categories {
  const result = {} as Categories;
  for (const feature of categoricalFeatures) {
    const counts = new Map<string, number>();
    for (const fact of facts) counts.set(fact[feature], (counts.get(fact[feature]) ?? 0) + 1);
    result[feature] = [...counts]
      .filter(([value, count]) => value !== "" && count >= min)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([value]) => value);
  }
  return result;
}
