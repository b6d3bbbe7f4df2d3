import { createEffect, createSignal, For, Match, onCleanup, Show, Switch } from "solid-js";
import { normalizePhone } from "../../../shared/domain/booking/booking-input.ts";
import { ApiError } from "../api/client.ts";
import { outcomeLabel } from "../bookingFacts.ts";
import { formatDay, formatNumber, t } from "../i18n/index.ts";

/** The part of a customer profile the booking dialog shows. */
export interface CustomerSummary {
  names: { firstName: string; lastName: string }[];
  bookings: number;
  reliability: number | null;
  risk: "low" | "medium" | "high";
  /** Why the risk class, in words (from the API, in the user's language). */
  riskReason?: string;
  /** The no-show model's forecast for the appointment being booked, with its top factors in words. */
  forecast?: { probability: number; factors: { text: string }[] } | undefined;
  lastBookings: { date: string; time: string; status: string; outcome: string; agent: string }[];
}

type Lookup =
  | { state: "idle" }
  | { state: "looking" }
  | { state: "new" }
  | { state: "known"; customer: CustomerSummary }
  | { state: "failed" };

/** How long typing must pause before the number is looked up. */
export const lookupDelayMs = 400;

/**
 * A known customer's history and risk as the agent types the phone number: looked up once the
 * number is a dialable one and typing has paused; a 404 means a new customer. Answers to numbers
 * typed earlier are dropped, so a slow answer never replaces a newer one.
 */
export function CustomerPanel(props: { phone: string; lookup: (phone: string) => Promise<CustomerSummary> }) {
  const [result, setResult] = createSignal<Lookup>({ state: "idle" });
  let sequence = 0;
  createEffect(() => {
    const normalized = normalizePhone(props.phone);
    const ask = ++sequence;
    if (!normalized.ok) {
      setResult({ state: "idle" });
      return;
    }
    const timer = setTimeout(() => {
      setResult({ state: "looking" });
      props.lookup(normalized.phone).then(
        (customer) => ask === sequence && setResult({ state: "known", customer }),
        (error) =>
          ask === sequence &&
          setResult({ state: error instanceof ApiError && error.status === 404 ? "new" : "failed" }),
      );
    }, lookupDelayMs);
    onCleanup(() => clearTimeout(timer));
  });

  return (
    <div class="customer-panel" aria-live="polite" data-customer={result().state}>
      <Switch>
        <Match when={result().state === "looking"}>
          <p class="muted small">{t("book.customer.looking")}</p>
        </Match>
        <Match when={result().state === "new"}>
          <p class="small">
            <span class="badge ok">{t("book.customer.new")}</span>{" "}
            <span class="muted">{t("book.customer.newHint")}</span>
          </p>
        </Match>
        <Match when={result().state === "failed"}>
          <p class="muted small">{t("book.customer.failed")}</p>
        </Match>
        <Match when={result().state === "known" && (result() as { customer: CustomerSummary }).customer}>
          {(customer) => <KnownCustomer customer={customer()} />}
        </Match>
      </Switch>
    </div>
  );
}

function KnownCustomer(props: { customer: CustomerSummary }) {
  const names = () =>
    props.customer.names
      .slice(0, 3)
      .map((name) => `${name.firstName} ${name.lastName}`)
      .join(", ");
  const reliability = () =>
    props.customer.reliability === null
      ? t("book.customer.noReliability")
      : `${formatNumber(Math.round(props.customer.reliability * 100))} %`;
  return (
    <section class="known-customer" aria-label={t("book.customer.known", { names: names() })}>
      <p class="known-head">
        <strong>{t("book.customer.known", { names: names() })}</strong>
        <span class={`badge risk-${props.customer.risk}`}>
          {t("book.customer.risk")}: {t(`book.customer.risk.${props.customer.risk}`)}
        </span>
      </p>
      <Show when={props.customer.riskReason}>
        <p class="small risk-reason">{props.customer.riskReason}</p>
      </Show>
      <Show when={props.customer.forecast}>
        {(forecast) => (
          <p class="small forecast">
            {t("book.customer.forecast", { percent: Math.round(forecast().probability * 100) })}:{" "}
            {forecast()
              .factors.map((factor) => factor.text)
              .join("; ")}
          </p>
        )}
      </Show>
      <p class="muted small">
        {t("book.customer.counts", { bookings: props.customer.bookings, reliability: reliability() })}
      </p>
      <Show when={props.customer.lastBookings.length > 0}>
        <h3 class="small">{t("book.customer.past")}</h3>
        <ul class="customer-bookings">
          <For each={props.customer.lastBookings}>
            {(booking) => (
              <li>
                {t("book.customer.pastItem", {
                  day: formatDay(booking.date),
                  time: booking.time,
                  outcome:
                    booking.status === "cancelled" ? t("status.cancelled") : outcomeLabel(booking.outcome),
                  agent: booking.agent,
                })}
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
