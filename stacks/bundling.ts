import { type BundlingOptions, LogLevel, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import type { BuildOptions } from "esbuild";
import { projectRoot } from "./functions.ts";

/**
 * The one description of how a function is bundled. The stacks turn it into
 * NodejsFunction `bundling` options; `tests/bench/bundles.ts` turns it into
 * the same esbuild call, so the sizes and init times it prints are the
 * deployed ones.
 *
 * The AWS SDK v3 is bundled rather than taken from the Lambda runtime: the
 * versions we test are the versions we run, tree-shaking keeps only the
 * clients a function uses, and the bench measured bundled clients to load
 * faster than the runtime's copies spread over many files (see README).
 */
export const bundleSettings = {
  target: "node24",
  minify: true,
  sourceMap: true,
  /** Stack traces map to file and line; the sources themselves stay out of the zip. */
  sourcesContent: false,
  mainFields: ["module", "main"],
  externalModules: [] as string[],
  /** ESM bundles still meet CommonJS dependencies that call require(). */
  banner:
    "import { createRequire as __createRequire } from 'module'; const require = __createRequire(import.meta.url);",
} as const;

export const bundlingOptions: BundlingOptions = {
  format: OutputFormat.ESM,
  target: bundleSettings.target,
  minify: bundleSettings.minify,
  sourceMap: bundleSettings.sourceMap,
  sourcesContent: bundleSettings.sourcesContent,
  mainFields: [...bundleSettings.mainFields],
  externalModules: [...bundleSettings.externalModules],
  banner: bundleSettings.banner,
  // esbuild is a dev dependency: synth bundles locally and offline, never in Docker.
  forceDockerBundling: false,
  logLevel: LogLevel.ERROR,
};

/** The esbuild call NodejsFunction makes for these options (its `--bundle … --platform=node …` arguments). */
export function esbuildOptions(
  entry: string,
  outfile: string,
  overrides: { externalModules?: readonly string[] } = {},
): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: bundleSettings.target,
    minify: bundleSettings.minify,
    sourcemap: bundleSettings.sourceMap,
    sourcesContent: bundleSettings.sourcesContent,
    mainFields: [...bundleSettings.mainFields],
    external: [...(overrides.externalModules ?? bundleSettings.externalModules)],
    banner: { js: bundleSettings.banner },
    logLevel: "error",
  };
}

/**
 * pdfkit loads its standard fonts at run time through its package's `imports`
 * map (`#standard-fonts/*`), which esbuild cannot follow: the fonts are copied
 * next to the bundle with a package.json that maps them the same way.
 */
export const pdfkitBundling: BundlingOptions = {
  ...bundlingOptions,
  commandHooks: {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_inputDir: string, outputDir: string) => [
      `cp -R "${projectRoot}/node_modules/pdfkit/js/standard-fonts" "${outputDir}/standard-fonts"`,
      `printf '%s' '{"type":"module","imports":{"#standard-fonts/*":"./standard-fonts/*.cjs"}}' > "${outputDir}/package.json"`,
    ],
  },
};

/** The functions that render PDFs (and so need pdfkit's fonts beside the bundle). */
export const rendersPdf: ReadonlySet<string> = new Set(["export-worker", "reports", "weekly-report"]);
