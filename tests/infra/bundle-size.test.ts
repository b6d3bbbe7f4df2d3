import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "../../shared/http/openapi.ts";
import { type BundleSizes, bundleFunction, bundleSizes, esbuildOptions } from "../../stacks/bundling.ts";
import { type LambdaSpec, lambdaSpecs, projectRoot } from "../../stacks/functions.ts";

// Sizes only (times belong to the bench). Every function is bundled with the stacks' esbuild
// options, all at once, without writing files; each assertion reads the shared results.

/** The budget of the JavaScript a cold start loads: the entry and the chunks it imports statically. */
const maxInitialBytes = 700 * 1024;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const sizes = new Map<string, BundleSizes>();

beforeAll(async () => {
  await Promise.all(
    lambdaSpecs.map(async (spec) => {
      // Outputs are named as deployed (never written): chunks resolve beside the entry.
      const outfile = join(projectRoot, "cdk.out", "bundle-size", spec.name, "index.mjs");
      const result = await build({ ...esbuildOptions(join(projectRoot, spec.entry), outfile), write: false });
      sizes.set(spec.name, bundleSizes(result.metafile, outfile));
    }),
  );
}, 300_000);

const sizesOf = (spec: LambdaSpec): BundleSizes => {
  const found = sizes.get(spec.name);
  if (!found) throw new Error(`${spec.name} was not bundled`);
  return found;
};
const loadsAtStart = (spec: LambdaSpec, pkg: string) =>
  sizesOf(spec).initialModules.some((module) => module.includes(`node_modules/${pkg}/`));

describe("Lambda bundles", () => {
  it.each(lambdaSpecs.map((spec) => [`${spec.kind} ${spec.name}`, spec] as const))(
    "%s loads at most 700 KB of JavaScript at a cold start",
    (_name, spec) => {
      const { initial, total, lazy } = sizesOf(spec);
      const lazyChunks = lazy.map((chunk) => `${chunk.file} ${kb(chunk.bytes)}`).join(", ");
      expect(
        initial,
        `${spec.name}: ${kb(initial)} at start, ${kb(total)} in all (lazy: ${lazyChunks})`,
      ).toBeLessThanOrEqual(maxInitialBytes);
    },
  );

  it("keeps the heavy, path-specific libraries out of every cold start", () => {
    for (const spec of lambdaSpecs) {
      // The PDF renderer, Google's client, the X-Ray SDK and the SDK's non-Lambda credential sources.
      for (const pkg of [
        "pdfkit",
        "fontkit",
        "googleapis-common",
        "google-auth-library",
        "aws-xray-sdk-core",
      ]) {
        expect(loadsAtStart(spec, pkg), `${spec.name} loads ${pkg} at start`).toBe(false);
      }
      expect(loadsAtStart(spec, "@aws-sdk/credential-provider-node"), spec.name).toBe(false);
    }
  });

  it("gives a feature's function only its own routes' schemas", () => {
    const booking = lambdaSpecs.find((spec) => spec.name === "booking");
    if (!booking) throw new Error("no booking function");
    const modules = sizesOf(booking).initialModules;
    expect(modules).toContain("shared/http/routes.ts");
    for (const other of ["routes-analytics.ts", "routes-shop.ts", "routes-admin.ts", "routes-auth.ts"]) {
      expect(
        modules.some((module) => module.endsWith(other)),
        other,
      ).toBe(false);
    }
  });
});

describe("what is bundled beside the code", () => {
  let outdir: string;
  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), "bundle-size-"));
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it("the system function ships the OpenAPI document generated from the route table", () => {
    const system = lambdaSpecs.find((spec) => spec.name === "system");
    if (!system) throw new Error("no system function");
    bundleFunction(system, join(outdir, "system"));
    expect(existsSync(join(outdir, "system", "index.mjs"))).toBe(true);
    const shipped = JSON.parse(readFileSync(join(outdir, "system", "openapi.json"), "utf8"));
    expect(shipped).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument(""))));
  });
});
