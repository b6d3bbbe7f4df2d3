import { type BundlingOptions, LogLevel, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";

/**
 * How every function is bundled; the bundle benchmark uses the same options.
 * The AWS SDK v3 is bundled (not taken from the runtime) so the versions we
 * test are the versions we run, and tree-shaking keeps only the clients used.
 */
export const bundlingOptions: BundlingOptions = {
  format: OutputFormat.ESM,
  minify: true,
  sourceMap: true,
  target: "node24",
  mainFields: ["module", "main"],
  // ESM bundles still meet CommonJS dependencies that call require().
  banner:
    "import { createRequire as __createRequire } from 'module'; const require = __createRequire(import.meta.url);",
  forceDockerBundling: false,
  logLevel: LogLevel.ERROR,
};
