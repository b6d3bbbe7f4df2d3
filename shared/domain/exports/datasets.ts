/**
 * What can be exported and the columns of each dataset. Plain TS: the site
 * shows the same lists in the export form.
 */
export const exportDatasets = ["bookings", "customers"] as const;
export type ExportDataset = (typeof exportDatasets)[number];

export const exportFormats = ["csv", "json", "pdf"] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** A row is flat: one value per column, in column order. */
export type Cell = string | number | null;
export type ExportRow = Record<string, Cell>;

export const datasetColumns = {
  bookings: ["date", "time", "customer", "phone", "agent", "consultant", "potential", "outcome", "points"],
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

/** The file name a download gets, e.g. `bookings_2026-11-01_2026-11-30.csv`. */
export function exportFileName(spec: { dataset: string; format: string; from: string; to: string }): string {
  return `${spec.dataset}_${spec.from}_${spec.to}.${spec.format}`;
}

export const exportContentTypes: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  pdf: "application/pdf",
};
