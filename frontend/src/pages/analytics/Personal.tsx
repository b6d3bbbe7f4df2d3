import { createResource, createSignal, For, type JSX, Match, Show, Switch } from "solid-js";
import type { DashboardLayout, Performance } from "../../../../shared/contracts/analytics.ts";
import { api } from "../../api/client.ts";
import { AsyncView } from "../../components/AsyncView.tsx";
import { toast } from "../../components/toast.tsx";
import { errorMessage } from "../../components/ui.tsx";
import { formatDay, t } from "../../i18n/index.ts";
import { user } from "../../session.ts";
import { Chart } from "./charts/Chart.tsx";
import { caption, number, percent, points, relative } from "./format.ts";
import { type PeriodOption, PeriodSwitch } from "./PeriodSwitch.tsx";

type WidgetId = DashboardLayout["widgets"][number]["id"];

/** Mein Dashboard: the signed-in user's figures, as widgets they choose, order and hide (saved on the server). */
export function PersonalPage() {
  const [period, setPeriod] = createSignal<PeriodOption>("30d");
  const username = () => user()?.username ?? "";
  const [data, { refetch }] = createResource(
    () => ({ username: username(), period: period() }),
    (key) =>
      api.call("getPerformance", { params: { username: key.username }, query: { period: key.period } }),
  );
  const [layout, { mutate: setLayout, refetch: reloadLayout }] = createResource(() =>
    api.call("getDashboardLayout"),
  );
  const [customizing, setCustomizing] = createSignal(false);

  async function save(next: DashboardLayout, focusId?: string) {
    const previous = layout();
    setLayout(next);
    if (focusId) queueMicrotask(() => document.getElementById(focusId)?.focus());
    try {
      setLayout(await api.call("putDashboardLayout", { body: next }));
      toast(t("analytics.layout.saved"));
    } catch (error) {
      setLayout(previous);
      toast(errorMessage(error), "error");
    }
  }
  const move = (index: number, by: -1 | 1) => {
    const widgets = [...(layout()?.widgets ?? [])];
    const target = index + by;
    if (target < 0 || target >= widgets.length) return;
    [widgets[index], widgets[target]] = [widgets[target]!, widgets[index]!];
    const id = widgets[target]!.id;
    void save({ widgets }, `widget-${id}-${by < 0 ? "up" : "down"}`);
  };
  const toggle = (index: number) => {
    const widgets = (layout()?.widgets ?? []).map((widget, at) =>
      at === index ? { ...widget, hidden: !widget.hidden } : widget,
    );
    void save({ widgets });
  };

  return (
    <div>
      <div class="analytics-toolbar">
        <h2>{t("analytics.personal.heading", { name: user()?.displayName ?? "" })}</h2>
        <PeriodSwitch value={period()} onChange={setPeriod} />
      </div>
      <details
        class="card"
        open={customizing()}
        onToggle={(event) => setCustomizing(event.currentTarget.open)}
      >
        <summary>{t("analytics.layout.customize")}</summary>
        <AsyncView resource={layout} retry={reloadLayout}>
          {(current) => (
            <ol class="widget-list" aria-label={t("analytics.layout.list")}>
              <For each={current().widgets}>
                {(widget, index) => (
                  <li data-widget={widget.id}>
                    <span>{t(`analytics.widget.${widget.id}`)}</span>
                    <label>
                      <input type="checkbox" checked={!widget.hidden} onChange={() => toggle(index())} />{" "}
                      {t("analytics.layout.show")}
                    </label>
                    <button
                      type="button"
                      id={`widget-${widget.id}-up`}
                      class="button secondary small"
                      disabled={index() === 0}
                      aria-label={t("analytics.layout.up", { widget: t(`analytics.widget.${widget.id}`) })}
                      onClick={() => move(index(), -1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      id={`widget-${widget.id}-down`}
                      class="button secondary small"
                      disabled={index() === current().widgets.length - 1}
                      aria-label={t("analytics.layout.down", { widget: t(`analytics.widget.${widget.id}`) })}
                      onClick={() => move(index(), 1)}
                    >
                      ↓
                    </button>
                  </li>
                )}
              </For>
            </ol>
          )}
        </AsyncView>
      </details>
      <AsyncView
        resource={data}
        retry={refetch}
        empty={t(user()?.role === "admin" ? "analytics.personal.emptyAdmin" : "analytics.personal.empty")}
        isEmpty={(value) => value.bookings === 0 && (value.trend?.previous.bookings ?? 0) === 0}
      >
        {(value) => (
          <div class="analytics-grid" aria-busy={data.loading}>
            <For each={(layout()?.widgets ?? []).filter((widget) => !widget.hidden)}>
              {(widget) => <Widget id={widget.id} data={value()} />}
            </For>
          </div>
        )}
      </AsyncView>
    </div>
  );
}

function Widget(props: { id: WidgetId; data: Performance }): JSX.Element {
  const d = () => props.data;
  const where = () => caption(d().window, "aggregates");
  return (
    <div data-widget-panel={props.id}>
      <Switch>
        <Match when={props.id === "summary"}>
          <section class="card">
            <h3>{t("analytics.widget.summary")}</h3>
            <dl class="figures">
              <Figure
                label={t("analytics.bookings")}
                value={number(d().bookings)}
                trend={d().trend ? relative(d().trend?.bookings) : undefined}
              />
              <Figure
                label={t("analytics.points")}
                value={number(d().points)}
                trend={d().trend ? relative(d().trend?.points) : undefined}
              />
              <Figure
                label={t("analytics.showRate")}
                value={percent(d().showRate)}
                trend={d().trend ? points(d().trend?.showRatePoints) : undefined}
              />
              <Figure
                label={t("analytics.noShowRate")}
                value={percent(d().noShowRate)}
                trend={d().trend ? points(d().trend?.noShowRatePoints) : undefined}
              />
              <Figure label={t("analytics.cancellationRate")} value={percent(d().cancellationRate)} />
              <Figure label={t("analytics.qualityScore")} value={percent(d().qualityScore)} />
            </dl>
            <p class="muted small">
              {where()}
              <Show when={d().previousWindow}>
                {(previous) => (
                  <>
                    {" "}
                    ·{" "}
                    {t("analytics.trendAgainst", {
                      from: formatDay(previous().from),
                      to: formatDay(previous().to),
                    })}
                  </>
                )}
              </Show>
            </p>
            <p class="muted small">{t("analytics.definitions")}</p>
          </section>
        </Match>
        <Match when={props.id === "daily"}>
          <Chart
            title={t("analytics.widget.daily")}
            caption={where()}
            labels={d().daily.map((day) => formatDay(day.date))}
            series={[
              { label: t("analytics.bookings"), data: d().daily.map((day) => day.bookings) },
              { label: t("analytics.points"), data: d().daily.map((day) => day.points), line: true },
            ]}
            format={(value) => number(value)}
          />
        </Match>
        <Match when={props.id === "outcomes"}>
          <Chart
            title={t("analytics.widget.outcomes")}
            caption={where()}
            labels={[
              t("analytics.outcome.completed"),
              t("analytics.outcome.overhang"),
              t("analytics.outcome.no_show"),
              t("analytics.outcome.ghost"),
              t("analytics.outcome.cancelled"),
              t("analytics.outcome.rescheduled"),
              t("analytics.outcome.pending"),
            ]}
            series={[
              {
                label: t("analytics.bookings"),
                data: [
                  d().completed,
                  d().overhang,
                  d().noShows,
                  d().ghosts,
                  d().cancelled,
                  d().rescheduled,
                  d().pending,
                ],
              },
            ]}
            format={(value) => number(value)}
          />
        </Match>
        <Match when={props.id === "slotTimes"}>
          <Show
            when={d().slotTimes.length > 0}
            fallback={
              <section class="card">
                <h3>{t("analytics.widget.slotTimes")}</h3>
                <p class="empty">{t("analytics.slotTimes.empty")}</p>
              </section>
            }
          >
            <div>
              <Chart
                title={t("analytics.widget.slotTimes")}
                caption={where()}
                labels={d().slotTimes.map((slot) => slot.time)}
                series={[
                  { label: t("analytics.showRate"), data: d().slotTimes.map((slot) => slot.showRate) },
                ]}
                format={(value) => percent(value, 0)}
                max={1}
              />
              <p class="muted small">
                {t("analytics.bestSlots", {
                  times: d()
                    .bestSlotTimes.map((slot) => slot.time)
                    .join(", "),
                })}
              </p>
            </div>
          </Show>
        </Match>
        <Match when={props.id === "rank"}>
          <section class="card">
            <h3>{t("analytics.widget.rank")}</h3>
            <p class="figure-big">
              {d().rank.position === null
                ? t("analytics.rank.none")
                : t("analytics.rank.text", { position: d().rank.position ?? 0, of: d().rank.of })}
            </p>
            <p class="muted small">
              {where()} · {t("analytics.rank.by")}
            </p>
          </section>
        </Match>
      </Switch>
    </div>
  );
}

function Figure(props: { label: string; value: string; trend?: string | undefined }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd>
        {props.value}
        <Show when={props.trend}>
          <span class="trend">{t("analytics.trend", { change: props.trend ?? "" })}</span>
        </Show>
      </dd>
    </div>
  );
}
