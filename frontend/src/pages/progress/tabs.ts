import type { MessageKey } from "../../i18n/de.ts";

/** The tabs of the progress page (/fortschritt/<path>), in order. */
export const progressTabs: { path: string; labelKey: MessageKey; adminOnly?: boolean }[] = [
  { path: "shop", labelKey: "progress.tab.shop" },
  { path: "quests", labelKey: "progress.tab.quests" },
  { path: "ziele", labelKey: "progress.tab.goals" },
];
