import type { MessageKey } from "../../i18n/de.ts";

/**
 * The tabs of Fortschritt (`/fortschritt/<path>`; "" is the overview). Each
 * tab is its own nested `<Route>` in App.tsx; this list draws the tab bar.
 */
export const progressTabs: { path: string; labelKey: MessageKey; adminOnly?: boolean }[] = [
  { path: "", labelKey: "progress.tab.overview" },
  { path: "quests", labelKey: "progress.tab.quests" },
  { path: "rangliste", labelKey: "progress.tab.leaderboard" },
  { path: "abzeichen", labelKey: "progress.tab.badges" },
  { path: "shop", labelKey: "progress.tab.shop" },
  { path: "ziele", labelKey: "progress.tab.goals" },
  { path: "prestige", labelKey: "progress.tab.prestige" },
];
