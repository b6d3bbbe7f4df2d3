import { createResource, For, Show } from "solid-js";
import type { AnalyticsKpis } from "../../../../shared/contracts/analytics.ts";
import { api } from "../../api/client.ts";
import { AsyncView } from "../../components/AsyncView.tsx";
import { formatDay, t } from "../../i18n/index.ts";
import { Chart } from "./charts/Chart.tsx";
import { caption, number, percent, points, weekdayKeys, windowText } from "./format.ts";

/** Kennzahlen for admins: every figure with its window and source. */
export function KpisPage() {
  const [data, { refetch }] = createResource(() => api.call("getKpis"));
  return (
    <div>
      <h2>{t("analytics.tab.kpis")}</h2>
      <AsyncView resource={data} retry={refetch}>
        {(value) => <Kpis data={value()} />}
      </AsyncView>
    </div>
  );
}

function Kpis(props: { data: AnalyticsKpis }) {
  const d = () => props.data;
  const where = () => caption(d().window, "aggregates");
  return (
    <>
      <section class="card">
        <h3>{t("analytics.kpis.trend")}</h3>
        <dl class="figures">
          <div>
            <dt>{t("analytics.showRate")}</dt>
            <dd>
              {percent(d().trend.last7.showRate)}
              <span class="trend">{t("analytics.trend", { change: points(d().trend.showRatePoints) })}</span>
            </dd>
          </div>
          <div>
            <dt>{t("analytics.noShowRate")}</dt>
            <dd>
              {percent(d().trend.last7.noShowRate)}
              <span class="trend">
                {t("analytics.trend", { change: points(d().trend.noShowRatePoints) })}
              </span>
            </dd>
          </div>
          <div>
            <dt>{t("analytics.bookings")}</dt>
            <dd>
              {number(d().trend.last7.bookings)}
              <span class="trend">
                {t("analytics.kpis.previous", { value: number(d().trend.previous7.bookings) })}
              </span>
            </dd>
          </div>
          <div>
            <dt>{t("analytics.resolved")}</dt>
            <dd>{number(d().trend.last7.resolved)}</dd>
          </div>
        </dl>
        <p class="muted small">
          {t("analytics.kpis.trendWindows", {
            last: windowText(d().trend.last7),
            previous: windowText(d().trend.previous7),
          })}{" "}
          · {t("analytics.source.aggregates")}
        </p>
        <p class="muted small">{t("analytics.definitions")}</p>
      </section>
      <div class="analytics-grid">
        <Chart
          title={t("analytics.kpis.perDay")}
          caption={where()}
          labels={d().bookingsPerDay.map((day) => formatDay(day.date))}
          series={[
            { label: t("analytics.bookings"), data: d().bookingsPerDay.map((day) => day.bookings) },
            {
              label: t("analytics.outcome.no_show"),
              data: d().bookingsPerDay.map((day) => day.noShows + day.ghosts),
            },
          ]}
          format={(v) => number(v)}
        />
        <Chart
          title={t("analytics.kpis.byConsultant")}
          caption={where()}
          labels={d().byConsultant.map((row) => row.name)}
          series={[
            { label: t("analytics.showRate"), data: d().byConsultant.map((row) => row.showRate) },
            { label: t("analytics.noShowRate"), data: d().byConsultant.map((row) => row.noShowRate) },
          ]}
          format={(v) => percent(v, 0)}
          max={1}
        />
        <Chart
          title={t("analytics.kpis.bySlotTime")}
          caption={where()}
          labels={d().bySlotTime.map((row) => row.time)}
          series={[
            { label: t("analytics.showRate"), data: d().bySlotTime.map((row) => row.showRate) },
            { label: t("analytics.noShowRate"), data: d().bySlotTime.map((row) => row.noShowRate) },
          ]}
          format={(v) => percent(v, 0)}
          max={1}
        />
        <Chart
          title={t("analytics.kpis.capacity")}
          caption={caption(d().capacity.window, "slots")}
          labels={d().capacity.weeks.map((week) => week.week)}
          series={[
            { label: t("analytics.kpis.capacityUse"), data: d().capacity.weeks.map((week) => week.use) },
          ]}
          format={(v) => percent(v, 0)}
          max={1}
        />
      </div>
      <Heatmap data={d()} />
      <section class="card">
        <h3>{t("analytics.kpis.telefonie")}</h3>
        <Show
          when={d().telefonie.available}
          fallback={<p class="muted">{t("analytics.kpis.telefonieMissing")}</p>}
        >
          <ul>
            <For each={d().telefonie.weeks}>
              {(week) => (
                <li>
                  {week.week}: {percent(week.achievement)} ({number(week.achieved)} / {number(week.goal)})
                </li>
              )}
            </For>
          </ul>
        </Show>
        <h3>{t("analytics.kpis.imported")}</h3>
        <Show
          when={d().imported.available && d().imported.days.length > 0}
          fallback={<p class="muted">{t("analytics.kpis.importedNone")}</p>}
        >
          <p class="muted small">
            {t("analytics.kpis.importedDays", { count: d().imported.days.length })} ·{" "}
            {caption(d().imported.window, "imported")}
          </p>
        </Show>
      </section>
    </>
  );
}

/** Show rate per weekday × slot time: a real table (so it needs no second one), shaded by rate. */
function Heatmap(props: { data: AnalyticsKpis }) {
  const times = () => [...new Set(props.data.heatmap.map((cell) => cell.time))].sort();
  const weekdays = () => [...new Set(props.data.heatmap.map((cell) => cell.weekday))].sort();
  const cell = (weekday: number, time: string) =>
    props.data.heatmap.find((entry) => entry.weekday === weekday && entry.time === time);
  const shade = (rate: number | null | undefined) =>
    rate === null || rate === undefined ? "transparent" : `hsl(${Math.round(rate * 120)} 70% 85%)`;
  return (
    <section class="card">
      <h3>{t("analytics.kpis.heatmap")}</h3>
      <Show
        when={props.data.heatmap.length > 0}
        fallback={<p class="empty">{t("analytics.kpis.heatmapEmpty")}</p>}
      >
        <div class="table-wrap">
          <table class="table heatmap">
            <caption class="sr-only">{t("analytics.kpis.heatmap")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("analytics.kpis.weekday")}</th>
                <For each={times()}>{(time) => <th scope="col">{time}</th>}</For>
              </tr>
            </thead>
            <tbody>
              <For each={weekdays()}>
                {(weekday) => (
                  <tr>
                    <th scope="row">{t(weekdayKeys[weekday - 1] ?? "analytics.weekday.1")}</th>
                    <For each={times()}>
                      {(time) => {
                        const entry = cell(weekday, time);
                        return (
                          <td style={{ background: shade(entry?.showRate) }}>
                            {percent(entry?.showRate ?? null, 0)}
                            <span class="sr-only">
                              {" "}
                              ({t("analytics.kpis.resolvedCount", { count: entry?.resolved ?? 0 })})
                            </span>
                          </td>
                        );
                      }}
                    </For>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
      <p class="muted small">{caption(props.data.window, "aggregates")}</p>
    </section>
  );
}
