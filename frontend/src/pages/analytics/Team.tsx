import { createResource, createSignal, For, Show } from "solid-js";
import { api } from "../../api/client.ts";
import { AsyncView } from "../../components/AsyncView.tsx";
import { Table } from "../../components/Table.tsx";
import { t } from "../../i18n/index.ts";
import { Chart } from "./charts/Chart.tsx";
import { caption, number, percent } from "./format.ts";
import { type PeriodOption, PeriodSwitch } from "./PeriodSwitch.tsx";

/** Team: agents and consultants side by side, with the combined ranking. */
export function TeamPage() {
  const [period, setPeriod] = createSignal<PeriodOption>("30d");
  const [data, { refetch }] = createResource(period, (value) =>
    api.call("getTeamPerformance", { query: { period: value } }),
  );
  return (
    <div>
      <div class="analytics-toolbar">
        <h2>{t("analytics.tab.team")}</h2>
        <PeriodSwitch value={period()} onChange={setPeriod} />
      </div>
      <AsyncView
        resource={data}
        retry={refetch}
        empty={t("analytics.team.empty")}
        isEmpty={(value) => value.agents.length === 0 && value.consultants.length === 0}
      >
        {(value) => (
          <>
            <Show when={!value().telefonie.available}>
              <p class="notice">{t("analytics.team.fallback")}</p>
            </Show>
            <div class="analytics-grid">
              <Chart
                title={t("analytics.team.agentsChart")}
                caption={caption(value().window, "aggregates")}
                labels={value().agents.map((agent) => agent.displayName)}
                series={[
                  {
                    label: t("analytics.team.combined"),
                    data: value().agents.map((agent) => agent.combined),
                  },
                ]}
                format={(v) => number(v, 1)}
                max={100}
              />
              <Chart
                title={t("analytics.team.consultantsChart")}
                caption={caption(value().window, "aggregates")}
                labels={value().consultants.map((consultant) => consultant.name)}
                series={[
                  { label: t("analytics.showRate"), data: value().consultants.map((row) => row.showRate) },
                  {
                    label: t("analytics.noShowRate"),
                    data: value().consultants.map((row) => row.noShowRate),
                  },
                ]}
                format={(v) => percent(v, 0)}
                max={1}
              />
            </div>
            <h3>{t("analytics.team.agents")}</h3>
            <p class="muted small">{t("analytics.team.formula")}</p>
            <Table
              columns={[
                t("analytics.team.rank"),
                t("analytics.team.agent"),
                t("analytics.bookings"),
                t("analytics.showRate"),
                t("analytics.noShowRate"),
                t("analytics.team.activity"),
                t("analytics.team.consistency"),
                t("analytics.team.combined"),
                t("analytics.team.class"),
              ]}
            >
              <For each={value().agents}>
                {(agent) => (
                  <tr>
                    <td>{agent.rank}</td>
                    <td>{agent.displayName}</td>
                    <td>{number(agent.bookings)}</td>
                    <td>{percent(agent.showRate)}</td>
                    <td>{percent(agent.noShowRate)}</td>
                    <td>
                      {number(agent.activity)}
                      <Show when={agent.telefonieFallback}> *</Show>
                    </td>
                    <td>
                      {number(agent.consistency)}
                      <Show when={agent.telefonieFallback}> *</Show>
                    </td>
                    <td>{number(agent.combined, 1)}</td>
                    <td>{t(`analytics.class.${agent.class}`)}</td>
                  </tr>
                )}
              </For>
            </Table>
            <h3>{t("analytics.team.consultants")}</h3>
            <Table
              columns={[
                t("analytics.team.consultant"),
                t("analytics.bookings"),
                t("analytics.resolved"),
                t("analytics.showRate"),
                t("analytics.noShowRate"),
                t("analytics.cancellationRate"),
                t("analytics.qualityScore"),
              ]}
            >
              <For each={value().consultants}>
                {(row) => (
                  <tr>
                    <td>{row.name}</td>
                    <td>{number(row.bookings)}</td>
                    <td>{number(row.resolved)}</td>
                    <td>{percent(row.showRate)}</td>
                    <td>{percent(row.noShowRate)}</td>
                    <td>{percent(row.cancellationRate)}</td>
                    <td>{percent(row.qualityScore)}</td>
                  </tr>
                )}
              </For>
            </Table>
            <p class="muted small">{caption(value().window, "aggregates")}</p>
          </>
        )}
      </AsyncView>
    </div>
  );
}
