import type * as z from "zod";
import type { leaderboardSchema } from "../../../../shared/contracts/progress.ts";
import type { LeaderboardCategory } from "../../../../shared/domain/gamification/leaderboards.ts";
import type { Period } from "../../../../shared/domain/gamification/periods.ts";
import { formatNumber, t } from "../../i18n/index.ts";
import { tCountFormatted } from "../../i18n/plural.ts";

export type Board = z.output<typeof leaderboardSchema>;
export type BoardEntry = Board["entries"][number];

export const categories: LeaderboardCategory[] = [
  "points",
  "bookings",
  "showRate",
  "streak",
  "xp",
  "badges",
  "quests",
  "telefonie",
];
export const boardPeriods: Period[] = ["day", "week", "month", "season", "all"];

/** A score as the board shows it (show rate in %, streaks in days). */
export function scoreText(category: LeaderboardCategory, score: number): string {
  if (category === "showRate") return `${formatNumber(score)} %`;
  if (category === "streak") return tCountFormatted("plural.days", score);
  return formatNumber(score);
}

export function rankChangeText(change: number | undefined): string {
  if (change === undefined || change === 0) return t("leaderboard.same");
  return change > 0 ? t("leaderboard.up", { count: change }) : t("leaderboard.down", { count: -change });
}
