import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import { config } from "../config.ts";
import {
  type ExportSchedule,
  exportFiltersSchema,
  exportScheduleSchema,
  exportStatuses,
} from "../contracts/exports.ts";
import { datesBetween } from "../domain/booking/local-date.ts";
import { legacyOutcomes } from "../domain/booking/outcomes.ts";
import { summarize } from "../domain/customers/profile.ts";
import {
  type BookingFacts,
  type ExportDataset,
  type ExportFormat,
  exportDatasets,
} from "../domain/exports/datasets.ts";
import { dynamoClient } from "./clients.ts";
import { customerWithBookings } from "./customers-repository.ts";
import { unlessConditionFails } from "./errors.ts";
import { parseItem } from "./items.ts";
import { keys } from "./keys.ts";
import { queryAll } from "./query.ts";
import { indexes } from "./table.ts";

const table = () => config().TABLE_NAME;

/** Export records outlive their files (7 days in the bucket) so the list still shows them; then they go too. */
const recordLifetimeSeconds = 90 * 24 * 60 * 60;

export const storedExportSchema = z
  .object({
    id: z.string(),
    dataset: z.enum(exportDatasets),
    format: z.enum(["csv", "json", "pdf"]),
    from: z.string(),
    to: z.string(),
    delimiter: z.enum([",", ";"]),
    filters: exportFiltersSchema,
    status: z.enum(exportStatuses),
    progress: z.number(),
    rows: z.number(),
    createdBy: z.string(),
    createdAt: z.string(),
    startedAt: z.string().optional(),
    finishedAt: z.string().optional(),
    bytes: z.number().optional(),
    scheduleId: z.string().optional(),
    error: z.string().optional(),
    /** The object's key in the exports bucket (always under `exports/`). */
    key: z.string(),
    fileName: z.string(),
    /** The worker's memory while it ran (bytes): what the bounded-memory claim is checked by. */
    peakRss: z.number().optional(),
    peakHeapUsed: z.number().optional(),
  })
  .loose();
export type StoredExport = z.infer<typeof storedExportSchema>;

export interface NewExport {
  id: string;
  dataset: ExportDataset;
  format: ExportFormat;
  from: string;
  to: string;
  delimiter: "," | ";";
  filters: z.infer<typeof exportFiltersSchema>;
  createdBy: string;
  createdAt: string;
  key: string;
  fileName: string;
  scheduleId?: string;
}

export async function createExport(input: NewExport): Promise<StoredExport> {
  const record: StoredExport = { ...input, status: "queued", progress: 0, rows: 0 };
  await dynamoClient().send(
    new PutCommand({
      TableName: table(),
      Item: {
        ...keys.exportJob(input.id),
        ...keys.exportListing(input.createdAt, input.id),
        type: "export",
        ...record,
        expiresAt: Math.floor(Date.parse(input.createdAt) / 1000) + recordLifetimeSeconds,
      },
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );
  return record;
}

export async function getExport(id: string): Promise<StoredExport | undefined> {
  const result = await dynamoClient().send(
    new GetCommand({ TableName: table(), Key: keys.exportJob(id), ConsistentRead: true }),
  );
  return result.Item ? parseItem("export", storedExportSchema, result.Item) : undefined;
}

/** Newest first. */
export async function listExports(limit: number): Promise<StoredExport[]> {
  const items = await queryAll(
    {
      TableName: table(),
      IndexName: indexes.gsi1,
      KeyConditionExpression: "gsi1pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.exportsPartition() },
      ScanIndexForward: false,
    },
    limit,
  );
  return items.map((item) => parseItem("export", storedExportSchema, item));
}

/**
 * queued → running, once: an asynchronous invocation delivered twice (Lambda
 * retries) finds the export taken and does nothing.
 */
export async function claimExport(id: string, at: string): Promise<boolean> {
  const result = await unlessConditionFails(
    dynamoClient().send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.exportJob(id),
        UpdateExpression: "SET #status = :running, startedAt = :at",
        ConditionExpression: "#status = :queued",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":running": "running", ":queued": "queued", ":at": at },
      }),
    ),
  );
  return result !== undefined;
}

export async function reportExportProgress(id: string, progress: number, rows: number): Promise<void> {
  await dynamoClient().send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.exportJob(id),
      UpdateExpression: "SET progress = :progress, #rows = :rows",
      ConditionExpression: "#status = :running",
      ExpressionAttributeNames: { "#rows": "rows", "#status": "status" },
      ExpressionAttributeValues: { ":progress": progress, ":rows": rows, ":running": "running" },
    }),
  );
}

export interface ExportOutcome {
  status: "done" | "failed";
  rows: number;
  bytes?: number;
  error?: string;
  peakRss?: number;
  peakHeapUsed?: number;
}

export async function finishExport(id: string, outcome: ExportOutcome, at: string): Promise<void> {
  const values: Record<string, unknown> = {
    ":status": outcome.status,
    ":rows": outcome.rows,
    ":at": at,
    ":progress": outcome.status === "done" ? 100 : 0,
  };
  const sets = ["#status = :status", "#rows = :rows", "finishedAt = :at"];
  if (outcome.status === "done") sets.push("progress = :progress");
  for (const name of ["bytes", "error", "peakRss", "peakHeapUsed"] as const) {
    if (outcome[name] === undefined) continue;
    sets.push(`${name} = :${name}`);
    values[`:${name}`] = outcome[name];
  }
  await dynamoClient().send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.exportJob(id),
      UpdateExpression: `SET ${sets.join(", ")}`,
      ExpressionAttributeNames: { "#status": "status", "#rows": "rows" },
      ExpressionAttributeValues: values,
    }),
  );
}

// --- rows, page by page (never all of them at once) ---

const bookingFactsSchema = z
  .object({
    date: z.string(),
    time: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    phone: z.string(),
    agent: z.string(),
    consultant: z.string().optional(),
    potentialClass: z.string().optional(),
    status: z.string(),
    outcome: z.string().transform((outcome) => legacyOutcomes.get(outcome) ?? outcome),
    points: z.number(),
  })
  .loose();

export type BookingExportFacts = BookingFacts & { status: string };

// Only what a row shows (never the note); every name aliased, several are reserved words.
const bookingAttributes = [
  "date",
  "time",
  "firstName",
  "lastName",
  "phone",
  "agent",
  "consultant",
  "potentialClass",
  "status",
  "outcome",
  "points",
];
const bookingProjection = {
  ProjectionExpression: bookingAttributes.map((_, i) => `#a${i}`).join(", "),
  ExpressionAttributeNames: Object.fromEntries(bookingAttributes.map((name, i) => [`#a${i}`, name])),
};

/** Rows per Query page: small enough that a page is a few hundred KiB whatever the range. */
export const exportPageSize = 500;

export interface RowPage<T> {
  rows: T[];
  /** 0–1: how far through the range this page is. */
  done: number;
}

/**
 * The bookings of the local dates from..to (inclusive), day by day in slot
 * order, one Query page at a time: the caller holds one page, never the range.
 */
export async function* bookingPages(from: string, to: string): AsyncGenerator<RowPage<BookingExportFacts>> {
  const days = datesBetween(from, to);
  for (const [index, date] of days.entries()) {
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await dynamoClient().send(
        new QueryCommand({
          TableName: table(),
          IndexName: indexes.gsi2,
          KeyConditionExpression: "gsi2pk = :pk",
          ExpressionAttributeValues: { ":pk": keys.dayBookingsPartition(date) },
          Limit: exportPageSize,
          ExclusiveStartKey: cursor,
          ...bookingProjection,
        }),
      );
      cursor = page.LastEvaluatedKey;
      const rows = (page.Items ?? []).map((item) => parseItem("booking", bookingFactsSchema, item));
      yield { rows, done: cursor ? index / days.length : (index + 1) / days.length };
    } while (cursor);
  }
}

export interface CustomerExportFacts {
  customerId: string;
  name: string;
  phone: string;
  bookings: number;
  completed: number;
  overhang: number;
  noShow: number;
  ghost: number;
  cancelled: number;
  reliability: number | null;
  risk: string;
  lastBooking: string | null;
}

/**
 * Customers with at least one booking from..to, their counts over all their
 * bookings. Customers have no listing index (agents must not browse them), so
 * this pages through a filtered Scan; each page's customers are read one by one.
 */
export async function* customerPages(from: string, to: string): AsyncGenerator<RowPage<CustomerExportFacts>> {
  let cursor: Record<string, unknown> | undefined;
  let pages = 0;
  do {
    const page = await dynamoClient().send(
      new ScanCommand({
        TableName: table(),
        FilterExpression: "begins_with(pk, :customer) AND sk = :profile",
        ExpressionAttributeValues: { ":customer": keys.customerPartitionPrefix(), ":profile": "PROFILE" },
        ProjectionExpression: "id",
        Limit: exportPageSize,
        ExclusiveStartKey: cursor,
      }),
    );
    cursor = page.LastEvaluatedKey;
    pages++;
    const rows: CustomerExportFacts[] = [];
    for (const item of page.Items ?? []) {
      if (typeof item.id !== "string") continue;
      const record = await customerWithBookings(item.id);
      if (!record) continue;
      const inRange = record.bookings.filter((booking) => booking.date >= from && booking.date <= to);
      if (inRange.length === 0) continue;
      const summary = summarize(record.bookings, [...record.customer.names]);
      const latest = summary.history[0];
      const name = summary.names[0];
      rows.push({
        customerId: record.customer.id,
        name: name ? `${name.lastName}, ${name.firstName}` : "",
        phone: record.customer.phone,
        bookings: summary.bookings,
        completed: summary.outcomes.completed,
        overhang: summary.outcomes.overhang,
        noShow: summary.outcomes.no_show,
        ghost: summary.outcomes.ghost,
        cancelled: summary.outcomes.cancelled,
        reliability: summary.reliability === null ? null : Math.round(summary.reliability * 1000) / 1000,
        risk: summary.risk,
        lastBooking: latest ? latest.date : null,
      });
    }
    // A Scan has no known end: progress creeps towards 95 % until the last page.
    yield { rows, done: cursor ? 1 - 1 / (pages + 1) : 1 };
  } while (cursor);
}

// --- scheduled exports ---

function toSchedule(item: Record<string, unknown>): ExportSchedule {
  return parseItem("export schedule", exportScheduleSchema, item);
}

export async function putExportSchedule(schedule: ExportSchedule): Promise<void> {
  await dynamoClient().send(
    new PutCommand({
      TableName: table(),
      Item: {
        ...keys.exportSchedule(schedule.id),
        ...keys.exportScheduleListing(schedule.id),
        type: "export-schedule",
        ...schedule,
      },
    }),
  );
}

export async function getExportSchedule(id: string): Promise<ExportSchedule | undefined> {
  const result = await dynamoClient().send(
    new GetCommand({ TableName: table(), Key: keys.exportSchedule(id), ConsistentRead: true }),
  );
  return result.Item ? toSchedule(result.Item) : undefined;
}

export async function listExportSchedules(): Promise<ExportSchedule[]> {
  const items = await queryAll({
    TableName: table(),
    IndexName: indexes.gsi1,
    KeyConditionExpression: "gsi1pk = :pk",
    ExpressionAttributeValues: { ":pk": keys.exportSchedulesPartition() },
  });
  return items.map(toSchedule).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function deleteExportSchedule(id: string): Promise<boolean> {
  const result = await unlessConditionFails(
    dynamoClient().send(
      new DeleteCommand({
        TableName: table(),
        Key: keys.exportSchedule(id),
        ConditionExpression: "attribute_exists(pk)",
      }),
    ),
  );
  return result !== undefined;
}

/**
 * Moves a due schedule to its next run, only if nobody else did (two job runs
 * overlapping, a retried invocation): whoever wins delivers, once.
 */
export async function claimScheduleRun(
  id: string,
  dueAt: string,
  next: { nextRunAt: string; lastRunAt: string; lastExportId: string },
): Promise<boolean> {
  const result = await unlessConditionFails(
    dynamoClient().send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.exportSchedule(id),
        UpdateExpression: "SET nextRunAt = :next, lastRunAt = :last, lastExportId = :export",
        ConditionExpression: "nextRunAt = :due",
        ExpressionAttributeValues: {
          ":next": next.nextRunAt,
          ":last": next.lastRunAt,
          ":export": next.lastExportId,
          ":due": dueAt,
        },
      }),
    ),
  );
  return result !== undefined;
}
