import { createHash } from "node:crypto";
import { normalizePhone } from "../booking/booking-input.ts";
import { isHhMm, isIsoDate } from "../booking/local-date.ts";
import {
  type Outcome,
  outcomeSchema,
  type PotentialClass,
  potentialClassSchema,
} from "../booking/outcomes.ts";
import { parseCsv } from "./csv.ts";

/** What an import file holds: booking rows, or daily totals (the old app's history). */
export type ImportKind = "bookings" | "dailyTotals";

export const bookingColumns = [
  "date",
  "time",
  "customer",
  "phone",
  "agent",
  "consultant",
  "potential",
  "outcome",
] as const;
export const totalsColumns = [
  "date",
  "slots",
  "completed",
  "no_show",
  "ghost",
  "cancelled",
  "rescheduled",
  "overhang",
] as const;
export type TotalsField = Exclude<(typeof totalsColumns)[number], "date">;

/** Why a row was rejected: a message id of the catalogue (translated at the edge). */
export type RejectReason =
  | "import.missing"
  | "import.date"
  | "import.future"
  | "import.time"
  | "import.phone"
  | "import.name"
  | "import.outcome"
  | "import.potential"
  | "import.count"
  | "import.duplicateDate"
  | "import.tooLong";

export interface Rejection {
  /** 1-based: the CSV line (header = 1) or the JSON array position. */
  row: number;
  field: string;
  reason: RejectReason;
}

export interface ImportedBookingRow {
  id: string;
  date: string;
  time: string;
  firstName: string;
  lastName: string;
  phone: string;
  agent: string;
  consultant?: string;
  potentialClass: PotentialClass;
  outcome: Outcome;
}

export interface ImportedDay {
  date: string;
  slots: number;
  completed: number;
  no_show: number;
  ghost: number;
  cancelled: number;
  rescheduled: number;
  overhang: number;
}

export type ParsedImport =
  | { kind: "bookings"; rows: number; accepted: ImportedBookingRow[]; rejected: Rejection[] }
  | { kind: "dailyTotals"; rows: number; accepted: ImportedDay[]; rejected: Rejection[] };

/** Outcomes an imported (past) booking may have: anything but pending. */
const importableOutcomes: ReadonlySet<string> = new Set(
  outcomeSchema.options.filter((outcome) => outcome !== "pending"),
);
const outcomeAliases: Record<string, Outcome> = {
  appeared: "completed",
  "no-show": "no_show",
  noshow: "no_show",
};

/** Records as `column → text` with their row numbers, from CSV (header line) or JSON (array of objects). */
export function readRecords(
  content: string,
  format: "csv" | "json",
): { row: number; values: Record<string, string> }[] {
  if (format === "json") {
    const parsed: unknown = JSON.parse(content);
    const list = Array.isArray(parsed) ? parsed : [];
    return list.map((entry, index) => ({
      row: index + 1,
      values: Object.fromEntries(
        Object.entries(typeof entry === "object" && entry !== null ? entry : {}).map(([key, value]) => [
          key.trim().toLowerCase(),
          value === null || value === undefined ? "" : String(value),
        ]),
      ),
    }));
  }
  const [header, ...records] = parseCsv(content);
  const names = (header?.cells ?? []).map((name) => name.trim().toLowerCase());
  return records.map((record) => ({
    row: record.line,
    values: Object.fromEntries(names.map((name, index) => [name, record.cells[index] ?? ""])),
  }));
}

/** Daily totals when the columns name slots and no phone; booking rows otherwise. */
export function kindOf(records: readonly { values: Record<string, string> }[]): ImportKind {
  const columns = new Set(records.flatMap((record) => Object.keys(record.values)));
  return columns.has("slots") && !columns.has("phone") ? "dailyTotals" : "bookings";
}

/** Deterministic id from the row's content: importing the same row again writes the same booking. */
export function importedBookingId(row: Omit<ImportedBookingRow, "id">): string {
  return createHash("sha256")
    .update(JSON.stringify(["import", row.date, row.time, row.phone, row.firstName, row.lastName, row.agent]))
    .digest("hex")
    .slice(0, 32);
}

/** Validates every row; each rejected row is reported once, by its first bad field. */
export function parseImport(content: string, format: "csv" | "json", today: string): ParsedImport {
  const records = readRecords(content, format);
  const kind = kindOf(records);
  const rejected: Rejection[] = [];
  const text = (values: Record<string, string>, field: string) => (values[field] ?? "").trim();
  const checkDate = (row: number, value: string): boolean => {
    if (!value) rejected.push({ row, field: "date", reason: "import.missing" });
    else if (!isIsoDate(value)) rejected.push({ row, field: "date", reason: "import.date" });
    else if (value > today) rejected.push({ row, field: "date", reason: "import.future" });
    else return true;
    return false;
  };

  if (kind === "dailyTotals") {
    const accepted: ImportedDay[] = [];
    const seen = new Set<string>();
    for (const { row, values } of records) {
      const date = text(values, "date");
      if (!checkDate(row, date)) continue;
      if (seen.has(date)) {
        rejected.push({ row, field: "date", reason: "import.duplicateDate" });
        continue;
      }
      const day: Partial<ImportedDay> = { date };
      let bad: TotalsField | undefined;
      for (const field of totalsColumns.slice(1) as TotalsField[]) {
        const raw = text(values, field) || "0";
        if (!/^\d{1,6}$/.test(raw)) {
          bad = field;
          break;
        }
        day[field] = Number(raw);
      }
      if (bad) {
        rejected.push({ row, field: bad, reason: "import.count" });
        continue;
      }
      seen.add(date);
      accepted.push(day as ImportedDay);
    }
    return { kind, rows: records.length, accepted, rejected };
  }

  const accepted: ImportedBookingRow[] = [];
  for (const { row, values } of records) {
    const date = text(values, "date");
    if (!checkDate(row, date)) continue;
    const time = text(values, "time");
    if (!isHhMm(time)) {
      rejected.push({ row, field: "time", reason: time ? "import.time" : "import.missing" });
      continue;
    }
    const customer = text(values, "customer").replace(/\s+/g, " ");
    if (!customer || customer.length > 100) {
      rejected.push({ row, field: "customer", reason: customer ? "import.tooLong" : "import.name" });
      continue;
    }
    const phone = normalizePhone(text(values, "phone"));
    if (!phone.ok) {
      rejected.push({
        row,
        field: "phone",
        reason: text(values, "phone") ? "import.phone" : "import.missing",
      });
      continue;
    }
    const agent = text(values, "agent").toLowerCase();
    if (!agent || agent.length > 40 || agent.includes("#")) {
      rejected.push({ row, field: "agent", reason: agent ? "import.tooLong" : "import.missing" });
      continue;
    }
    const rawOutcome = text(values, "outcome").toLowerCase();
    const outcome = outcomeAliases[rawOutcome] ?? rawOutcome;
    if (!importableOutcomes.has(outcome)) {
      rejected.push({ row, field: "outcome", reason: rawOutcome ? "import.outcome" : "import.missing" });
      continue;
    }
    const rawPotential = text(values, "potential").toLowerCase() || "standard";
    const potential = potentialClassSchema.safeParse(rawPotential);
    if (!potential.success) {
      rejected.push({ row, field: "potential", reason: "import.potential" });
      continue;
    }
    const [firstName, ...rest] = customer.split(" ");
    const consultant = text(values, "consultant");
    const fields = {
      date,
      time,
      firstName: rest.length > 0 ? firstName! : "",
      lastName: rest.length > 0 ? rest.join(" ") : firstName!,
      phone: phone.phone,
      agent,
      ...(consultant ? { consultant: consultant.slice(0, 80) } : {}),
      potentialClass: potential.data,
      outcome: outcome as Outcome,
    };
    accepted.push({ id: importedBookingId(fields), ...fields });
  }
  return { kind, rows: records.length, accepted, rejected };
}
