import { A, type RouteSectionProps } from "@solidjs/router";
import { For, Show } from "solid-js";
import { t } from "../../i18n/index.ts";
import { user } from "../../session.ts";
import { progressTabs } from "./tabs.ts";
import "./progress.css";

/** Fortschritt: the tab bar (links, so every tab can be linked and the back button works) and the tab's page. */
export function ProgressLayout(props: RouteSectionProps) {
  const isAdmin = () => user()?.role === "admin";
  return (
    <section class="page progress-page">
      <h1>{t("progress.heading")}</h1>
      <nav class="tabs progress-tabs" aria-label={t("progress.tabs")}>
        <For each={progressTabs}>
          {(tab) => (
            <Show when={!tab.adminOnly || isAdmin()}>
              <A
                class="tab"
                href={tab.path ? `/fortschritt/${tab.path}` : "/fortschritt"}
                end
                activeClass="active"
              >
                {t(tab.labelKey)}
              </A>
            </Show>
          )}
        </For>
      </nav>
      <div class="progress-panel">{props.children}</div>
    </section>
  );
}
