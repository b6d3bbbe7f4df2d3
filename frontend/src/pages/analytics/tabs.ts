import type { MessageKey } from "../../i18n/de.ts";

/** The Auswertung tabs (`/auswertung/<path>`); each helper adds its own entries. */
export const analyticsTabs: { path: string; labelKey: MessageKey; adminOnly?: boolean }[] = [
  { path: "kunden", labelKey: "analytics.tab.customers", adminOnly: true },
  { path: "prognosen", labelKey: "analytics.tab.predictions", adminOnly: true },
];
