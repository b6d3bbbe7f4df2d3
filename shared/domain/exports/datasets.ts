import { type Counts, emptyCounts } from "../analytics/counts.ts";
import { rates } from "../analytics/dashboards.ts";

/**
 * What can be exported and the columns of each dataset. Plain TS: the site
 * shows the same lists in the export form.
 */
export const exportDatasets = ["bookings", "dailyMetrics", "customers", "telefonie", "leaderboard"] as const;
export type ExportDataset = (typeof exportDatasets)[number];

export const exportFormats = ["csv", "json", "pdf"] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** A row is flat: one value per column, in column order. */
export type Cell = string | number | null;
export type ExportRow = Record<string, Cell>;

export const datasetColumns = {
  bookings: ["date", "time", "customer", "phone", "agent", "consultant", "potential", "outcome", "points"],
  dailyMetrics: [
    "date",
    "source",
    "slots",
    "bookings",
    "completed",
    "overhang",
    "noShow",
    "ghost",
    "cancelled",
    "rescheduled",
    "showRate",
    "noShowRate",
    "cancellationRate",
    "points",
  ],
  customers: [
    "customerId",
    "name",
    "phone",
    "bookings",
    "completed",
    "overhang",
    "noShow",
    "ghost",
    "cancelled",
    "reliability",
    "risk",
    "lastBooking",
  ],
  telefonie: ["week", "agent", "vacation", "goal", "achieved", "entries", "rate", "status", "reachedGoal"],
  leaderboard: [
    "rank",
    "agent",
    "bookings",
    "resolved",
    "showRate",
    "noShowRate",
    "points",
    "telefonieEntries",
    "activity",
    "consistency",
    "combined",
    "class",
  ],
} as const satisfies Record<ExportDataset, readonly string[]>;

export function columnsOf(dataset: ExportDataset): readonly string[] {
  return datasetColumns[dataset];
}

/** The booking facts a bookings row is made of (the repository reads exactly these). */
export interface BookingFacts {
  date: string;
  time: string;
  firstName: string;
  lastName: string;
  phone: string;
  agent: string;
  consultant?: string | undefined;
  potentialClass?: string | undefined;
  outcome: string;
  points: number;
}

/** One bookings row; the consultant by name where known (an id otherwise). */
export function bookingRow(booking: BookingFacts, consultantNames: ReadonlyMap<string, string>): ExportRow {
  return {
    date: booking.date,
    time: booking.time,
    customer: `${booking.lastName}, ${booking.firstName}`,
    phone: booking.phone,
    agent: booking.agent,
    consultant: booking.consultant ? (consultantNames.get(booking.consultant) ?? booking.consultant) : null,
    potential: booking.potentialClass ?? null,
    outcome: booking.outcome,
    points: booking.points,
  };
}

/** Fractions to three decimals in files (a rate of no data stays empty, not 0). */
const fraction = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);

/** One day of counted bookings (the day aggregates), labelled with its source. */
export function dailyMetricsRow(date: string, counts: Counts): ExportRow {
  const figures = rates(counts);
  return {
    date,
    source: "bookings",
    slots: null,
    bookings: counts.bookings,
    completed: counts.completed,
    overhang: counts.overhang,
    noShow: counts.no_show,
    ghost: counts.ghost,
    cancelled: counts.cancelled,
    rescheduled: counts.rescheduled,
    showRate: fraction(figures.showRate),
    noShowRate: fraction(figures.noShowRate),
    cancellationRate: fraction(figures.cancellationRate),
    points: counts.points,
  };
}

/** The old app's daily totals of one day (imported history: slots but no bookings list, no points). */
export interface ImportedTotals {
  date: string;
  slots: number;
  completed: number;
  no_show: number;
  ghost: number;
  cancelled: number;
  rescheduled: number;
  overhang: number;
}

/** One imported day, its bookings being the sum of its outcomes. */
export function importedDayRow(day: ImportedTotals): ExportRow {
  const counts = emptyCounts();
  for (const outcome of ["completed", "no_show", "ghost", "cancelled", "rescheduled", "overhang"] as const) {
    counts[outcome] = day[outcome];
    counts.bookings += day[outcome];
  }
  return { ...dailyMetricsRow(day.date, counts), source: "import", slots: day.slots, points: null };
}

/** What a Telefonie week of one agent shows (the week's summary). */
export interface TelefonieWeekFacts {
  isoWeek: string;
  username: string;
  vacation: boolean;
  goal?: number | undefined;
  achieved: number;
  entries: readonly unknown[];
  rate: number | null;
  status: string | null;
  reachedGoal: boolean;
}

export function telefonieRow(week: TelefonieWeekFacts): ExportRow {
  return {
    week: week.isoWeek,
    agent: week.username,
    vacation: week.vacation ? "yes" : "no",
    goal: week.goal ?? null,
    achieved: week.achieved,
    entries: week.entries.length,
    rate: fraction(week.rate),
    status: week.status,
    reachedGoal: week.reachedGoal ? "yes" : "no",
  };
}

/** One agent's place in the combined ranking of the window (the team dashboard's ranking). */
export interface RankedAgent {
  rank: number;
  username: string;
  bookings: number;
  resolved: number;
  showRate: number | null;
  noShowRate: number | null;
  points: number;
  telefonieEntries: number | null;
  activity: number;
  consistency: number;
  combined: number;
  class: string;
}

export function leaderboardRow(agent: RankedAgent): ExportRow {
  return {
    rank: agent.rank,
    agent: agent.username,
    bookings: agent.bookings,
    resolved: agent.resolved,
    showRate: fraction(agent.showRate),
    noShowRate: fraction(agent.noShowRate),
    points: agent.points,
    telefonieEntries: agent.telefonieEntries,
    activity: Math.round(agent.activity * 10) / 10,
    consistency: Math.round(agent.consistency * 10) / 10,
    combined: Math.round(agent.combined * 10) / 10,
    class: agent.class,
  };
}

/** The file name a download gets, e.g. `bookings_2026-11-01_2026-11-30.csv`. */
export function exportFileName(spec: { dataset: string; format: string; from: string; to: string }): string {
  return `${spec.dataset}_${spec.from}_${spec.to}.${spec.format}`;
}

export const exportContentTypes: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  pdf: "application/pdf",
};
