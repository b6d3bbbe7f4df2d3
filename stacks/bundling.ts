import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { type BuildOptions, buildSync, type Metafile } from "esbuild";
import { buildOpenApiDocument } from "../shared/http/openapi.ts";
import { features } from "../shared/http/route-types.ts";
import { scheduledJobs } from "../shared/schedules.ts";
import { type LambdaSpec, projectRoot } from "./functions.ts";

/**
 * The one description of how a function is bundled. The stacks bundle with
 * `bundleFunction` (stacks/app-function.ts), whose sizes the synth's infra
 * test (`tests/infra/app.test.ts`) asserts; `tests/bench/bundles.ts` makes the
 * same esbuild call, so the init times it prints are the deployed ones.
 *
 * The AWS SDK v3 is bundled rather than taken from the Lambda runtime: the
 * versions we test are the versions we run, tree-shaking keeps only the
 * clients a function uses, and the bench measured bundled clients to load
 * faster than the runtime's copies spread over many files (see README).
 *
 * ESM with code splitting: what a function needs only on some paths (the PDF
 * renderer, the Google Calendar client, Secrets Manager, the X-Ray SDK) is
 * loaded with `import()` from a chunk of its own, so a cold start reads and
 * compiles only the code every request needs.
 */
export const bundleSettings = {
  target: "node24",
  minify: true,
  /**
   * Maps ship in the zip (`index.mjs.map`, `chunks/*.map`) but the functions
   * run without `--enable-source-maps`: Node parses a module's map when the
   * module loads, which the bench measured as a large share of a cold start.
   * A stack trace from the logs maps back with the shipped map (README).
   */
  sourceMap: true,
  /** Stack traces map to file and line; the sources themselves stay out of the zip. */
  sourcesContent: false,
  mainFields: ["module", "main"],
  externalModules: [] as string[],
  /** ESM bundles still meet CommonJS dependencies that call require(). */
  banner:
    "import { createRequire as __createRequire } from 'module'; const require = __createRequire(import.meta.url);",
  /**
   * On Lambda the runtime always hands the function its role's credentials in
   * environment variables, so the SDK's default provider chain (profiles, SSO,
   * web identity, their STS/SSO clients: ~130 KB) is replaced by the
   * environment provider. Only bundles see this; the local platform and tests
   * run the sources with the full chain.
   */
  alias: { "@aws-sdk/credential-provider-node": "./stacks/runtime/lambda-credentials.ts" },
  /** Node options the deployed functions run with (stacks/app-function.ts). */
  nodeOptions: "" as string,
} as const;

/** The esbuild call for one function: `outfile` is its entry module; chunks go beside it under `chunks/`. */
export function esbuildOptions(
  entry: string,
  outfile: string,
  overrides: { externalModules?: readonly string[] } = {},
): BuildOptions & { metafile: true } {
  // A feature's handler keeps only its own routes (shared/http/feature-routes.ts), a job only its own
  // preparation (shared/jobs/job-handler.ts): code the others need is folded away.
  const feature = features.find((name) => entry.endsWith(`functions/${name}/handler.ts`));
  const job = scheduledJobs.find((candidate) => entry.endsWith(candidate.module))?.name;
  const define: Record<string, string> = {
    ...(feature ? { "process.env.BUNDLED_FEATURE": JSON.stringify(feature) } : {}),
    ...(job ? { "process.env.BUNDLED_JOB": JSON.stringify(job) } : {}),
  };
  return {
    entryPoints: [entry],
    outdir: dirname(outfile),
    entryNames: basename(outfile).replace(/\.mjs$/, ""),
    chunkNames: "chunks/[name]-[hash]",
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: bundleSettings.target,
    minify: bundleSettings.minify,
    sourcemap: bundleSettings.sourceMap,
    sourcesContent: bundleSettings.sourcesContent,
    mainFields: [...bundleSettings.mainFields],
    external: [...(overrides.externalModules ?? bundleSettings.externalModules)],
    alias: Object.fromEntries(
      Object.entries(bundleSettings.alias).map(([name, path]) => [name, join(projectRoot, path)]),
    ),
    banner: { js: bundleSettings.banner },
    define,
    absWorkingDir: projectRoot,
    metafile: true,
    logLevel: "error",
  };
}

/** The functions that render PDFs (and so need pdfkit's fonts beside the bundle). */
export const rendersPdf: ReadonlySet<string> = new Set(["export-worker", "reports", "weekly-report"]);

/**
 * pdfkit loads its standard fonts at run time through its package's `imports`
 * map (`#standard-fonts/*`), which esbuild cannot follow: the fonts are copied
 * next to the bundle with a package.json that maps them the same way.
 */
function addPdfFonts(outdir: string): void {
  cpSync(join(projectRoot, "node_modules/pdfkit/js/standard-fonts"), join(outdir, "standard-fonts"), {
    recursive: true,
  });
  writeFileSync(
    join(outdir, "package.json"),
    JSON.stringify({ type: "module", imports: { "#standard-fonts/*": "./standard-fonts/*.cjs" } }),
  );
}

/**
 * The system function serves the OpenAPI document from this file (its version
 * set at run time) instead of loading every feature's routes and schemas to
 * build it (functions/system/handler.ts).
 */
function addOpenApiDocument(outdir: string): void {
  writeFileSync(join(outdir, "openapi.json"), JSON.stringify(buildOpenApiDocument("")));
}

export interface BundleSizes {
  /** JavaScript a cold start loads: the entry and every chunk it imports statically, in bytes. */
  initial: number;
  /** Every JavaScript file of the bundle (lazily loaded chunks included), in bytes. */
  total: number;
  /** Each lazily loaded chunk with the bytes it adds when a path first imports it. */
  lazy: { file: string; bytes: number }[];
  /** The source modules (paths relative to the project) whose code a cold start loads. */
  initialModules: string[];
}

/** Sizes of one build's JavaScript (source maps and fonts not counted) from esbuild's metafile. */
export function bundleSizes(metafile: Metafile, entryOutfile: string): BundleSizes {
  const outputs = new Map(Object.entries(metafile.outputs).filter(([file]) => file.endsWith(".mjs")));
  const entry = relative(projectRoot, entryOutfile);
  const initialFiles = new Set<string>();
  const visit = (file: string) => {
    if (initialFiles.has(file)) return;
    initialFiles.add(file);
    for (const imported of outputs.get(file)?.imports ?? []) {
      if (imported.kind === "import-statement" && outputs.has(imported.path)) visit(imported.path);
    }
  };
  visit(entry);
  if (!outputs.has(entry)) throw new Error(`${entry} is not an output of this build`);
  let initial = 0;
  let total = 0;
  const lazy: BundleSizes["lazy"] = [];
  const initialModules = new Set<string>();
  for (const [file, output] of outputs) {
    total += output.bytes;
    if (initialFiles.has(file)) {
      initial += output.bytes;
      for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
        if (bytesInOutput > 0) initialModules.add(input);
      }
    } else lazy.push({ file: relative(dirname(entry), file), bytes: output.bytes });
  }
  return {
    initial,
    total,
    lazy: lazy.sort((a, b) => b.bytes - a.bytes),
    initialModules: [...initialModules],
  };
}

/**
 * Bundles one function into `outdir` (emptied first) as it is deployed:
 * `index.mjs` (handler `index.handler`), its chunks and, for PDF renderers,
 * pdfkit's fonts.
 */
export function bundleFunction(spec: LambdaSpec, outdir: string): BundleSizes {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, "index.mjs");
  const result = buildSync(esbuildOptions(join(projectRoot, spec.entry), outfile));
  if (rendersPdf.has(spec.name)) addPdfFonts(outdir);
  if (spec.kind === "feature" && spec.name === "system") addOpenApiDocument(outdir);
  const sizes = bundleSizes(result.metafile, outfile);
  bundledSizes.set(spec.name, sizes);
  return sizes;
}

/** What each function bundled in this process weighs: the synth's infra test asserts the budget on it. */
export const bundledSizes = new Map<string, BundleSizes>();
