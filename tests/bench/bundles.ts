/**
 * Every Lambda bundled exactly as the stacks bundle it (stacks/bundling.ts),
 * next to its floor bundle: a handler that holds just the AWS clients the
 * function's cold start loads (whose code is in its entry or static chunks),
 * built with the same esbuild settings. Size = the JS a cold start loads
 * (entry + static chunks, source maps not counted), and init = the import
 * of the bundle in a fresh Node process with the deployed NODE_OPTIONS,
 * function and floor measured alternately (which goes first alternates too) so that both see the same
 * machine. Init is reported as wall time and as the CPU time the process
 * spent on the import: on a shared, loaded machine the wall time also counts
 * waiting for a core, the CPU time does not.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { type BundleSizes, bundleSettings, bundleSizes, esbuildOptions } from "../../stacks/bundling.ts";
import { type LambdaSpec, lambdaSpecs, projectRoot } from "../../stacks/functions.ts";
import { type BenchContext, type BenchRow, repeat } from "./table.ts";

// Inside the project, so that the floor's packages resolve from its node_modules.
const outRoot = join(projectRoot, "cdk.out", "bench-bundles");

interface InitTime {
  /** Wall time of the import, ms. */
  wall: number;
  /** CPU time (user + system, all of the process's threads) spent during the import, ms. */
  cpu: number;
}

/** Import time of one bundle in a fresh process, as Lambda's init phase pays it. */
function initTime(file: string, serviceName: string): InitTime {
  const script = `const c0 = process.cpuUsage(); const t0 = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); const wall = performance.now() - t0; const c = process.cpuUsage(c0); console.log(JSON.stringify({ wall, cpu: (c.user + c.system) / 1000 }));`;
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8",
    env: {
      PATH: process.env.PATH,
      // As the stacks set it on every function.
      NODE_OPTIONS: bundleSettings.nodeOptions,
      AWS_REGION: "eu-central-1",
      POWERTOOLS_SERVICE_NAME: serviceName,
      POWERTOOLS_METRICS_NAMESPACE: "SlotBooking",
      POWERTOOLS_LOG_LEVEL: "SILENT",
      TABLE_NAME: "bench",
      EXPORT_BUCKET: "bench",
    },
  });
  if (result.status !== 0) throw new Error(`importing ${file} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "") as InitTime;
}

/**
 * The AWS SDK client packages whose code the cold start loads. Not what our
 * sources import: a module that imports a client it does not use here (the
 * shared clients module imports S3 for every function) is tree-shaken, and a
 * client only a lazily imported path uses is not loaded at init.
 */
const clientPackage = /node_modules\/@aws-sdk\/(client-[a-z0-9-]+|lib-dynamodb)\//;

async function bundle(entry: string, outfile: string): Promise<{ sizes: BundleSizes; clients: string[] }> {
  const result = await build(esbuildOptions(entry, outfile));
  const sizes = bundleSizes(result.metafile, outfile);
  const clients = new Set<string>();
  for (const input of sizes.initialModules) {
    const name = clientPackage.exec(input)?.[1];
    if (name) clients.add(`@aws-sdk/${name}`);
  }
  return { sizes, clients: [...clients].sort() };
}

/** A handler that constructs the given clients (the document client wraps the DynamoDB client). */
async function floorSource(clients: readonly string[]): Promise<string> {
  const lines: string[] = [];
  const made: string[] = [];
  for (const pkg of clients) {
    if (pkg === "@aws-sdk/lib-dynamodb") continue;
    const module = (await import(pkg)) as Record<string, unknown>;
    const name = Object.keys(module).find((key) => /^[A-Z][A-Za-z0-9]*Client$/.test(key));
    if (!name) throw new Error(`no client class in ${pkg}`);
    lines.push(`import { ${name} } from "${pkg}";`);
    made.push(`new ${name}({})`);
  }
  if (clients.includes("@aws-sdk/lib-dynamodb")) {
    if (!clients.includes("@aws-sdk/client-dynamodb")) {
      lines.push('import { DynamoDBClient } from "@aws-sdk/client-dynamodb";');
    }
    lines.push('import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";');
    made.push("DynamoDBDocumentClient.from(new DynamoDBClient({}))");
  }
  return `${lines.join("\n")}\nconst clients = [${made.join(", ")}];\nexport const handler = async () => clients.length;\n`;
}

const label = (spec: LambdaSpec) => (spec.kind === "job" ? `job ${spec.name}` : spec.name);
const shortNames = (clients: readonly string[]) =>
  clients.length === 0 ? "no AWS client" : clients.map((pkg) => pkg.replace("@aws-sdk/", "")).join(" + ");

export async function benchBundles(ctx: BenchContext): Promise<BenchRow[]> {
  rmSync(outRoot, { recursive: true, force: true });
  // Quick: a few functions of each kind.
  const specs = ctx.quick
    ? lambdaSpecs.filter((spec) => ["booking", "system", "events", "export-worker"].includes(spec.name))
    : lambdaSpecs;
  // An import costs a fraction of a second: more runs than the bench's default steady the medians.
  const runs = ctx.quick ? ctx.runs : Math.max(ctx.runs, 9);
  const floors = new Map<string, { file: string; bytes: number }>();
  const rows: BenchRow[] = [];
  for (const spec of specs) {
    const dir = join(outRoot, "functions", spec.name);
    mkdirSync(dir, { recursive: true });
    const outfile = join(dir, "index.mjs");
    const built = await bundle(join(projectRoot, spec.entry), outfile);
    const floorKey = built.clients.join(",");
    let floor = floors.get(floorKey);
    if (!floor) {
      const floorDir = join(
        outRoot,
        "floors",
        createHash("sha1").update(floorKey).digest("hex").slice(0, 10),
      );
      mkdirSync(floorDir, { recursive: true });
      const entry = join(floorDir, "entry.mjs");
      writeFileSync(entry, await floorSource(built.clients));
      const file = join(floorDir, "index.mjs");
      floor = { file, bytes: (await bundle(entry, file)).sizes.initial };
      floors.set(floorKey, floor);
    }
    const service = `slot-booking-${spec.name}`;
    const inits = await repeat(runs, async (run) => {
      if (run % 2 === 0) {
        const fn = initTime(outfile, service);
        return { fn, floor: initTime(floor.file, service) };
      }
      const floorTime = initTime(floor.file, service);
      return { fn: initTime(outfile, service), floor: floorTime };
    });
    const floorName = `floor: ${shortNames(built.clients)}`;
    rows.push(
      {
        figure: `bundle ${label(spec)}: cold-start JS`,
        unit: "KB",
        samples: [built.sizes.initial / 1024],
        note: `${(built.sizes.total / 1024).toFixed(0)} KB with lazy chunks`,
        baseline: { name: floorName, samples: [floor.bytes / 1024] },
      },
      {
        figure: `bundle ${label(spec)}: init (import)`,
        unit: "ms",
        samples: inits.map((run) => run.fn.wall),
        baseline: { name: floorName, samples: inits.map((run) => run.floor.wall) },
      },
      {
        figure: `bundle ${label(spec)}: init (import), CPU time`,
        unit: "ms",
        samples: inits.map((run) => run.fn.cpu),
        baseline: { name: floorName, samples: inits.map((run) => run.floor.cpu) },
      },
    );
    ctx.log(`bundles: ${spec.name} ${(built.sizes.initial / 1024).toFixed(0)} KB`);
  }
  return rows;
}
