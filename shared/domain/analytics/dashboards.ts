import { isoWeekOf } from "../booking/assignment.ts";
import { addDays, daysBetween, isoWeekday } from "../booking/local-date.ts";
import { addCounts, type Counts, emptyCounts, sumCounts } from "./counts.ts";
import {
  type AlertLevel,
  activityScore,
  cancellationRate,
  combinedScore,
  consistencyScore,
  noShowAlertLevel,
  noShowRate,
  performanceClass,
  qualityScore,
  relativeChange,
  resolved,
  risingNoShow,
  showRate,
  trendPoints,
} from "./metrics.ts";

/** A dated aggregate row (what the aggregates repository answers). */
export interface Row extends Counts {
  date: string;
  value: string;
}

export const periods = ["7d", "30d", "90d", "all"] as const;
export type Period = (typeof periods)[number];

export interface Window {
  from: string;
  to: string;
}

/** The earliest local date "all" reaches back to (the old app's history starts later). */
export const beginningOfRecords = "2000-01-01";

/** The window of a period ending today (inclusive), and the previous one of the same length ("all" has none). */
export function periodWindows(period: Period, today: string): { current: Window; previous?: Window } {
  if (period === "all") return { current: { from: beginningOfRecords, to: today } };
  const days = Number(period.slice(0, -1));
  const from = addDays(today, -(days - 1));
  return { current: { from, to: today }, previous: { from: addDays(from, -days), to: addDays(from, -1) } };
}

export const inWindow = (date: string, window: Window) => date >= window.from && date <= window.to;

/** Sums rows per value within a window. */
export function byValue(rows: readonly Row[], window?: Window): Map<string, Counts> {
  const result = new Map<string, Counts>();
  for (const row of rows) {
    if (window && !inWindow(row.date, window)) continue;
    const counts = result.get(row.value) ?? emptyCounts();
    addCounts(counts, row);
    result.set(row.value, counts);
  }
  return result;
}

/** The rates of one group of bookings, as every dashboard shows them. */
export function rates(counts: Counts) {
  return {
    bookings: counts.bookings,
    resolved: resolved(counts),
    completed: counts.completed,
    overhang: counts.overhang,
    noShows: counts.no_show,
    ghosts: counts.ghost,
    cancelled: counts.cancelled,
    rescheduled: counts.rescheduled,
    consultantChanges: counts.consultant_change,
    pending: counts.pending,
    points: counts.points,
    pointsConfirmed: counts.pointsConfirmed,
    showRate: showRate(counts),
    noShowRate: noShowRate(counts),
    cancellationRate: cancellationRate(counts),
    qualityScore: qualityScore(counts),
  };
}
export type Rates = ReturnType<typeof rates>;

/** Daily series over a window (days without bookings included as zeros; "all" starts at the first booking). */
export function dailySeries(rows: readonly Row[], window: Window): (Rates & { date: string })[] {
  const perDay = byDate(rows, window);
  const first = [...perDay.keys()].sort()[0];
  if (!first) return [];
  const from = window.from === beginningOfRecords ? first : window.from;
  const result: (Rates & { date: string })[] = [];
  for (let date = from; date <= window.to; date = addDays(date, 1)) {
    result.push({ date, ...rates(perDay.get(date) ?? emptyCounts()) });
  }
  return result;
}

function byDate(rows: readonly Row[], window: Window): Map<string, Counts> {
  const result = new Map<string, Counts>();
  for (const row of rows) {
    if (!inWindow(row.date, window)) continue;
    const counts = result.get(row.date) ?? emptyCounts();
    addCounts(counts, row);
    result.set(row.date, counts);
  }
  return result;
}

// ---- Personal --------------------------------------------------------------------

/**
 * An agent's figures for a period: from the agent rows (everyone's, for the
 * rank) and the agent × slot-time rows (best slot times).
 */
export function personalPerformance(input: {
  username: string;
  period: Period;
  today: string;
  agentRows: readonly Row[];
  agentSlotRows: readonly Row[];
}) {
  const { current, previous } = periodWindows(input.period, input.today);
  const perAgent = byValue(input.agentRows, current);
  const mine = perAgent.get(input.username) ?? emptyCounts();
  const before = previous
    ? (byValue(input.agentRows, previous).get(input.username) ?? emptyCounts())
    : undefined;
  const own = input.agentRows.filter((row) => row.value === input.username);
  const prefix = `${input.username}|`;
  const slots = [
    ...byValue(
      input.agentSlotRows.filter((row) => row.value.startsWith(prefix)),
      current,
    ),
  ]
    .map(([value, counts]) => ({ time: value.slice(prefix.length), ...rates(counts) }))
    .filter((slot) => slot.resolved > 0)
    .sort(
      (a, b) =>
        (b.showRate ?? 0) - (a.showRate ?? 0) || b.resolved - a.resolved || (a.time < b.time ? -1 : 1),
    );
  // Rank by points in the window among agents with bookings; ties share the better place.
  const ranked = [...perAgent].filter(([, counts]) => counts.bookings > 0).map(([, counts]) => counts.points);
  const position = mine.bookings > 0 ? ranked.filter((points) => points > mine.points).length + 1 : null;
  const nowRates = rates(mine);
  const beforeRates = before ? rates(before) : undefined;
  return {
    username: input.username,
    period: input.period,
    window: current,
    previousWindow: previous ?? null,
    ...nowRates,
    trend: beforeRates
      ? {
          bookings: relativeChange(nowRates.bookings, beforeRates.bookings),
          points: relativeChange(nowRates.points, beforeRates.points),
          showRatePoints: trendPoints(nowRates.showRate, beforeRates.showRate),
          noShowRatePoints: trendPoints(nowRates.noShowRate, beforeRates.noShowRate),
          previous: beforeRates,
        }
      : null,
    bestSlotTimes: slots.slice(0, 3),
    slotTimes: slots,
    rank: { position, of: ranked.length, by: "points" as const },
    daily: dailySeries(own, current),
  };
}

// ---- Team ---------------------------------------------------------------------------

export interface TelefonieFacts {
  /** Telefonie entries in the window. */
  entries: number;
  /** Weekly goal achievement in percent, one per week with a goal. */
  weeklyAchievementPercent: number[];
}

/** Per agent: Telefonie entries and weekly goal achievement (%) over the weeks' summaries. */
export function telefonieFacts(
  summaries: readonly (readonly { username: string; entries: readonly unknown[]; rate: number | null }[])[],
): Map<string, TelefonieFacts> {
  const facts = new Map<string, TelefonieFacts>();
  for (const week of summaries.flat()) {
    const entry = facts.get(week.username) ?? { entries: 0, weeklyAchievementPercent: [] };
    entry.entries += week.entries.length;
    if (week.rate !== null) entry.weeklyAchievementPercent.push(week.rate * 100);
    facts.set(week.username, entry);
  }
  return facts;
}

export function teamRanking(input: {
  agentRows: readonly Row[];
  consultantRows: readonly Row[];
  window: Window;
  telefonie?: ReadonlyMap<string, TelefonieFacts> | undefined;
}) {
  const agents = [...byValue(input.agentRows, input.window)].map(([username, counts]) => {
    const facts = input.telefonie?.get(username);
    const entries = facts?.entries ?? 0;
    const weeks = facts?.weeklyAchievementPercent ?? [];
    const figures = rates(counts);
    const combined = combinedScore({
      showRate: figures.showRate,
      telefonieEntries: entries,
      weeklyAchievementPercent: weeks,
    });
    return {
      username,
      ...figures,
      telefonieEntries: facts ? entries : null,
      activity: activityScore(entries),
      consistency: consistencyScore(weeks),
      /** True when no Telefonie data was there: activity 0, consistency the spec's 50. */
      telefonieFallback: facts === undefined,
      combined,
      class: performanceClass(combined),
    };
  });
  agents.sort(
    (a, b) => b.combined - a.combined || b.bookings - a.bookings || (a.username < b.username ? -1 : 1),
  );
  const consultants = [...byValue(input.consultantRows, input.window)]
    .map(([id, counts]) => ({ id, ...rates(counts) }))
    .sort((a, b) => (b.showRate ?? -1) - (a.showRate ?? -1) || b.bookings - a.bookings);
  return {
    agents: agents.map((agent, index) => ({ ...agent, rank: index + 1 })),
    consultants,
  };
}

// ---- Admin KPIs ------------------------------------------------------------------------

/** The last 7 days (to today) and the 7 before: the window every trend and alert compares. */
export function sevenDayWindows(today: string): { last7: Window; previous7: Window } {
  return {
    last7: { from: addDays(today, -6), to: today },
    previous7: { from: addDays(today, -13), to: addDays(today, -7) },
  };
}

export function rateTrend(rows: readonly Row[], today: string) {
  const { last7, previous7 } = sevenDayWindows(today);
  const now = sumCounts(rows.filter((row) => inWindow(row.date, last7)));
  const before = sumCounts(rows.filter((row) => inWindow(row.date, previous7)));
  return {
    last7: { ...last7, ...rates(now) },
    previous7: { ...previous7, ...rates(before) },
    showRatePoints: trendPoints(showRate(now), showRate(before)),
    noShowRatePoints: trendPoints(noShowRate(now), noShowRate(before)),
  };
}

/** Show rate per ISO weekday × slot time, from the slot-time rows (each row has its date). */
export function heatmap(slotTimeRows: readonly Row[], window: Window) {
  const cells = new Map<string, Counts>();
  for (const row of slotTimeRows) {
    if (!inWindow(row.date, window)) continue;
    const id = `${isoWeekday(row.date)}|${row.value}`;
    const counts = cells.get(id) ?? emptyCounts();
    addCounts(counts, row);
    cells.set(id, counts);
  }
  return [...cells]
    .map(([id, counts]) => {
      const [weekday, time] = id.split("|") as [string, string];
      return {
        weekday: Number(weekday),
        time,
        bookings: counts.bookings,
        resolved: resolved(counts),
        showRate: showRate(counts),
      };
    })
    .sort((a, b) => a.weekday - b.weekday || (a.time < b.time ? -1 : 1));
}

export interface SlotCapacity {
  date: string;
  time: string;
  capacity: number;
  booked: number;
}

/** Capacity use per ISO week: booked places ÷ offered places of the slots in the week. */
export function capacityByWeek(slots: readonly SlotCapacity[]) {
  const weeks = new Map<string, { capacity: number; booked: number; slots: number }>();
  for (const slot of slots) {
    const week = isoWeekOf(slot.date);
    const entry = weeks.get(week) ?? { capacity: 0, booked: 0, slots: 0 };
    entry.capacity += slot.capacity;
    entry.booked += slot.booked;
    entry.slots += 1;
    weeks.set(week, entry);
  }
  return [...weeks]
    .map(([week, entry]) => ({
      week,
      ...entry,
      use: entry.capacity === 0 ? null : entry.booked / entry.capacity,
    }))
    .sort((a, b) => (a.week < b.week ? -1 : 1));
}

/** Days from..to inclusive (for "per day" charts). */
export const windowDays = (window: Window) => daysBetween(window.from, window.to) + 1;

// ---- Alerts ---------------------------------------------------------------------------

export type AlertKind = "noShowRate" | "consultantRising" | "slotRising" | "overCapacity";

export interface Alert {
  kind: AlertKind;
  level: AlertLevel;
  /** Who or what: a consultant id, a slot time, or a `date time` of an over-capacity booking. */
  subject?: string;
  /** The rates compared (fractions), where the alert is about a rate. */
  rate?: number | null;
  previousRate?: number | null;
  count?: number;
  window: Window;
  previousWindow?: Window;
  source: "aggregates" | "bookings";
}

/** The alerts of the last 7 days against the 7 before. */
export function alerts(input: {
  today: string;
  dayRows: readonly Row[];
  consultantRows: readonly Row[];
  slotTimeRows: readonly Row[];
  overCapacity: readonly { date: string; time: string }[];
}): Alert[] {
  const { last7, previous7 } = sevenDayWindows(input.today);
  const result: Alert[] = [];
  const all = sumCounts(input.dayRows.filter((row) => inWindow(row.date, last7)));
  const rate = noShowRate(all);
  const level = noShowAlertLevel(rate);
  if (level) result.push({ kind: "noShowRate", level, rate, window: last7, source: "aggregates" });
  for (const [kind, rows] of [
    ["consultantRising", input.consultantRows],
    ["slotRising", input.slotTimeRows],
  ] as const) {
    const now = byValue(rows, last7);
    const before = byValue(rows, previous7);
    for (const [subject, counts] of now) {
      const previous = before.get(subject) ?? emptyCounts();
      if (!risingNoShow(counts, previous)) continue;
      const current = noShowRate(counts);
      result.push({
        kind,
        level: noShowAlertLevel(current) === "high" ? "high" : "warning",
        subject,
        rate: current,
        previousRate: noShowRate(previous),
        window: last7,
        previousWindow: previous7,
        source: "aggregates",
      });
    }
  }
  const slots = new Map<string, number>();
  for (const booking of input.overCapacity) {
    const id = `${booking.date} ${booking.time}`;
    slots.set(id, (slots.get(id) ?? 0) + 1);
  }
  for (const [subject, count] of slots) {
    const date = subject.slice(0, 10);
    result.push({
      kind: "overCapacity",
      level: "high",
      subject,
      count,
      window: { from: date, to: date },
      source: "bookings",
    });
  }
  const order = { high: 0, warning: 1 } as const;
  return result.sort((a, b) => order[a.level] - order[b.level]);
}
