import { createResource, createSignal, For, Show } from "solid-js";
import { formatPhone } from "../../../../shared/phone-format.ts";
import { api } from "../../api/client.ts";
import { outcomeLabel } from "../../bookingFacts.ts";
import { AsyncView } from "../../components/AsyncView.tsx";
import { Table } from "../../components/Table.tsx";
import { TextField } from "../../components/TextField.tsx";
import { formatDay, formatNumber, t } from "../../i18n/index.ts";

const percent = (value: number) => `${formatNumber(Math.round(value * 100))} %`;

/** Admins: customers by name or phone (name index, no scan), with reliability, risk and the full history. */
export function CustomersTab() {
  const [query, setQuery] = createSignal("");
  const [asked, setAsked] = createSignal<string>();
  const [selected, setSelected] = createSignal<string>();
  const [results, { refetch }] = createResource(asked, (q) => api.call("searchCustomers", { query: { q } }));
  const [history, { refetch: refetchHistory }] = createResource(selected, (id) =>
    api.call("getCustomer", { params: { id } }),
  );
  return (
    <section class="page customers-page">
      <h2>{t("customers.title")}</h2>
      <search>
        <form
          class="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            setSelected(undefined);
            setAsked(query().trim());
          }}
        >
          <TextField
            id="customer-search"
            type="search"
            label={t("customers.search")}
            hint={t("customers.searchHint")}
            value={query()}
            onValue={setQuery}
          />
          <button type="submit" class="button primary">
            {t("customers.searchButton")}
          </button>
        </form>
      </search>
      <Show when={asked()} fallback={<p class="muted">{t("customers.prompt")}</p>}>
        <AsyncView
          resource={results}
          retry={refetch}
          empty={t("customers.none")}
          isEmpty={(value) => value.customers.length === 0}
        >
          {(value) => (
            <Table
              columns={[
                t("customers.col.name"),
                t("customers.col.phone"),
                t("customers.col.bookings"),
                t("customers.col.reliability"),
                t("customers.col.risk"),
                t("customers.col.last"),
              ]}
              actions
            >
              <For each={value().customers}>
                {(customer) => (
                  <tr>
                    <td>{customer.names.map((name) => `${name.firstName} ${name.lastName}`).join(", ")}</td>
                    <td>{formatPhone(customer.phone)}</td>
                    <td>{customer.bookings}</td>
                    <td>
                      {customer.reliability === null ? t("customers.new") : percent(customer.reliability)}
                    </td>
                    <td>
                      <span class={`badge risk-${customer.risk}`}>{t(`risk.${customer.risk}`)}</span>{" "}
                      <span class="muted small">{customer.riskReason}</span>
                    </td>
                    <td>{customer.lastAppointment ? formatDay(customer.lastAppointment) : "–"}</td>
                    <td>
                      <button
                        type="button"
                        class="button secondary small"
                        onClick={() => setSelected(customer.id)}
                      >
                        {t("customers.open")}
                      </button>
                    </td>
                  </tr>
                )}
              </For>
            </Table>
          )}
        </AsyncView>
      </Show>
      <Show when={selected()}>
        <AsyncView resource={history} retry={refetchHistory}>
          {(value) => (
            <section class="card customer-history" aria-live="polite">
              <h3>
                {t("customers.history", {
                  name: value().names[0]
                    ? `${value().names[0]!.firstName} ${value().names[0]!.lastName}`
                    : formatPhone(value().phone),
                })}
              </h3>
              <p>
                <span class={`badge risk-${value().risk}`}>
                  {t("customers.col.risk")}: {t(`risk.${value().risk}`)}
                </span>{" "}
                {value().riskReason}
              </p>
              <p class="muted small">
                {t("customers.col.reliability")}:{" "}
                {value().reliability === null ? t("customers.new") : percent(value().reliability!)} ·{" "}
                {t("customers.reliabilityDef")}
              </p>
              <Show when={value().forecast}>
                {(forecast) => (
                  <p class="small">
                    {t("customers.forecast", { percent: Math.round(forecast().probability * 100) })}:{" "}
                    {forecast()
                      .factors.map((factor) => factor.text)
                      .join("; ")}
                  </p>
                )}
              </Show>
              <Table
                columns={[
                  t("customers.col.date"),
                  t("customers.col.outcome"),
                  t("customers.col.agent"),
                  t("customers.col.name"),
                ]}
              >
                <For each={value().history}>
                  {(booking) => (
                    <tr>
                      <td>
                        {formatDay(booking.date)} {booking.time}
                      </td>
                      <td>
                        {booking.status === "cancelled"
                          ? t("status.cancelled")
                          : outcomeLabel(booking.outcome)}
                      </td>
                      <td>{booking.agent}</td>
                      <td>
                        {booking.firstName} {booking.lastName}
                      </td>
                    </tr>
                  )}
                </For>
              </Table>
            </section>
          )}
        </AsyncView>
      </Show>
    </section>
  );
}
