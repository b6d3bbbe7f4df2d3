import { useNavigate, useParams } from "@solidjs/router";
import { For, lazy } from "solid-js";
import { Dynamic } from "solid-js/web";
import { t } from "../../i18n/index.ts";
import { AuditTab } from "./AuditTab.tsx";
import { BookingsTab } from "./BookingsTab.tsx";
import { ConsultantsTab } from "./ConsultantsTab.tsx";
import { JobsTab } from "./JobsTab.tsx";
import { RulesTab } from "./RulesTab.tsx";
import { TemplateTab } from "./TemplateTab.tsx";
import { UsersTab } from "./UsersTab.tsx";

/** Telefonie loads only when its tab opens (its own forms, schemas and chart). */
const TelefonieTab = lazy(() =>
  import("./TelefonieTab.tsx").then((module) => ({ default: module.TelefonieTab })),
);

/** The tabs, their path segments (`/verwaltung/<segment>`) and panels; the first is the default. */
const tabs = [
  ["users", "benutzer", UsersTab],
  ["consultants", "berater", ConsultantsTab],
  ["bookings", "buchungen", BookingsTab],
  ["template", "terminvorlage", TemplateTab],
  ["rules", "regeln", RulesTab],
  ["jobs", "jobs", JobsTab],
  ["telefonie", "telefonie", TelefonieTab],
  ["audit", "protokoll", AuditTab],
] as const;

/** The admin area: one tab at a time, named in the URL so it can be linked and the back button works. */
export function AdminPage() {
  const params = useParams<{ tab?: string }>();
  const navigate = useNavigate();
  const index = () =>
    Math.max(
      0,
      tabs.findIndex(([, segment]) => segment === params.tab),
    );
  const tab = () => tabs[index()] ?? tabs[0];
  const open = (at: number, focus = false) => {
    const [name, segment] = tabs[(at + tabs.length) % tabs.length] ?? tabs[0];
    if (segment !== params.tab) navigate(`/verwaltung/${segment}`);
    if (focus) queueMicrotask(() => document.getElementById(`tab-${name}`)?.focus());
  };
  return (
    <section class="page">
      <h1>{t("admin.title")}</h1>
      <div
        class="tabs"
        role="tablist"
        aria-label={t("admin.title")}
        onKeyDown={(event) => {
          const moves: Record<string, number> = {
            ArrowRight: index() + 1,
            ArrowLeft: index() - 1,
            Home: 0,
            End: tabs.length - 1,
          };
          const target = moves[event.key];
          if (target !== undefined) open(target, true);
        }}
      >
        <For each={tabs}>
          {([name], at) => (
            <button
              type="button"
              role="tab"
              id={`tab-${name}`}
              aria-selected={tab()[0] === name}
              aria-controls="tab-panel"
              tabindex={tab()[0] === name ? 0 : -1}
              class="tab"
              onClick={() => open(at())}
            >
              {t(`admin.tab.${name}`)}
            </button>
          )}
        </For>
      </div>
      <div id="tab-panel" role="tabpanel" aria-labelledby={`tab-${tab()[0]}`}>
        <Dynamic component={tab()[2]} />
      </div>
    </section>
  );
}
