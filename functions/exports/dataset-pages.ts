import { readAggregates } from "../../shared/data/analytics/aggregates-repository.ts";
import { listImportedDays } from "../../shared/data/analytics/imported-totals-repository.ts";
import type { RowPage } from "../../shared/data/exports-repository.ts";
import { telefonieTeamWeek } from "../../shared/data/gamification/telefonie-repository.ts";
import { byValue, teamRanking, telefonieFacts } from "../../shared/domain/analytics/dashboards.ts";
import { isoWeekOf } from "../../shared/domain/booking/assignment.ts";
import { addDays } from "../../shared/domain/booking/local-date.ts";
import {
  dailyMetricsRow,
  type ExportRow,
  importedDayRow,
  leaderboardRow,
  telefonieRow,
} from "../../shared/domain/exports/datasets.ts";
import { shiftWeek } from "../../shared/domain/telefonie/week.ts";

/** Days per page of daily metrics: one aggregates Query and one imported-days Query each. */
const daysPerPage = 31;

/**
 * One row per local date and source, in date order: the day aggregates of the
 * counted bookings ("bookings") and the old app's imported daily totals
 * ("import"); a date with both has both rows, each labelled.
 */
export async function* dailyMetricsPages(from: string, to: string): AsyncGenerator<RowPage<ExportRow>> {
  const total = Math.max(1, Date.parse(to) - Date.parse(from) + 86_400_000);
  for (let start = from; start <= to; start = addDays(start, daysPerPage)) {
    const end = [addDays(start, daysPerPage - 1), to].sort()[0]!;
    const [dayRows, imported] = await Promise.all([
      readAggregates({ from: start, to: end, dimension: "day" }),
      listImportedDays(start, end),
    ]);
    const rows = [
      ...[...byValue(dayRows)].map(([date, counts]) => dailyMetricsRow(date, counts)),
      ...imported.map(importedDayRow),
    ].sort(
      (a, b) =>
        String(a.date).localeCompare(String(b.date)) || String(a.source).localeCompare(String(b.source)),
    );
    yield { rows, done: Math.min(1, (Date.parse(end) - Date.parse(from) + 86_400_000) / total) };
  }
}

/** The ISO weeks touching from..to, oldest first. */
function weeksOf(from: string, to: string): string[] {
  const weeks: string[] = [];
  const last = isoWeekOf(to);
  for (let week = isoWeekOf(from); weeks.length === 0 || weeks.at(-1) !== last; week = shiftWeek(week, 1))
    weeks.push(week);
  return weeks;
}

/** Every agent's Telefonie week in the weeks touching from..to, one page per week (agent filter applied). */
export async function* telefoniePages(
  from: string,
  to: string,
  agent?: string,
): AsyncGenerator<RowPage<ExportRow>> {
  const weeks = weeksOf(from, to);
  for (const [index, week] of weeks.entries()) {
    const summaries = await telefonieTeamWeek(week);
    const rows = summaries
      .filter((summary) => !agent || summary.username === agent)
      .sort((a, b) => a.username.localeCompare(b.username))
      .map(telefonieRow);
    yield { rows, done: (index + 1) / weeks.length };
  }
}

/**
 * The combined ranking of the agents over from..to, as the team dashboard
 * ranks them (0.75 × show rate + 0.10 × Telefonie activity + 0.15 × weekly
 * consistency): the agent aggregates of the window and the Telefonie weeks
 * touching it. One page (one row per agent).
 */
export async function* leaderboardPages(
  from: string,
  to: string,
  agent?: string,
): AsyncGenerator<RowPage<ExportRow>> {
  const window = { from, to };
  const [agentRows, summaries] = await Promise.all([
    readAggregates({ ...window, dimension: "agent" }),
    Promise.all(weeksOf(from, to).map((week) => telefonieTeamWeek(week))),
  ]);
  const ranking = teamRanking({
    agentRows,
    consultantRows: [],
    window,
    telefonie: telefonieFacts(summaries),
  });
  const rows = ranking.agents.filter((entry) => !agent || entry.username === agent).map(leaderboardRow);
  yield { rows, done: 1 };
}
