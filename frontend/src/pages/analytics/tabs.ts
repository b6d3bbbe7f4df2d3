import type { MessageKey } from "../../i18n/de.ts";

/** The Auswertung tabs (`/auswertung/<path>`), in order. */
export const analyticsTabs: { path: string; labelKey: MessageKey; adminOnly?: boolean }[] = [
  { path: "berichte", labelKey: "analytics.tab.reports", adminOnly: true },
];
