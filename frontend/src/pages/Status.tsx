import { createResource, For, onCleanup, Show } from "solid-js";
import { api } from "../api/client.ts";
import { ErrorBox, Loading } from "../components/ui.tsx";
import { formatTime, t } from "../i18n/index.ts";

const checks = [
  ["table", "status.table"],
  ["bucket", "status.bucket"],
  ["calendar", "status.calendar"],
] as const;

export function StatusPage() {
  const [health, { refetch }] = createResource(() => api.call("getHealth"));
  const timer = setInterval(() => refetch(), 30_000);
  onCleanup(() => clearInterval(timer));

  return (
    <section class="page">
      <div class="page-head">
        <h1>{t("status.title")}</h1>
        <button type="button" class="button secondary" onClick={() => refetch()} disabled={health.loading}>
          {t("common.refresh")}
        </button>
      </div>
      <Show when={!health.error} fallback={<ErrorBox error={health.error} retry={refetch} />}>
        <Show when={health.latest} fallback={<Loading />}>
          {(current) => (
            <div aria-busy={health.loading}>
              <p class={`overall ${current().status}`} data-testid="overall-status">
                <span class="dot" aria-hidden="true" />
                {current().status === "ok" ? t("status.ok") : t("status.degraded")}
              </p>
              <div class="cards">
                <For each={checks}>
                  {([name, label]) => {
                    const check = () => current().checks[name];
                    return (
                      <article class="card check" data-check={name}>
                        <h2>{t(label)}</h2>
                        <span class={`badge ${check().status}`}>
                          {check().status === "ok" ? t("status.check.ok") : t("status.check.error")}
                        </span>
                        <p class="muted">{t("status.latency", { ms: check().latencyMs })}</p>
                      </article>
                    );
                  }}
                </For>
              </div>
              <p class="muted">
                {t("status.meta", {
                  version: current().version,
                  node: current().node,
                  time: formatTime(current().time),
                })}
                {" · "}
                {t("status.autoRefresh")}
              </p>
            </div>
          )}
        </Show>
      </Show>
    </section>
  );
}
