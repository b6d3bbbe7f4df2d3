/**
 * One export worker run in its own process (as on Lambda), for the bench:
 * `node tests/bench/export-worker-run.ts <from> <to>` with the stack's
 * endpoints and the bookings' table (TABLE_NAME) in the environment. Queues a
 * CSV export of the bookings from..to (one PutItem, nothing against the peak)
 * and runs the worker on it. Prints the result and the process's peak RSS
 * (what Lambda bills and limits) as one JSON line.
 */
import { randomUUID } from "node:crypto";
import { runExport } from "../../functions/exports/run-export.ts";
import { createExport } from "../../shared/data/exports-repository.ts";
import { exportObjectKey } from "../../shared/storage/exports-bucket.ts";

const [from, to] = process.argv.slice(2);
if (!from || !to) throw new Error("usage: export-worker-run.ts <from> <to>");
const id = randomUUID().replaceAll("-", "");
await createExport({
  id,
  dataset: "bookings",
  format: "csv",
  from,
  to,
  delimiter: ";",
  filters: {},
  createdBy: "bench",
  createdAt: new Date().toISOString(),
  key: exportObjectKey(id, "bench.csv"),
  fileName: "bench.csv",
});
const started = performance.now();
const result = await runExport(id);
const seconds = (performance.now() - started) / 1000;
// maxRSS is in KiB: the true peak of this process, not a sample.
const peakRssBytes = process.resourceUsage().maxRSS * 1024;
console.log(JSON.stringify({ ...result, seconds, peakRssBytes }));
