import type { MessageKey } from "../../i18n/de.ts";

/** The tabs of the analytics page (/auswertung/<path>), in order. */
export const analyticsTabs: { path: string; labelKey: MessageKey; adminOnly?: boolean }[] = [
  { path: "exporte", labelKey: "exports.tab", adminOnly: true },
];
