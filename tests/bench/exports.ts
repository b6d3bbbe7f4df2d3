import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { addDays } from "../../shared/domain/booking/local-date.ts";
import { projectRoot } from "../../stacks/functions.ts";
import { createBulkTable, generatedBookings, writeBookings } from "../support/export-rows.ts";
import { type BenchContext, type BenchRow, repeat, timed } from "./table.ts";

interface WorkerRun {
  status: string;
  rows: number;
  seconds: number;
  peakRssBytes: number;
}

const perDay = 2_000;

/**
 * The bookings go into a table of their own without a stream (the export
 * worker reads only the day index): written about a third faster, and the
 * stack's stream poller does not fold 110k bookings into the aggregates while
 * the worker is being timed.
 */
const bookingsTable = `bench-exports-${randomUUID().slice(0, 8)}`;

/** Writes `count` bookings from `fromDate` and exports them (CSV) with the worker in its own process. */
async function exportSet(
  ctx: BenchContext,
  dynamo: DynamoDBDocumentClient,
  prefix: string,
  fromDate: string,
  count: number,
) {
  const written = await timed(() =>
    writeBookings(dynamo, bookingsTable, generatedBookings(prefix, fromDate, perDay, count), {
      dayIndexOnly: true,
    }),
  );
  ctx.log(
    `exports: ${count} bookings written in ${(written / 1000).toFixed(1)} s (${Math.round(count / (written / 1000))} rows/s)`,
  );
  const to = addDays(fromDate, Math.ceil(count / perDay) - 1);
  return async (nodeOptions: string[] = []): Promise<WorkerRun> => {
    const output = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        [...nodeOptions, join(projectRoot, "tests/bench/export-worker-run.ts"), fromDate, to],
        {
          env: { ...process.env, TABLE_NAME: bookingsTable, POWERTOOLS_LOG_LEVEL: "SILENT" },
          maxBuffer: 1 << 20,
        },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      ),
    );
    const run = JSON.parse(output.trim().split("\n").at(-1) ?? "{}") as WorkerRun;
    if (run.status !== "done" || run.rows !== count) {
      throw new Error(`export of ${count} rows: ${JSON.stringify(run)}`);
    }
    return run;
  };
}

/**
 * V8 collects lazily while it has room: with the default heap limit (GBs
 * here) a longer export leaves more garbage standing, and the peak RSS grows
 * with the run although what the worker holds does not. With the old space
 * capped at this size the worker must make do with what it holds: the 100k
 * export completing in about the 10k export's RSS is the proof.
 */
const cappedOldSpaceMiB = 64;

/**
 * A CSV export of 100k bookings by the export worker in its own process (as
 * Lambda runs it: its peak RSS is its own), next to one of 10k bookings: time
 * should grow with the rows, memory should not; once as Node starts it, once
 * with the heap capped. And the executive report PDF with 1,000 team rows next
 * to the same report with 10.
 */
export async function benchExports(ctx: BenchContext): Promise<BenchRow[]> {
  const large = ctx.quick ? 10_000 : 100_000;
  const small = large / 10;
  const client = new DynamoDBClient({
    endpoint: ctx.stack.dynamoEndpoint,
    region: "eu-central-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  await createBulkTable(client, bookingsTable);
  const dynamo = DynamoDBDocumentClient.from(client);
  const exportLarge = await exportSet(ctx, dynamo, "bl", "2033-01-01", large);
  const exportSmall = await exportSet(ctx, dynamo, "bs", "2034-01-01", small);
  // 100k rows take long: 1 run of the large export (2 in full), the small one every run.
  const largeRuns = await repeat(ctx.quick ? 1 : 2, () => exportLarge());
  const smallRuns = await repeat(Math.min(ctx.runs, 3), () => exportSmall());
  const capped = [`--max-old-space-size=${cappedOldSpaceMiB}`];
  const cappedLarge = await repeat(1, () => exportLarge(capped));
  const cappedSmall = await repeat(1, () => exportSmall(capped));
  client.destroy();

  const pdf = await pdfReport();
  const pdfRuns = await repeat(ctx.runs, async () => ({
    large: await timed(() => pdf(1_000)),
    small: await timed(() => pdf(10)),
  }));

  const k = (rows: number) => `${rows / 1000}k`;
  const mib = (bytes: number) => bytes / 2 ** 20;
  return [
    {
      figure: `CSV export, ${k(large)} bookings (worker process): time`,
      unit: "s",
      samples: largeRuns.map((run) => run.seconds),
      baseline: { name: `${k(small)} bookings`, samples: smallRuns.map((run) => run.seconds) },
    },
    {
      figure: `CSV export, ${k(large)} bookings (worker process): peak RSS`,
      unit: "MiB",
      samples: largeRuns.map((run) => mib(run.peakRssBytes)),
      baseline: { name: `${k(small)} bookings`, samples: smallRuns.map((run) => mib(run.peakRssBytes)) },
    },
    {
      figure: `CSV export, ${k(large)} bookings, old space capped at ${cappedOldSpaceMiB} MiB: peak RSS`,
      unit: "MiB",
      samples: cappedLarge.map((run) => mib(run.peakRssBytes)),
      baseline: { name: `${k(small)} bookings`, samples: cappedSmall.map((run) => mib(run.peakRssBytes)) },
      note: `1 run, ${cappedLarge.map((run) => run.seconds.toFixed(1)).join(", ")} s`,
    },
    {
      figure: "PDF report, 1,000 team rows",
      unit: "ms",
      samples: pdfRuns.map((run) => run.large),
      baseline: { name: "same report, 10 rows", samples: pdfRuns.map((run) => run.small) },
    },
  ];
}

/** Renders the executive report PDF (pdfkit, in process) with `rows` team rows. */
async function pdfReport() {
  const { renderReportPdf } = await import("../../functions/reports/pdf.ts");
  const { buildReport, reportPeriod, noBookings } = await import("../../shared/domain/reports/report.ts");
  const { summarizeWeek } = await import("../../shared/domain/telefonie/week.ts");
  const period = reportPeriod("2026-W49");
  return async (count: number) => {
    const rows = Array.from({ length: count }, (_, index) =>
      summarizeWeek({
        username: `agent${index}`,
        isoWeek: "2026-W49",
        goal: 20,
        vacation: false,
        entries: [
          { id: `e${index}`, kind: "T1", points: (index % 25) + 0.5, version: 1, at: "", by: "admin" },
        ],
      }),
    );
    const report = buildReport({
      period,
      generatedAt: new Date().toISOString(),
      weeks: new Map([["2026-W49", rows]]),
      displayNames: new Map(rows.map((row) => [row.username, `Agent ${row.username}`])),
      bookingsByWeek: new Map(),
      bookings: noBookings,
    });
    const pdf = await renderReportPdf(report);
    if (pdf.byteLength < 1000) throw new Error("PDF report is empty");
  };
}
