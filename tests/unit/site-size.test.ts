import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { initialJs, readSiteManifest, siteDist } from "../support/site-size.ts";

/** The site's initial JavaScript for the two pages a visit starts on: sizes, not times, are asserted. */
const budgetGzipBytes = 60 * 1024;

describe("site initial JavaScript", () => {
  it.each([
    ["booking page", "src/pages/Book.tsx"],
    ["login page", "src/pages/Login.tsx"],
  ])("the %s loads at most 60 KB gzip before it is usable", (_name, page) => {
    const size = initialJs(page);
    console.log(
      `${page}: ${(size.rawBytes / 1024).toFixed(1)} KB raw, ${(size.gzipBytes / 1024).toFixed(1)} KB gzip (${size.files.join(", ")})`,
    );
    expect(size.gzipBytes, size.files.join(", ")).toBeLessThanOrEqual(budgetGzipBytes);
  });

  it("keeps zod, the phone metadata and the message catalogue out of both start pages", () => {
    const manifest = readSiteManifest();
    for (const page of ["src/pages/Book.tsx", "src/pages/Login.tsx"]) {
      const code = initialJs(page, manifest)
        .files.map((file) => readFileSync(resolve(siteDist, file), "utf8"))
        .join("\n");
      // Marks of each: zod's error map, libphonenumber's metadata, a catalogue text.
      expect(code.includes("Invalid input: expected"), `${page}: zod`).toBe(false);
      expect(code.includes("country_calling_codes"), `${page}: phone metadata`).toBe(false);
      expect(code.includes("Dieser Idempotency-Key gehört"), `${page}: message catalogue`).toBe(false);
    }
  });
});
