import { PassThrough, Readable, Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify";
import { writeAudit } from "../../shared/data/audit-repository.ts";
import { listConsultants } from "../../shared/data/consultants-repository.ts";
import {
  bookingPages,
  claimExport,
  customerPages,
  finishExport,
  getExport,
  type RowPage,
  reportExportProgress,
  type StoredExport,
} from "../../shared/data/exports-repository.ts";
import { csvOptions } from "../../shared/domain/exports/csv.ts";
import {
  bookingRow,
  columnsOf,
  type ExportRow,
  exportContentTypes,
} from "../../shared/domain/exports/datasets.ts";
import { uploadExport } from "../../shared/storage/exports-bucket.ts";
import { dailyMetricsPages, leaderboardPages, telefoniePages } from "./dataset-pages.ts";

/** Progress is written at most this often (admins poll the record). */
const progressEveryMs = 1_000;

/** A PDF is for reading, not for bulk data: beyond this many rows the export asks for CSV. */
export const maxPdfRows = 20_000;

export interface ExportRunResult {
  id: string;
  status: "done" | "failed" | "skipped";
  rows: number;
  bytes: number;
  peakRss: number;
  peakHeapUsed: number;
}

/** The peak of the process's memory while a function runs (sampled, and at every page). */
class MemoryWatch {
  peakRss = 0;
  peakHeapUsed = 0;
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.sample();
    this.timer = setInterval(() => this.sample(), 100);
    this.timer.unref();
  }

  sample(): void {
    const { rss, heapUsed } = process.memoryUsage();
    if (rss > this.peakRss) this.peakRss = rss;
    if (heapUsed > this.peakHeapUsed) this.peakHeapUsed = heapUsed;
  }

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }
}

/** The rows of an export, one page at a time, filters applied. */
async function* rowPages(record: StoredExport): AsyncGenerator<RowPage<ExportRow>> {
  if (record.dataset === "dailyMetrics") {
    yield* dailyMetricsPages(record.from, record.to);
    return;
  }
  if (record.dataset === "telefonie") {
    yield* telefoniePages(record.from, record.to, record.filters.agent);
    return;
  }
  if (record.dataset === "leaderboard") {
    yield* leaderboardPages(record.from, record.to, record.filters.agent);
    return;
  }
  if (record.dataset === "customers") {
    for await (const page of customerPages(record.from, record.to)) {
      yield { rows: page.rows.map((row) => ({ ...row })), done: page.done };
    }
    return;
  }
  const consultantNames = new Map((await listConsultants()).map((c) => [c.id, c.name]));
  const { agent, consultant, outcome, potential } = record.filters;
  for await (const page of bookingPages(record.from, record.to)) {
    const rows = page.rows
      .filter(
        (booking) =>
          (!agent || booking.agent === agent) &&
          (!consultant || booking.consultant === consultant) &&
          (!outcome || booking.outcome === outcome) &&
          (!potential || booking.potentialClass === potential),
      )
      // A cancelled booking whose outcome was never read says so in the file.
      .map((booking) =>
        bookingRow(
          booking.status === "cancelled" && booking.outcome === "pending"
            ? { ...booking, outcome: "cancelled" }
            : booking,
          consultantNames,
        ),
      );
    yield { rows, done: page.done };
  }
}

/** JSON as one array, written row by row (`[`, rows separated by commas, `]`). */
function jsonArray(): Transform {
  let first = true;
  return new Transform({
    writableObjectMode: true,
    transform(row: ExportRow, _encoding, callback: TransformCallback) {
      const prefix = first ? "[\n" : ",\n";
      first = false;
      callback(null, prefix + JSON.stringify(row));
    },
    flush(callback: TransformCallback) {
      callback(null, first ? "[]\n" : "\n]\n");
    },
  });
}

/**
 * The bookings as a PDF table (pdfkit, imported only here: it is heavy and
 * only this format needs it). pdfkit writes each finished page to its stream,
 * so a long table does not pile up in memory.
 */
async function pdfTable(record: StoredExport): Promise<Transform> {
  const { default: PDFDocument } = await import("pdfkit");
  const doc = new PDFDocument({ size: "A4", layout: "landscape", margin: 36, bufferPages: false });
  const columns = columnsOf(record.dataset);
  const widths = [62, 40, 150, 105, 70, 110, 70, 80, 40];
  const left = doc.page.margins.left;
  const rowHeight = 14;
  let rows = 0;

  const header = () => {
    doc.font("Helvetica-Bold").fontSize(8);
    let x = left;
    const y = doc.y;
    columns.forEach((column, index) => {
      doc.text(column, x, y, { width: (widths[index] ?? 60) - 4, lineBreak: false, ellipsis: true });
      x += widths[index] ?? 60;
    });
    doc.moveDown(0.2).font("Helvetica").fontSize(8);
    doc.y = y + rowHeight;
  };
  doc.font("Helvetica-Bold").fontSize(12).text(`Bookings ${record.from} – ${record.to}`);
  doc.moveDown(0.5);
  header();

  const output = new Transform({
    writableObjectMode: true,
    transform(row: ExportRow, _encoding, callback: TransformCallback) {
      if (rows >= maxPdfRows) {
        callback(new Error(`a PDF holds at most ${maxPdfRows} rows; export CSV or JSON instead`));
        return;
      }
      if (doc.y + rowHeight > doc.page.height - doc.page.margins.bottom) {
        doc.addPage();
        header();
      }
      const y = doc.y;
      let x = left;
      columns.forEach((column, index) => {
        const value = row[column];
        doc.text(value === null || value === undefined ? "" : String(value), x, y, {
          width: (widths[index] ?? 60) - 4,
          lineBreak: false,
          ellipsis: true,
        });
        x += widths[index] ?? 60;
      });
      doc.y = y + rowHeight;
      rows++;
      callback();
    },
    flush(callback: TransformCallback) {
      doc.on("end", () => callback());
      doc.end();
    },
  });
  doc.on("data", (chunk: Buffer) => output.push(chunk));
  doc.on("error", (error: Error) => output.destroy(error));
  return output;
}

async function encoderFor(record: StoredExport): Promise<Transform> {
  switch (record.format) {
    case "csv":
      return stringify(csvOptions(columnsOf(record.dataset), record.delimiter));
    case "json":
      return jsonArray();
    case "pdf":
      return pdfTable(record);
  }
}

/** Short and log-safe: never a stack, never row data. */
function failureReason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 300);
}

/**
 * The worker: takes a queued export (once; a redelivered invocation finds it
 * taken), streams its rows — query page → encoder → multipart upload — into
 * the exports bucket and records the result. Memory holds one page of rows
 * and the upload's two parts, whatever the export's size.
 */
export async function runExport(id: string, now: () => Date = () => new Date()): Promise<ExportRunResult> {
  const watch = new MemoryWatch();
  const claimed = await claimExport(id, now().toISOString());
  const record = claimed ? await getExport(id) : undefined;
  if (!record) {
    watch.stop();
    return { id, status: "skipped", rows: 0, bytes: 0, peakRss: 0, peakHeapUsed: 0 };
  }

  let rows = 0;
  let progress = 0;
  let lastReport = 0;
  let reporting: Promise<void> = Promise.resolve();
  const report = () => {
    const at = Date.now();
    if (at - lastReport < progressEveryMs) return;
    lastReport = at;
    const [percent, count] = [Math.min(99, Math.floor(progress * 100)), rows];
    // Progress is a courtesy: a failed write never fails the export.
    reporting = reporting.then(() => reportExportProgress(id, percent, count)).catch(() => undefined);
  };

  async function* rowsOf(): AsyncGenerator<ExportRow> {
    for await (const page of rowPages(record!)) {
      for (const row of page.rows) {
        rows++;
        yield row;
      }
      progress = page.done;
      watch.sample();
      report();
    }
  }

  try {
    const encoder = await encoderFor(record);
    const body = new PassThrough();
    const uploading = uploadExport(record.key, body, exportContentTypes[record.format]).catch((error) => {
      // The reader would wait forever for an upload that is gone.
      body.destroy(error as Error);
      throw error;
    });
    const [, bytes] = await Promise.all([
      pipeline(Readable.from(rowsOf(), { objectMode: true }), encoder, body),
      uploading,
    ]);
    await reporting;
    watch.stop();
    const result = {
      status: "done" as const,
      rows,
      bytes,
      peakRss: watch.peakRss,
      peakHeapUsed: watch.peakHeapUsed,
    };
    await finishExport(id, result, now().toISOString());
    await writeAudit({
      actor: record.createdBy,
      action: "export.completed",
      target: id,
      detail: { dataset: record.dataset, format: record.format, rows, bytes },
    });
    return { id, ...result };
  } catch (error) {
    await reporting;
    watch.stop();
    await finishExport(id, { status: "failed", rows, error: failureReason(error) }, now().toISOString());
    await writeAudit({
      actor: record.createdBy,
      action: "export.failed",
      target: id,
      detail: { dataset: record.dataset, format: record.format },
    });
    return { id, status: "failed", rows, bytes: 0, peakRss: watch.peakRss, peakHeapUsed: watch.peakHeapUsed };
  }
}
