/**
 * `node tests/bench/bundles.ts`: bundles every Lambda exactly as the stacks do
 * (stacks/bundling.ts), prints each bundle's minified size and its init time
 * (median of 5 imports, each in a fresh Node process with the deployed
 * NODE_OPTIONS), once with the AWS SDK bundled (what we deploy) and once with
 * `@aws-sdk/*` and `@smithy/*` left to the runtime (resolved from node_modules
 * here, as the Lambda runtime would from its own copy).
 * Numbers only; nothing here passes or fails.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { bundleSettings, esbuildOptions } from "../../stacks/bundling.ts";
import { lambdaSpecs, projectRoot } from "../../stacks/functions.ts";

const runs = 5;
// Inside the project, so that externalised packages resolve from its node_modules.
const outRoot = join(projectRoot, "cdk.out", "bench-bundles");

const variants = [
  { name: "deployed", label: `SDK ${bundleSettings.externalModules.length ? "external" : "bundled"}` },
  { name: "sdk-external", label: "SDK from runtime", externalModules: ["@aws-sdk/*", "@smithy/*"] },
] as const;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

/** Import time of one bundle in a fresh process, as Lambda's init phase would pay it. */
function initTime(file: string, serviceName: string): number {
  const script = `const t0 = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(performance.now() - t0);`;
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8",
    env: {
      PATH: process.env.PATH,
      NODE_OPTIONS: "--enable-source-maps",
      AWS_REGION: "eu-central-1",
      POWERTOOLS_SERVICE_NAME: serviceName,
      POWERTOOLS_METRICS_NAMESPACE: "SlotBooking",
      POWERTOOLS_LOG_LEVEL: "SILENT",
      TABLE_NAME: "bench",
      EXPORT_BUCKET: "bench",
    },
  });
  if (result.status !== 0) throw new Error(`importing ${file} failed:\n${result.stderr}`);
  return Number(result.stdout.trim().split("\n").at(-1));
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
rmSync(outRoot, { recursive: true, force: true });

type Row = { fn: string; sizes: string[]; inits: string[] };
const rows: Row[] = [];
for (const spec of lambdaSpecs) {
  const row: Row = { fn: `${spec.kind}:${spec.name}`, sizes: [], inits: [] };
  for (const variant of variants) {
    const dir = join(outRoot, variant.name, spec.name);
    mkdirSync(dir, { recursive: true });
    const outfile = join(dir, "index.mjs");
    const externalModules = "externalModules" in variant ? variant.externalModules : undefined;
    await build(esbuildOptions(join(projectRoot, spec.entry), outfile, { externalModules }));
    const times = Array.from({ length: runs }, () => initTime(outfile, `slot-booking-${spec.name}`));
    row.sizes.push(`${kb(statSync(outfile).size)} KB`);
    row.inits.push(`${median(times).toFixed(0)} ms`);
  }
  rows.push(row);
  process.stdout.write(".");
}
process.stdout.write("\n");

const header = ["function", ...variants.flatMap((v) => [`${v.label} size`, `${v.label} init`])];
const table = [
  header,
  ...rows.map((row) => [row.fn, ...row.sizes.flatMap((size, i) => [size, row.inits[i]!])]),
];
const widths = header.map((_, column) => Math.max(...table.map((line) => line[column]!.length)));
console.log(`bundles · Node ${process.version} · ${process.arch} · init = median of ${runs} fresh imports`);
for (const [index, line] of table.entries()) {
  console.log(
    line
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join("  "),
  );
  if (index === 0) console.log(widths.map((width) => "-".repeat(width)).join("  "));
}
