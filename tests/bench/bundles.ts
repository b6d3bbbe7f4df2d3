/**
 * `node tests/bench/bundles.ts`: bundles every Lambda handler exactly as the
 * CDK stack does (same esbuild options) and prints its size and the time a
 * fresh Node 24 process needs to import it (median of 5 cold imports).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { features } from "../../shared/http/route-types.ts";
import { scheduledJobs } from "../../shared/schedules.ts";
import { bundlingOptions } from "../../stacks/bundling.ts";

const entries = [
  ...features.map((feature) => ({ name: feature, entry: `functions/${feature}/handler.ts` })),
  { name: "events", entry: "functions/events/handler.ts" },
  ...scheduledJobs.map((job) => ({ name: job.name, entry: job.module })),
];
const runs = 5;
const outDir = mkdtempSync(join(tmpdir(), "bundles-"));
const rows = [];

for (const { name, entry } of entries) {
  const outfile = join(outDir, `${name}.mjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    minify: bundlingOptions.minify ?? false,
    target: bundlingOptions.target ?? "node24",
    mainFields: bundlingOptions.mainFields ?? ["module", "main"],
    banner: { js: bundlingOptions.banner ?? "" },
    logLevel: "error",
  });
  // Import only, as a Lambda init does; the environment a deployed function has, minus AWS.
  const probe = join(outDir, `${name}-probe.mjs`);
  writeFileSync(
    probe,
    `const t0 = performance.now(); await import(${JSON.stringify(outfile)}); console.log(performance.now() - t0);`,
  );
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const result = spawnSync(process.execPath, [probe], {
      env: {
        ...process.env,
        TABLE_NAME: "bench",
        AWS_REGION: "eu-central-1",
        POWERTOOLS_LOG_LEVEL: "SILENT",
      },
      encoding: "utf8",
    });
    times.push(Number(result.stdout.trim()));
  }
  times.sort((a, b) => a - b);
  rows.push({
    function: name,
    "minified KB": Math.round(statSync(outfile).size / 1024),
    "init ms (median)": Number(times[Math.floor(runs / 2)]!.toFixed(1)),
  });
}
rmSync(outDir, { recursive: true, force: true });
console.log(`Lambda bundles (esbuild ESM, minified, AWS SDK bundled) · Node ${process.version}`);
console.table(rows);
