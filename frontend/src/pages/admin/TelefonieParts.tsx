import { For, Show } from "solid-js";
import type { TelefonieTrendPoint } from "../../../../shared/contracts/telefonie.ts";
import { isoWeekOf, shiftWeek, weekDates } from "../../../../shared/domain/telefonie/week.ts";
import { Field } from "../../components/ui.tsx";
import { timeZone } from "../../dates.ts";
import { formatDay, formatNumber, locale, t } from "../../i18n/index.ts";
import "../../styles/telefonie.css";

export type Status = "green" | "yellow" | "red" | null;

/** The ISO week of today in the slots' zone. */
export function currentWeek(): string {
  return isoWeekOf(new Date(), timeZone());
}

export function formatRate(rate: number | null): string {
  if (rate === null) return "–";
  return new Intl.NumberFormat(locale() === "de" ? "de-DE" : "en-GB", {
    style: "percent",
    maximumFractionDigits: 0,
  }).format(rate);
}

export const points = (value: number | null | undefined) =>
  value === null || value === undefined ? "–" : formatNumber(value);

/** The status as a coloured pill with its word: colour is never the only signal. */
export function StatusPill(props: { status: Status }) {
  return (
    <span class={`status-pill status-${props.status ?? "none"}`} data-status={props.status ?? "none"}>
      {t(`telefonie.status.${props.status ?? "none"}`)}
    </span>
  );
}

/** Previous / this / next week and a native week input (value `2026-W49`). */
export function WeekPicker(props: { week: string; onChange: (week: string) => void; id?: string }) {
  const id = () => props.id ?? "telefonie-week";
  const range = () => weekDates(props.week);
  return (
    <div class="week-picker">
      <button
        type="button"
        class="button secondary"
        onClick={() => props.onChange(shiftWeek(props.week, -1))}
      >
        ← {t("telefonie.previousWeek")}
      </button>
      <Field id={id()} label={t("telefonie.week")}>
        <input
          id={id()}
          type="week"
          value={props.week}
          onChange={(event) => {
            if (/^\d{4}-W\d{2}$/.test(event.currentTarget.value)) props.onChange(event.currentTarget.value);
          }}
        />
      </Field>
      <button type="button" class="button secondary" onClick={() => props.onChange(shiftWeek(props.week, 1))}>
        {t("telefonie.nextWeek")} →
      </button>
      <button type="button" class="button secondary" onClick={() => props.onChange(currentWeek())}>
        {t("telefonie.thisWeek")}
      </button>
      <span class="muted">
        {t("telefonie.weekRange", { from: formatDay(range().from), to: formatDay(range().to) })}
      </span>
    </div>
  );
}

/** Four weeks as bars (achieved) with a goal line, and the same numbers as a table. */
export function TrendChart(props: { trend: TelefonieTrendPoint[]; caption: string; bookings?: number[] }) {
  const max = () => Math.max(1, ...props.trend.flatMap((point) => [point.goal, point.achieved]));
  return (
    <figure class="trend">
      <div class="trend-bars" aria-hidden="true">
        <For each={props.trend}>
          {(point) => (
            <div class="trend-bar">
              <Show when={point.goal > 0}>
                <span class="trend-goal" style={{ bottom: `${(point.goal / max()) * 100}%` }} />
              </Show>
              <span
                class={`trend-fill status-${point.status ?? "none"}`}
                style={{ height: `${(point.achieved / max()) * 100}%` }}
              />
            </div>
          )}
        </For>
      </div>
      <div class="trend-labels" aria-hidden="true">
        <For each={props.trend}>{(point) => <span>{point.isoWeek}</span>}</For>
      </div>
      <figcaption class="muted small">{props.caption}</figcaption>
      <div class="table-wrap card flush">
        <table class="table">
          <caption class="sr-only">{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("telefonie.week")}</th>
              <th scope="col">{t("telefonie.goal")}</th>
              <th scope="col">{t("telefonie.achieved")}</th>
              <th scope="col">{t("telefonie.rate")}</th>
              <th scope="col">{t("telefonie.status")}</th>
              <Show when={props.bookings}>
                <th scope="col">{t("reports.bookingsColumn")}</th>
              </Show>
            </tr>
          </thead>
          <tbody>
            <For each={props.trend}>
              {(point, index) => (
                <tr>
                  <th scope="row">{point.isoWeek}</th>
                  <td>{points(point.goal)}</td>
                  <td>{points(point.achieved)}</td>
                  <td>{formatRate(point.rate)}</td>
                  <td>
                    <StatusPill status={point.status} />
                  </td>
                  <Show when={props.bookings}>
                    <td>{props.bookings?.[index()] ?? 0}</td>
                  </Show>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </figure>
  );
}
