import { createResource, createRoot } from "solid-js";
import type { Booking } from "../../shared/contracts/booking.ts";
import {
  type Outcome,
  outcomeValues,
  type PotentialClass,
  potentialClassValues,
} from "../../shared/domain/booking/outcome-values.ts";
import { api } from "./api/client.ts";
import type { MessageKey } from "./i18n/de.ts";
import { t } from "./i18n/index.ts";
import { user } from "./session.ts";

/** The outcomes an appointment can end with, in the order admins pick them. */
export const outcomes = outcomeValues;
export type OutcomeName = Outcome;
/** Potential classes, the default first. */
export const potentialClasses = potentialClassValues;
export type PotentialName = PotentialClass;

export interface OutcomeChange {
  at: string;
  by: string;
  from: string;
  to: string;
  reason?: string | undefined;
}

/** A booking with the facts the booking rework adds (all optional here: older items may lack them). */
export type BookingView = Booking & {
  consultant?: string | undefined;
  overCapacity?: boolean | undefined;
  potentialClass?: string | undefined;
  outcomeSource?: string | undefined;
  outcomeHistory?: readonly OutcomeChange[] | undefined;
};

export function outcomeLabel(outcome: string): string {
  const key = `outcome.${outcome}` as MessageKey;
  return key in outcomeKeys ? t(key) : outcome;
}

export function potentialLabel(potential: string): string {
  const key = `potential.${potential}` as MessageKey;
  return key in potentialKeys ? t(key) : potential;
}

const outcomeKeys: Partial<Record<MessageKey, true>> = Object.fromEntries(
  [...outcomes, "appeared"].map((name) => [`outcome.${name}`, true]),
);
const potentialKeys: Partial<Record<MessageKey, true>> = Object.fromEntries(
  potentialClasses.map((name) => [`potential.${name}`, true]),
);

/** Consultant id → name, loaded once per signed-in user (agents may read the list); nobody signed in asks nothing. */
const [consultants, { refetch: reloadConsultants }] = createRoot(() =>
  createResource(
    () => user()?.username,
    () =>
      api
        .call("listConsultants")
        .then((list) => new Map(list.map((consultant) => [consultant.id, consultant.name]))),
  ),
);

export { reloadConsultants };

export function consultantName(id: string | undefined): string | undefined {
  if (!id) return undefined;
  const names = consultants.error ? undefined : consultants.latest;
  return names?.get(id) ?? id;
}
