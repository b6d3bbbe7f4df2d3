import { A, type RouteSectionProps } from "@solidjs/router";
import { For, Show } from "solid-js";
import { t } from "../../i18n/index.ts";
import { user } from "../../session.ts";
import { analyticsTabs } from "./tabs.ts";
import "./charts/charts.css";

/** Auswertung: one tab per view, each its own route; admin-only tabs are not shown to agents. */
export function AnalyticsLayout(props: RouteSectionProps) {
  const visible = () => analyticsTabs.filter((tab) => !tab.adminOnly || user()?.role === "admin");
  return (
    <section class="page">
      <h1>{t("analytics.title")}</h1>
      <nav class="tabs analytics-tabs" aria-label={t("analytics.tabs")}>
        <For each={visible()}>
          {(tab) => (
            <A class="tab" href={tab.path ? `/auswertung/${tab.path}` : "/auswertung"} end>
              {t(tab.labelKey)}
            </A>
          )}
        </For>
      </nav>
      <Show when={user()}>{props.children}</Show>
    </section>
  );
}
