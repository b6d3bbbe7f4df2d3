import { createResource, For } from "solid-js";
import type { AnalyticsAlert } from "../../../../shared/contracts/analytics.ts";
import { api } from "../../api/client.ts";
import { AsyncView } from "../../components/AsyncView.tsx";
import { t } from "../../i18n/index.ts";
import { caption, percent, windowText } from "./format.ts";

function alertText(alert: AnalyticsAlert): string {
  const params = {
    rate: percent(alert.rate ?? null),
    previous: percent(alert.previousRate ?? null),
    subject: alert.subjectName ?? alert.subject ?? "",
    count: alert.count ?? 0,
  };
  return t(`analytics.alert.${alert.kind}`, params);
}

/** Hinweise: the alerts of the last 7 days, the most urgent first. */
export function InsightsPage() {
  const [data, { refetch }] = createResource(() => api.call("getInsights"));
  return (
    <div>
      <h2>{t("analytics.tab.insights")}</h2>
      <AsyncView
        resource={data}
        retry={refetch}
        empty={t("analytics.insights.empty")}
        isEmpty={(value) => value.alerts.length === 0}
      >
        {(value) => (
          <ul class="alert-list">
            <For each={value().alerts}>
              {(alert) => (
                <li class={`card ${alert.level}`} data-alert={alert.kind}>
                  <span class={`badge ${alert.level === "high" ? "error" : "muted"}`}>
                    {t(`analytics.level.${alert.level}`)}
                  </span>{" "}
                  <strong>{alertText(alert)}</strong>
                  <p class="muted small">
                    {caption(alert.window, alert.source)}
                    {alert.previousWindow
                      ? ` · ${t("analytics.insights.against", { window: windowText(alert.previousWindow) })}`
                      : ""}
                  </p>
                </li>
              )}
            </For>
          </ul>
        )}
      </AsyncView>
      <p class="muted small">
        {t("analytics.insights.rules", {
          warning: percent(value(data)?.thresholds.noShowWarning ?? 0.15, 0),
          high: percent(value(data)?.thresholds.noShowHigh ?? 0.2, 0),
        })}
      </p>
    </div>
  );
}

const value = <T,>(resource: { (): T | undefined; error?: unknown }) =>
  resource.error ? undefined : resource();
