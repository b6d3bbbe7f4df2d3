import { createResource, For, Show } from "solid-js";
import { api } from "../../api/client.ts";
import { runToEnd } from "../../api/jobRuns.ts";
import { AsyncView } from "../../components/AsyncView.tsx";
import { LoaderButton } from "../../components/LoaderButton.tsx";
import { Table } from "../../components/Table.tsx";
import { toast } from "../../components/toast.tsx";
import { errorMessage } from "../../components/ui.tsx";
import { formatDateTime, formatDay, formatNumber, t } from "../../i18n/index.ts";

const percent = (value: number) => `${formatNumber(Math.round(value * 100))} %`;
const fixed = (value: number | null | undefined) =>
  value === null || value === undefined ? "–" : value.toFixed(3);

/** Admins: the no-show model's evaluation, the confirmation calls worth making, the slots to fill first. */
export function PredictionsTab() {
  const [model, { refetch }] = createResource(() => api.call("getPredictionModel"));
  const [calls, { refetch: refetchCalls }] = createResource(() =>
    api.call("listConfirmCalls", { query: {} }),
  );
  const [slots, { refetch: refetchSlots }] = createResource(() => api.call("listSlotRecommendations"));
  // Busy until the run has ended, then the page shows the new model (or why there is none).
  const train = async () => {
    try {
      const run = await runToEnd("train-no-show-model");
      if (run.status === "failed") toast(run.error ?? t("predictions.trainFailed"), "error");
      await Promise.all([refetch(), refetchCalls(), refetchSlots()]);
    } catch (error) {
      toast(errorMessage(error), "error");
    }
  };
  return (
    <section class="page predictions-page">
      <div class="page-head">
        <h2>{t("predictions.model")}</h2>
        <LoaderButton class="button secondary small" busyLabel={t("predictions.training")} onClick={train}>
          {t("predictions.train")}
        </LoaderButton>
      </div>
      <AsyncView resource={model} retry={refetch}>
        {(value) => (
          <Show
            when={value().status === "trained" && value().evaluation}
            fallback={<p class="notice">{value().message}</p>}
          >
            {(evaluation) => (
              <div class="card">
                <p>
                  {t("predictions.trainedAt", {
                    at: formatDateTime(value().trainedAt!),
                    count: value().trainingBookings!,
                    from: formatDay(value().trainingFrom!),
                    to: formatDay(value().trainingTo!),
                  })}
                </p>
                <p class="muted small">
                  {t("predictions.heldOut", {
                    from: formatDay(evaluation().from),
                    to: formatDay(evaluation().to),
                    count: evaluation().bookings,
                    noShows: evaluation().noShows,
                  })}
                </p>
                <Table
                  columns={[
                    t("predictions.metric"),
                    t("predictions.modelCol"),
                    t("predictions.baseCol", { rate: percent(evaluation().baseRate.rate) }),
                  ]}
                >
                  <tr data-metric="auc">
                    <td>{t("predictions.auc")}</td>
                    <td>{fixed(evaluation().model.auc)}</td>
                    <td>{fixed(evaluation().baseRate.auc)}</td>
                  </tr>
                  <tr data-metric="brier">
                    <td>{t("predictions.brier")}</td>
                    <td>{fixed(evaluation().model.brier)}</td>
                    <td>{fixed(evaluation().baseRate.brier)}</td>
                  </tr>
                </Table>
                <h3>{t("predictions.calibration")}</h3>
                <Table
                  columns={[
                    t("predictions.bin"),
                    t("predictions.count"),
                    t("predictions.predicted"),
                    t("predictions.observed"),
                  ]}
                >
                  <For each={evaluation().calibration}>
                    {(bin) => (
                      <tr>
                        <td>
                          {percent(bin.from)}–{percent(bin.to)}
                        </td>
                        <td>{bin.count}</td>
                        <td>{percent(bin.predicted)}</td>
                        <td>{percent(bin.observed)}</td>
                      </tr>
                    )}
                  </For>
                </Table>
                <p class="muted small">{t("predictions.source")}</p>
              </div>
            )}
          </Show>
        )}
      </AsyncView>

      <h2>{t("predictions.confirmCalls")}</h2>
      <AsyncView resource={calls} retry={refetchCalls}>
        {(value) => {
          const result = value();
          if (!result.available) return <p class="muted">{result.reason}</p>;
          return (
            <Show
              when={result.predictions.length > 0}
              fallback={<p class="muted">{t("predictions.noneUpcoming")}</p>}
            >
              <Table
                columns={[
                  t("predictions.col.booking"),
                  t("predictions.col.customer"),
                  t("predictions.col.probability"),
                  t("predictions.col.factors"),
                ]}
              >
                <For each={result.predictions}>
                  {(forecast) => (
                    <tr class="confirm-call">
                      <td>
                        {formatDay(forecast.date)} {forecast.time} · {forecast.agent}
                      </td>
                      <td>
                        {forecast.firstName} {forecast.lastName}
                      </td>
                      <td>
                        <span class={`badge risk-${forecast.risk}`}>{percent(forecast.probability)}</span>
                      </td>
                      <td>
                        <ul class="plain small">
                          <For each={forecast.factors}>{(factor) => <li>{factor.text}</li>}</For>
                        </ul>
                      </td>
                    </tr>
                  )}
                </For>
              </Table>
            </Show>
          );
        }}
      </AsyncView>

      <h2>{t("predictions.slots")}</h2>
      <AsyncView resource={slots} retry={refetchSlots}>
        {(value) => {
          const result = value();
          if (!result.available) return <p class="muted">{result.reason}</p>;
          return (
            <Show
              when={result.recommendations.length > 0}
              fallback={<p class="muted">{t("predictions.noSlots")}</p>}
            >
              <Table
                columns={[
                  t("predictions.col.slot"),
                  t("predictions.col.showRate"),
                  t("predictions.col.use"),
                  t("predictions.col.reason"),
                ]}
              >
                <For each={result.recommendations}>
                  {(slot) => (
                    <tr>
                      <td>
                        {formatDay(slot.date)} {slot.time}
                      </td>
                      <td>{slot.showRate === null ? "–" : percent(slot.showRate)}</td>
                      <td>
                        {slot.booked}/{slot.capacity}
                      </td>
                      <td class="small">{slot.reason}</td>
                    </tr>
                  )}
                </For>
              </Table>
            </Show>
          );
        }}
      </AsyncView>
    </section>
  );
}
