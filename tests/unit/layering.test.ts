import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * The layering rules live in biome.json (noRestrictedImports per folder), so
 * `npm run lint` — the first step of `npm test` — fails on a violation. This
 * proves the rules bite: the project's own config, applied to files that
 * break them, in a scratch project.
 */
const scratch = mkdtempSync(join(tmpdir(), "layering-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const { vcs: _vcs, $schema: _schema, ...config } = JSON.parse(readFileSync("biome.json", "utf8"));
writeFileSync(join(scratch, "biome.json"), JSON.stringify(config));
const biome = resolve("node_modules/.bin/biome");

/** The imports Biome refuses in a file at `path` (line numbers, 1-based). */
function refusedLines(path: string, imports: string[]): number[] {
  const file = join(scratch, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    `${imports.map((source, index) => `export { x${index} } from "${source}";`).join("\n")}\n`,
  );
  const result = spawnSync(biome, ["lint", "--reporter=json", "--max-diagnostics=100", path], {
    cwd: scratch,
    encoding: "utf8",
  });
  const report = JSON.parse(result.stdout) as {
    diagnostics: { category: string; location: { start?: { line: number } } }[];
  };
  return report.diagnostics
    .filter((diagnostic) => diagnostic.category === "lint/style/noRestrictedImports")
    .map((diagnostic) => diagnostic.location.start!.line)
    .sort((a, b) => a - b);
}

describe("layering (biome.json)", () => {
  it("shared/domain imports no AWS SDK, data, http or auth module", () => {
    expect(
      refusedLines("shared/domain/booking/probe.ts", [
        "../../data/clients.ts",
        "@aws-sdk/lib-dynamodb",
        "../../auth/secrets.ts",
        "../../http/errors.ts",
        "../auth/password.ts", // shared/domain/auth: domain itself
        "./slot-template.ts",
        "luxon",
      ]),
    ).toEqual([1, 2, 3, 4]);
  });

  it("shared/ imports nothing from functions/ or local/", () => {
    expect(refusedLines("shared/probe.ts", ["../functions/admin/jobs.ts", "./config.ts"])).toEqual([1]);
    expect(refusedLines("shared/calendar/probe.ts", ["../../local/ports.ts", "../config.ts"])).toEqual([1]);
  });

  it("a feature folder imports no other feature folder (shared/ and its own files are fine)", () => {
    expect(
      refusedLines("functions/admin/probe.ts", [
        "../booking/handler.ts",
        "../events/handler.ts",
        "../../shared/config.ts",
        "./jobs.ts",
        "../../local/ports.ts",
      ]),
    ).toEqual([1, 2, 5]);
  });
});
