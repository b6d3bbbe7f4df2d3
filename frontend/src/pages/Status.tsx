import { createResource, For, onCleanup, Show } from "solid-js";
import { api } from "../api/client.ts";
import { AsyncView } from "../components/AsyncView.tsx";
import { LoaderButton } from "../components/LoaderButton.tsx";
import { formatNumber, formatTime, t } from "../i18n/index.ts";

const checks = [
  ["table", "status.table", "status.table.hint"],
  ["bucket", "status.bucket", "status.bucket.hint"],
  ["calendar", "status.calendar", "status.calendar.hint"],
] as const;

/** Public: reachable without signing in, refreshes itself every 30 seconds. */
export function StatusPage() {
  const [health, { refetch }] = createResource(() => api.call("getHealth"));
  const timer = setInterval(() => {
    if (!health.loading) void refetch();
  }, 30_000);
  onCleanup(() => clearInterval(timer));

  return (
    <section class="page">
      <div class="page-head">
        <h1>{t("status.title")}</h1>
        <LoaderButton class="button secondary" busy={health.loading} onClick={refetch}>
          {t("common.refresh")}
        </LoaderButton>
      </div>
      <AsyncView resource={health} retry={refetch}>
        {(current) => (
          <div aria-busy={health.loading}>
            <div class={`overall card ${current().status}`} data-testid="overall-status" role="status">
              <span class="dot" aria-hidden="true" />
              <div>
                <strong>{current().status === "ok" ? t("status.ok") : t("status.degraded")}</strong>
                <span class="muted small">
                  {current().status === "ok" ? t("status.ok.hint") : t("status.degraded.hint")}
                </span>
              </div>
            </div>
            <div class="cards">
              <For each={checks}>
                {([name, label, hint]) => {
                  const check = () => current().checks[name];
                  return (
                    <article class={`card check ${check().status}`} data-check={name}>
                      <div class="check-head">
                        <h2>{t(label)}</h2>
                        <span class={`badge ${check().status}`}>
                          {check().status === "ok" ? t("status.check.ok") : t("status.check.error")}
                        </span>
                      </div>
                      <p class="muted small">{t(hint)}</p>
                      <p class="latency">
                        {t("status.latency", { ms: formatNumber(Math.round(check().latencyMs)) })}
                      </p>
                      <Show when={check().detail}>
                        <p class="check-detail">{check().detail}</p>
                      </Show>
                    </article>
                  );
                }}
              </For>
            </div>
            <dl class="meta">
              <div>
                <dt>{t("status.version")}</dt>
                <dd>{current().version}</dd>
              </div>
              <div>
                <dt>{t("status.checkedAt")}</dt>
                <dd>{formatTime(current().time)}</dd>
              </div>
            </dl>
            <p class="muted small">{t("status.autoRefresh")}</p>
          </div>
        )}
      </AsyncView>
    </section>
  );
}
