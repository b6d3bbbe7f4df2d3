/**
 * One export worker run in its own process (as on Lambda), for the bench:
 * `node tests/bench/export-worker-run.ts <exportId>` with the stack's
 * endpoints in the environment. Prints the result and the process's peak RSS
 * (what Lambda bills and limits) as one JSON line.
 */
import { runExport } from "../../functions/exports/run-export.ts";

const id = process.argv[2];
if (!id) throw new Error("usage: export-worker-run.ts <exportId>");
const started = performance.now();
const result = await runExport(id);
const seconds = (performance.now() - started) / 1000;
// maxRSS is in KiB: the true peak of this process, not a sample.
const peakRssBytes = process.resourceUsage().maxRSS * 1024;
console.log(JSON.stringify({ ...result, seconds, peakRssBytes }));
