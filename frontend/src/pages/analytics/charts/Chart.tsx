import {
  BarController,
  BarElement,
  CategoryScale,
  type ChartConfiguration,
  Chart as ChartJs,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import { createEffect, For, onCleanup, onMount } from "solid-js";
import { t } from "../../../i18n/index.ts";
import "./charts.css";

// Chart.js, tree-shaken to what these charts draw; this module is imported only by the analytics pages.
ChartJs.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);

export interface Series {
  label: string;
  data: (number | null)[];
  /** Draw as a line over bars (mixed chart). */
  line?: boolean;
}

const palette = ["#1d4ed8", "#b91c1c", "#15803d", "#a16207", "#7c3aed", "#0e7490"];

/**
 * One chart with its numbers: the canvas is an image with a name for screen
 * readers, and "Als Tabelle" opens the same numbers as a table (keyboard and
 * screen readers reach it like any disclosure).
 */
export function Chart(props: {
  title: string;
  labels: string[];
  series: Series[];
  type?: "bar" | "line";
  /** How values read in the table and on the axis. */
  format: (value: number | null) => string;
  /** Window and source of the figures, shown under the chart. */
  caption: string;
  max?: number;
  stacked?: boolean;
}) {
  let canvas: HTMLCanvasElement | undefined;
  let chart: ChartJs | undefined;
  const reduced = () => window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;
  const config = (): ChartConfiguration => ({
    type: props.type ?? "bar",
    data: {
      labels: props.labels,
      datasets: props.series.map((series, index) => ({
        ...(series.line ? { type: "line" as const } : {}),
        label: series.label,
        data: series.data,
        backgroundColor: palette[index % palette.length],
        borderColor: palette[index % palette.length],
        borderWidth: series.line || props.type === "line" ? 2 : 0,
        pointRadius: 2,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: reduced() ? false : { duration: 300 },
      scales: {
        x: { stacked: props.stacked ?? false },
        y: {
          stacked: props.stacked ?? false,
          beginAtZero: true,
          ...(props.max !== undefined ? { max: props.max } : {}),
          ticks: { callback: (value) => props.format(Number(value)) },
        },
      },
      plugins: {
        legend: { display: props.series.length > 1 },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${props.format(item.parsed.y)}` } },
      },
    },
  });
  onMount(() => {
    if (canvas) chart = new ChartJs(canvas, config());
  });
  createEffect(() => {
    const next = config();
    if (!chart) return;
    chart.data = next.data;
    chart.options = next.options ?? {};
    chart.update();
  });
  onCleanup(() => chart?.destroy());
  return (
    <figure class="chart card">
      <figcaption>
        <h3>{props.title}</h3>
        <span class="muted small">{props.caption}</span>
      </figcaption>
      <div class="chart-canvas">
        <canvas ref={canvas} role="img" aria-label={`${props.title}. ${t("analytics.chart.tableHint")}`} />
      </div>
      <details class="chart-table">
        <summary>{t("analytics.chart.asTable")}</summary>
        <div class="table-wrap">
          <table class="table">
            <caption class="sr-only">{props.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t("analytics.chart.label")}</th>
                <For each={props.series}>{(series) => <th scope="col">{series.label}</th>}</For>
              </tr>
            </thead>
            <tbody>
              <For each={props.labels}>
                {(label, index) => (
                  <tr>
                    <th scope="row">{label}</th>
                    <For each={props.series}>
                      {(series) => <td>{props.format(series.data[index()] ?? null)}</td>}
                    </For>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
