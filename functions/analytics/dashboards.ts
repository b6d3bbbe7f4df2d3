import { config } from "../../shared/config.ts";
import type {
  AnalyticsAlert,
  AnalyticsInsights,
  AnalyticsKpis,
  Performance,
  TeamPerformance,
} from "../../shared/contracts/analytics.ts";
import { readAggregates } from "../../shared/data/analytics/aggregates-repository.ts";
import { listOverCapacity } from "../../shared/data/bookings-repository.ts";
import { listConsultants } from "../../shared/data/consultants-repository.ts";
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
  type Window,
} from "../../shared/domain/analytics/dashboards.ts";
import { alertThresholds } from "../../shared/domain/analytics/metrics.ts";
import { addDays, localDate } from "../../shared/domain/booking/local-date.ts";

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

async function consultantNames(): Promise<Map<string, string>> {
  return new Map((await listConsultants()).map((consultant) => [consultant.id, consultant.name]));
}

export async function team(period: Period, now = new Date()): Promise<TeamPerformance> {
  const day = today(now);
  const { current } = periodWindows(period, day);
  const [agentRows, consultantRows, users, names] = await Promise.all([
    read("agent", current),
    read("consultant", current),
    listUsers(),
    consultantNames(),
  ]);
  const displayNames = new Map(users.map((user) => [user.username, user.displayName]));
  // Telefonie entries and weekly goals join once that feature's data is there; until then the spec's fallbacks.
  const ranking = teamRanking({ agentRows, consultantRows, window: current });
  return {
    period,
    window: current,
    source: "aggregates",
    telefonie: { available: false, source: "telefonie" },
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
  const [dayRows, consultantRows, slotRows, slots, names] = await Promise.all([
    read("day", window),
    read("consultant", window),
    read("slotTime", window),
    listSlots(capacityWindow.from, capacityWindow.to),
    consultantNames(),
  ]);
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
    telefonie: { available: false, source: "telefonie", weeks: [] },
    imported: { available: false, source: "imported", window, days: [] },
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
