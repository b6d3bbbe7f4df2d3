/**
 * The bench's shared vocabulary: what a bench module gets (`BenchContext`),
 * what it returns (`BenchRow`), the statistics every row is summarised with,
 * and the one table (text for the terminal, markdown for the README).
 *
 * A module is `export async function bench<Name>(ctx: BenchContext): Promise<BenchRow[]>`
 * in tests/bench/<name>.ts, listed in tests/bench/run.ts.
 */
import type { LocalStack } from "../../local/stack.ts";

export interface BenchCalendar {
  name: string;
  calendarId: string;
}

export interface ApiSession {
  cookie: string;
  csrfToken: string;
}

export interface BenchContext {
  /** The one local stack of this bench run (DynamoDB Local, s3rver, calendar emulator, gateway, stream poller). */
  stack: LocalStack;
  /** `BENCH_QUICK=1` / `--quick`: small sizes and few runs, for developing a module. */
  quick: boolean;
  /** How often to repeat a measurement (more for cheap ones, fewer for the long ones: say so in `note`). */
  runs: number;
  /** The consultants the stack was started with (their calendars live in the emulator). */
  consultants: readonly BenchCalendar[];
  /** An agent that exists (BOOTSTRAP_USERS) and can book. */
  agent: { username: string; password: string };
  /** A throw-away directory for this run (removed at the end). */
  tmpDir: string;
  /** The site's build (frontend/dist), when it exists. */
  siteDir: string | undefined;
  /** Signs in through the API: the session cookie and CSRF token for later requests. */
  signIn(username?: string, password?: string): Promise<ApiSession>;
  /** Progress lines (stderr), so stdout stays the table. */
  log(line: string): void;
}

export interface BenchRow {
  /** What is measured, with its size: "booking, 20 concurrent clients, p50". */
  figure: string;
  /** ms, s, events/s, KB, MiB, calls, bookings, … */
  unit: string;
  /** One value per run. */
  samples: number[];
  /** What the figure is compared with, measured in the same run (same unit). */
  baseline?: { name: string; samples: number[] };
  /** e.g. "1 run: 100k rows", "extrapolated", "lower is better". */
  note?: string;
}

/** A row as written to the JSON: samples plus their summary. */
export interface SummarisedRow extends BenchRow {
  module: string;
  median: number;
  min: number;
  max: number;
  baselineMedian?: number;
  baselineMin?: number;
  baselineMax?: number;
  /** figure median ÷ baseline median. */
  ratio?: number;
}

export interface BenchMachine {
  cpu: string;
  cores: number;
  ramGiB: number;
  node: string;
  platform: string;
  /** 1-minute load average when the run started and ended (other work on the machine makes numbers noisy). */
  loadStart: number[];
  loadEnd: number[];
}

export interface BenchResults {
  date: string;
  startedAt: string;
  durationSeconds: number;
  quick: boolean;
  machine: BenchMachine;
  rows: SummarisedRow[];
  /** Modules that failed: their rows are missing. */
  errors: { module: string; message: string }[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function summarise(module: string, row: BenchRow): SummarisedRow {
  const summary: SummarisedRow = {
    module,
    ...row,
    median: median(row.samples),
    min: Math.min(...row.samples),
    max: Math.max(...row.samples),
  };
  if (row.baseline && row.baseline.samples.length > 0) {
    summary.baselineMedian = median(row.baseline.samples);
    summary.baselineMin = Math.min(...row.baseline.samples);
    summary.baselineMax = Math.max(...row.baseline.samples);
    if (summary.baselineMedian !== 0) summary.ratio = summary.median / summary.baselineMedian;
  }
  return summary;
}

/** Milliseconds since `started` (performance.now()). */
export const since = (started: number) => performance.now() - started;

/** Runs `operation` `runs` times, one after the other; returns each run's result. */
export async function repeat<T>(runs: number, operation: (run: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let run = 0; run < runs; run++) results.push(await operation(run));
  return results;
}

/** Wall time of `operation` in ms. */
export async function timed(operation: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await operation();
  return since(started);
}

/**
 * `total` operations by `workers` concurrent clients (each starts the next
 * operation when its previous one answered): latencies and throughput.
 */
export async function concurrently(
  total: number,
  workers: number,
  operation: (index: number) => Promise<void>,
): Promise<{ latencies: number[]; perSecond: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(workers, total) }, async () => {
      while (next < total) {
        const index = next++;
        const t0 = performance.now();
        await operation(index);
        latencies.push(since(t0));
      }
    }),
  );
  return { latencies, perSecond: total / (since(started) / 1000) };
}

/** Enough digits to compare, no more. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return "–";
  const abs = Math.abs(value);
  if (abs >= 100 || Number.isInteger(value)) return Math.round(value).toLocaleString("en");
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

const spread = (med: number, min: number, max: number, unit: string) =>
  min === max
    ? `${formatNumber(med)} ${unit}`
    : `${formatNumber(med)} (${formatNumber(min)}–${formatNumber(max)}) ${unit}`;

const ratioText = (ratio: number | undefined) =>
  ratio === undefined
    ? ""
    : `×${ratio >= 100 ? Math.round(ratio).toLocaleString("en") : ratio.toPrecision(3)}`;

/** The table's cells, one array per row, header first. */
export function tableCells(rows: readonly SummarisedRow[]): string[][] {
  const header = ["figure", "median (min–max)", "baseline", "baseline median (min–max)", "ratio", "runs"];
  return [
    header,
    ...rows.map((row) => [
      row.note ? `${row.figure} [${row.note}]` : row.figure,
      spread(row.median, row.min, row.max, row.unit),
      row.baseline?.name ?? "",
      row.baselineMedian === undefined
        ? ""
        : spread(row.baselineMedian, row.baselineMin!, row.baselineMax!, row.unit),
      ratioText(row.ratio),
      row.baseline && row.baseline.samples.length !== row.samples.length
        ? `${row.samples.length}/${row.baseline.samples.length}`
        : String(row.samples.length),
    ]),
  ];
}

/** Plain text, columns aligned, one section per module. */
export function textTable(rows: readonly SummarisedRow[]): string {
  const cells = tableCells(rows);
  const widths = cells[0]!.map((_, column) => Math.max(...cells.map((line) => line[column]!.length)));
  const line = (cellsOfLine: string[]) =>
    cellsOfLine
      .map((cell, column) =>
        column === 0 || column === 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join("  ")
      .trimEnd();
  const out = [line(cells[0]!), widths.map((width) => "-".repeat(width)).join("  ")];
  for (const [index, row] of rows.entries()) {
    if (index > 0 && rows[index - 1]!.module !== row.module) out.push("");
    out.push(line(cells[index + 1]!));
  }
  return out.join("\n");
}

const escapeMarkdown = (text: string) => text.replaceAll("|", "\\|");

export function machineLine(results: Pick<BenchResults, "machine" | "date" | "quick" | "durationSeconds">) {
  const { machine } = results;
  return `${results.date} · ${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB} GiB RAM · Node ${machine.node} · ${machine.platform} · load average ${machine.loadStart.map((l) => l.toFixed(1)).join("/")} at start, ${machine.loadEnd.map((l) => l.toFixed(1)).join("/")} at end · ${Math.round(results.durationSeconds / 60)} min${results.quick ? " · QUICK sizes" : ""}`;
}

/** The README's table: the same cells as the terminal's. */
export function markdownTable(results: BenchResults): string {
  const cells = tableCells(results.rows);
  const [header, ...body] = cells;
  const out = [
    `Machine: ${machineLine(results)}`,
    "",
    `| ${header!.join(" | ")} |`,
    `|${header!.map((_, column) => (column === 0 || column === 2 ? " --- |" : " ---: |")).join("")}`,
    ...body.map((line) => `| ${line.map(escapeMarkdown).join(" | ")} |`),
  ];
  if (results.errors.length > 0) {
    out.push("", ...results.errors.map((error) => `- **${error.module} failed:** ${error.message}`));
  }
  return out.join("\n");
}
