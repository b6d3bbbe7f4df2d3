import type { MessageKey } from "../../i18n/de.ts";

/** The Fortschritt tabs, in order: path below /fortschritt and the label. */
export const progressTabs: { path: string; labelKey: MessageKey; adminOnly?: boolean }[] = [
  { path: "quests", labelKey: "progress.tab.quests" },
  { path: "ziele", labelKey: "progress.tab.goals" },
];
