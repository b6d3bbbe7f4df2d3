/**
 * `npm run bench`: starts the local stack once, runs every bench module (each
 * measures its figures several times, next to a baseline measured in the same
 * run) and prints ONE table: figure | median (min–max) | baseline | baseline
 * median (min–max) | ratio. A full run also writes bench-results/<date>.json
 * and the README's "Benchmarks" section.
 *
 *   npm run bench                      full sizes (≤ ~15 min on 2 quiet cores)
 *   npm run bench -- --quick           small sizes, 2 runs (or BENCH_QUICK=1): for developing a module
 *   npm run bench -- --only=booking,site   some modules (nothing is written)
 *   node tests/bench/run.ts --markdown     the latest results as markdown (stdout)
 *   node tests/bench/run.ts --readme       rewrite the README section from the latest results
 *
 * Exits non-zero only when a module failed (its error is in the table's footer and the JSON).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { generateAvailability } from "../../functions/availability/generate.ts";
import { startLocalStack } from "../../local/stack.ts";
import { saveSlotTemplate } from "../../shared/data/booking-settings.ts";
import { defaultSlotTemplate, generateSlots, localDate } from "../../shared/domain/booking/slot-template.ts";
import { projectRoot } from "../../stacks/functions.ts";
import { benchAnalytics } from "./analytics.ts";
import { benchAvailability } from "./availability.ts";
import { benchBooking } from "./booking.ts";
import { benchBundles } from "./bundles.ts";
import { benchExports } from "./exports.ts";
import { benchGamification } from "./gamification.ts";
import { benchSite } from "./site.ts";
import {
  type ApiSession,
  type BenchCalendar,
  type BenchContext,
  type BenchResults,
  type BenchRow,
  machineLine,
  markdownTable,
  type SummarisedRow,
  summarise,
  textTable,
} from "./table.ts";

interface BenchModule {
  name: string;
  run: (ctx: BenchContext) => Promise<BenchRow[]>;
}

/**
 * In this order: quick, independent modules first, so that a run stopped by a
 * timeout still has them; the export of 100k rows last.
 */
const modules: BenchModule[] = [
  { name: "availability", run: benchAvailability },
  { name: "site", run: benchSite },
  { name: "bundles", run: benchBundles },
  { name: "booking", run: benchBooking },
  { name: "gamification", run: benchGamification },
  { name: "analytics", run: benchAnalytics },
  { name: "exports", run: benchExports },
];

const resultsDir = join(projectRoot, "bench-results");
const readmePath = join(projectRoot, "README.md");
const readmeStart = "<!-- bench:start -->";
const readmeEnd = "<!-- bench:end -->";

function latestResults(): BenchResults {
  const files = readdirSync(resultsDir)
    .filter((file) => /^\d{4}-\d{2}-\d{2}\.json$/.test(file))
    .sort();
  if (files.length === 0) throw new Error(`no results in ${resultsDir}: run npm run bench first`);
  return JSON.parse(readFileSync(join(resultsDir, files.at(-1)!), "utf8")) as BenchResults;
}

function writeReadme(results: BenchResults): void {
  const readme = readFileSync(readmePath, "utf8");
  const from = readme.indexOf(readmeStart);
  const to = readme.indexOf(readmeEnd);
  if (from < 0 || to < from) throw new Error(`README.md has no ${readmeStart} … ${readmeEnd} block`);
  writeFileSync(
    readmePath,
    `${readme.slice(0, from + readmeStart.length)}\n${markdownTable(results)}\n${readme.slice(to)}`,
  );
  // The linter checks the README's format in npm test: align the new table the way it wants.
  spawnSync(join(projectRoot, "node_modules/.bin/biome"), ["format", "--write", readmePath], {
    stdio: "ignore",
  });
}

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: process.env.BENCH_QUICK === "1" },
    only: { type: "string" },
    markdown: { type: "boolean", default: false },
    readme: { type: "boolean", default: false },
  },
});

if (args.markdown || args.readme) {
  const results = latestResults();
  if (args.markdown) console.log(markdownTable(results));
  if (args.readme) writeReadme(results);
  process.exit(0);
}

const selected = args.only ? args.only.split(",").map((name) => name.trim()) : modules.map((m) => m.name);
const unknown = selected.filter((name) => !modules.some((m) => m.name === name));
if (unknown.length > 0) throw new Error(`unknown bench module(s): ${unknown.join(", ")}`);
const quick = args.quick;
const complete = !quick && !args.only;

let stopped = false;
// The stream poller may still report a checkpoint it could not write once the stack is gone.
const log = (line: string) => void (stopped || process.stderr.write(`[bench] ${line}\n`));
const startedAt = new Date();
const started = performance.now();
const loadStart = loadavg();

// 20 consultants: the availability job's figure is "20 consultants × 56 days".
const consultants: BenchCalendar[] = Array.from({ length: 20 }, (_, index) => ({
  name: `Bench Berater ${index + 1}`,
  calendarId: `bench-${index + 1}@bench.local`,
}));
const agent = { username: "bench", password: "bench-password-1" };
process.env.CONSULTANTS = consultants.map((c) => `${c.name}:${c.calendarId}`).join(",");
process.env.BOOTSTRAP_USERS = `${agent.username}:${agent.password}:agent`;
process.env.POWERTOOLS_LOG_LEVEL = "SILENT";
process.env.POWERTOOLS_METRICS_DISABLED = "true";

const tmpDir = mkdtempSync(join(tmpdir(), "slot-booking-bench-"));
const siteDir = resolve(projectRoot, "frontend/dist");
log(`starting the local stack (${quick ? "quick sizes" : "full sizes"})`);
const stack = await startLocalStack({
  dataDir: join(tmpDir, "stack"),
  port: 0,
  siteDir,
  demoData: false,
  log: (line) => log(`stack: ${line}`),
});

const rows: SummarisedRow[] = [];
const errors: BenchResults["errors"] = [];
const pending = new Set(selected);

let finishing: Promise<void> | undefined;
/** Stops the stack and reports what was measured; a module still running (interrupted) is listed as failed. */
function finish(interrupted: string | undefined): Promise<void> {
  finishing ??= (async () => {
    await stack.stop().catch((error: unknown) => log(`stopping the stack: ${String(error)}`));
    stopped = true;
    rmSync(tmpDir, { recursive: true, force: true });
    for (const name of pending) errors.push({ module: name, message: `not finished: ${interrupted}` });
    report();
    process.exitCode = errors.length > 0 ? 1 : 0;
  })();
  return finishing;
}
// `timeout` (SIGTERM) or Ctrl-C: no DynamoDB Local JVM left behind, and what was measured is kept.
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping`);
    void finish(`interrupted (${signal})`).then(() => process.exit(1));
  });
}

try {
  // Every consultant offers the whole working day, with one customer appointment a day that blocks one slot.
  const horizonDays = quick ? 14 : 56;
  await saveSlotTemplate({ ...defaultSlotTemplate, horizonDays });
  const template = { ...defaultSlotTemplate, horizonDays };
  const slots = generateSlots(template, localDate(new Date(), template.timeZone), horizonDays);
  const days = [...new Set(slots.map((slot) => slot.date))];
  for (const [consultantIndex, consultant] of consultants.entries()) {
    for (const [index, day] of days.entries()) {
      const daySlots = slots.filter((slot) => slot.date === day);
      stack.calendar!.seedEvent(consultant.calendarId, {
        summary: "T1-bereit",
        start: { dateTime: daySlots[0]!.start },
        end: { dateTime: daySlots.at(-1)!.end },
      });
      const blocked = daySlots[(index + consultantIndex) % daySlots.length]!;
      stack.calendar!.seedEvent(consultant.calendarId, {
        summary: "Kundentermin",
        start: { dateTime: blocked.start },
        end: { dateTime: blocked.end },
      });
    }
  }

  const filled = await generateAvailability();
  log(`availability: ${filled.slots} slots, ${filled.changedSlots} written in ${filled.durationMs} ms`);

  const signIn = async (username = agent.username, password = agent.password): Promise<ApiSession> => {
    const response = await fetch(`${stack.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password }),
    });
    if (!response.ok) throw new Error(`sign-in of ${username}: ${response.status} ${await response.text()}`);
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    const cookie = response.headers
      .getSetCookie()
      .map((header) => header.split(";")[0]!)
      .join("; ");
    return { cookie, csrfToken };
  };

  const ctx: BenchContext = {
    stack,
    quick,
    runs: quick ? 2 : 5,
    consultants,
    agent,
    tmpDir,
    siteDir,
    signIn,
    log,
  };
  for (const module of modules.filter((m) => selected.includes(m.name))) {
    if (finishing) break;
    const moduleStarted = performance.now();
    log(`${module.name} …`);
    try {
      // Whatever the previous module left for the events handler is done before this one measures.
      await stack.drainStream();
      const moduleRows = await module.run(ctx);
      if (finishing) break;
      rows.push(...moduleRows.map((row) => summarise(module.name, row)));
      log(`${module.name} done in ${((performance.now() - moduleStarted) / 1000).toFixed(0)} s`);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      log(`${module.name} FAILED: ${message}`);
      errors.push({ module: module.name, message: message.split("\n")[0]! });
    }
    pending.delete(module.name);
  }
} catch (error) {
  log(`setup FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  errors.push({ module: "setup", message: String(error) });
}
await finish("the run ended before it");

function report(): void {
  const cpuList = cpus();
  const results: BenchResults = {
    date: startedAt.toISOString().slice(0, 10),
    startedAt: startedAt.toISOString(),
    durationSeconds: Math.round((performance.now() - started) / 1000),
    quick,
    machine: {
      cpu: cpuList[0]?.model.trim() ?? "unknown",
      cores: cpuList.length,
      ramGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      loadStart,
      loadEnd: loadavg(),
    },
    rows,
    errors,
  };

  console.log(`\nslot-booking bench · ${machineLine(results)}\n`);
  console.log(textTable(rows));
  for (const error of errors) console.log(`\n${error.module} FAILED: ${error.message}`);

  if (complete) {
    mkdirSync(resultsDir, { recursive: true });
    const file = join(resultsDir, `${results.date}.json`);
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    writeReadme(results);
    console.log(`\nwritten: ${file} and README.md (Benchmarks)`);
  } else {
    const file = join(projectRoot, "test-results", "bench-partial.json");
    mkdirSync(join(projectRoot, "test-results"), { recursive: true });
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\n(${quick ? "quick" : "partial"} run: ${file}; bench-results/ and README untouched)`);
  }
}
