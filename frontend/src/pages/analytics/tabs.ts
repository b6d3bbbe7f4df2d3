import type { MessageKey } from "../../i18n/de.ts";

/** The tabs of the analytics page (/auswertung/<path>), in order; `""` is the default tab. */
export const analyticsTabs: { path: string; labelKey: MessageKey; adminOnly?: boolean }[] = [
  { path: "", labelKey: "analytics.tab.personal" },
  { path: "team", labelKey: "analytics.tab.team", adminOnly: true },
  { path: "kennzahlen", labelKey: "analytics.tab.kpis", adminOnly: true },
  { path: "hinweise", labelKey: "analytics.tab.insights", adminOnly: true },
  { path: "kunden", labelKey: "analytics.tab.customers", adminOnly: true },
  { path: "prognosen", labelKey: "analytics.tab.predictions", adminOnly: true },
];
