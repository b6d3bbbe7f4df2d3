import { config } from "../../shared/config.ts";
import type {
  AnalyticsAlert,
  AnalyticsInsights,
  AnalyticsKpis,
  Performance,
  TeamPerformance,
} from "../../shared/contracts/analytics.ts";
import { readAggregates } from "../../shared/data/analytics/aggregates-repository.ts";
import { listImportedDays } from "../../shared/data/analytics/imported-totals-repository.ts";
import { listOverCapacity } from "../../shared/data/bookings-repository.ts";
import { listConsultants } from "../../shared/data/consultants-repository.ts";
import { telefonieTeamWeek } from "../../shared/data/gamification/telefonie-repository.ts";
import { listSlots } from "../../shared/data/slots-repository.ts";
import { listUsers } from "../../shared/data/users-repository.ts";
import type { AggregateDimension } from "../../shared/domain/analytics/counts.ts";
import {
  alerts,
  byValue,
  capacityByWeek,
  dailySeries,
  heatmap,
  type Period,
  periodWindows,
  personalPerformance,
  rates,
  rateTrend,
  sevenDayWindows,
  teamRanking,
  telefonieFacts,
  type Window,
} from "../../shared/domain/analytics/dashboards.ts";
import { alertThresholds } from "../../shared/domain/analytics/metrics.ts";
import { isoWeekOf } from "../../shared/domain/booking/assignment.ts";
import { addDays, localDate } from "../../shared/domain/booking/local-date.ts";
import { weeksEndingWith } from "../../shared/domain/telefonie/week.ts";

const today = (now: Date) => localDate(now, config().TIMEZONE);

const read = (dimension: AggregateDimension, window: Window) =>
  readAggregates({ from: window.from, to: window.to, dimension });

/** The window covering a period and the one before it (one Query per dimension for both). */
function span(period: Period, day: string): Window {
  const { current, previous } = periodWindows(period, day);
  return { from: previous?.from ?? current.from, to: current.to };
}

export async function performance(username: string, period: Period, now = new Date()): Promise<Performance> {
  const day = today(now);
  const window = span(period, day);
  const [agentRows, agentSlotRows] = await Promise.all([
    read("agent", window),
    read("agentSlotTime", window),
  ]);
  return {
    ...personalPerformance({ username, period, today: day, agentRows, agentSlotRows }),
    source: "aggregates",
  };
}

/** Telefonie weeks ending with today's (the weeks of a period, at most a quarter for "all"). */
async function telefonieWeeks(day: string, count: number) {
  const weeks = weeksEndingWith(isoWeekOf(day), count);
  return { weeks, summaries: await Promise.all(weeks.map((week) => telefonieTeamWeek(week))) };
}

async function consultantNames(): Promise<Map<string, string>> {
  return new Map((await listConsultants()).map((consultant) => [consultant.id, consultant.name]));
}

export async function team(period: Period, now = new Date()): Promise<TeamPerformance> {
  const day = today(now);
  const { current } = periodWindows(period, day);
  const weekCount = period === "all" ? 13 : Math.ceil(Number(period.slice(0, -1)) / 7);
  const [agentRows, consultantRows, users, names, telefonie] = await Promise.all([
    read("agent", current),
    read("consultant", current),
    listUsers(),
    consultantNames(),
    telefonieWeeks(day, weekCount),
  ]);
  const displayNames = new Map(users.map((user) => [user.username, user.displayName]));
  // Agents without Telefonie weeks get the spec's fallbacks (activity 0, consistency 50), marked as such.
  const facts = telefonieFacts(telefonie.summaries);
  const ranking = teamRanking({ agentRows, consultantRows, window: current, telefonie: facts });
  return {
    period,
    window: current,
    source: "aggregates",
    telefonie: { available: facts.size > 0, source: "telefonie" },
    agents: ranking.agents.map((agent) => ({
      ...agent,
      displayName: displayNames.get(agent.username) ?? agent.username,
    })),
    consultants: ranking.consultants.map((consultant) => ({
      ...consultant,
      name: names.get(consultant.id) ?? consultant.id,
    })),
  };
}

/** KPIs cover the last 30 days by slot date; capacity the 4 weeks before and after today. */
export async function kpis(now = new Date()): Promise<AnalyticsKpis> {
  const day = today(now);
  const window = { from: addDays(day, -29), to: day };
  const capacityWindow = { from: addDays(day, -28), to: addDays(day, 28) };
  // Imported history (the old app's daily totals) reaches back further: a year.
  const importedWindow = { from: addDays(day, -365), to: day };
  const [dayRows, consultantRows, slotRows, slots, names, telefonie, imported] = await Promise.all([
    read("day", window),
    read("consultant", window),
    read("slotTime", window),
    listSlots(capacityWindow.from, capacityWindow.to),
    consultantNames(),
    telefonieWeeks(day, 4),
    listImportedDays(importedWindow.from, importedWindow.to),
  ]);
  const telefonieTotals = telefonie.weeks.map((week, index) => {
    const withGoal = (telefonie.summaries[index] ?? []).filter((entry) => entry.goal !== undefined);
    const goal = withGoal.reduce((sum, entry) => sum + (entry.goal ?? 0), 0);
    const achieved = withGoal.reduce((sum, entry) => sum + entry.achieved, 0);
    return { week, goal, achieved, achievement: goal > 0 ? achieved / goal : null };
  });
  return {
    today: day,
    window,
    source: "aggregates",
    bookingsPerDay: dailySeries(dayRows, window),
    trend: rateTrend(dayRows, day),
    byConsultant: [...byValue(consultantRows, window)]
      .map(([id, counts]) => ({ id, name: names.get(id) ?? id, ...rates(counts) }))
      .sort((a, b) => b.bookings - a.bookings),
    bySlotTime: [...byValue(slotRows, window)]
      .map(([time, counts]) => ({ time, ...rates(counts) }))
      .sort((a, b) => (a.time < b.time ? -1 : 1)),
    heatmap: heatmap(slotRows, window),
    capacity: { window: capacityWindow, source: "slots", weeks: capacityByWeek(slots) },
    telefonie: {
      available: telefonieTotals.some((week) => week.goal > 0),
      source: "telefonie",
      weeks: telefonieTotals,
    },
    imported: { available: imported.length > 0, source: "imported", window: importedWindow, days: imported },
  };
}

export async function insights(now = new Date()): Promise<AnalyticsInsights> {
  const day = today(now);
  const { previous7, last7 } = sevenDayWindows(day);
  const window = { from: previous7.from, to: last7.to };
  const [dayRows, consultantRows, slotTimeRows, overCapacity, names] = await Promise.all([
    read("day", window),
    read("consultant", window),
    read("slotTime", window),
    listOverCapacity(),
    consultantNames(),
  ]);
  const found: AnalyticsAlert[] = alerts({
    today: day,
    dayRows,
    consultantRows,
    slotTimeRows,
    overCapacity,
  }).map((alert) =>
    alert.kind === "consultantRising" && alert.subject
      ? { ...alert, subjectName: names.get(alert.subject) ?? alert.subject }
      : alert,
  );
  return { today: day, thresholds: { ...alertThresholds }, alerts: found };
}
