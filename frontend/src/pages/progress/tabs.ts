import type { MessageKey } from "../../i18n/de.ts";

/** The tabs of the progress page (/fortschritt/<path>), in order. */
export const progressTabs: { path: string; labelKey: MessageKey; adminOnly?: boolean }[] = [
  { path: "shop", labelKey: "progress.tab.shop" },
/**
 * The tabs of Fortschritt (`/fortschritt/<path>`; "" is the overview). Each
 * tab is its own nested `<Route>` in App.tsx; this list draws the tab bar.
 */
export const progressTabs: { path: string; labelKey: MessageKey; adminOnly?: boolean }[] = [
  { path: "", labelKey: "progress.tab.overview" },
  { path: "rangliste", labelKey: "progress.tab.leaderboard" },
/** The Fortschritt tabs, in order: path below /fortschritt and the label. */
export const progressTabs: { path: string; labelKey: MessageKey; adminOnly?: boolean }[] = [
  { path: "quests", labelKey: "progress.tab.quests" },
  { path: "ziele", labelKey: "progress.tab.goals" },
];
