import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";

/**
 * `npm run import -- <file.csv|file.json>`: imports history into a running
 * app (local or deployed) through its API, as an admin would on the Import
 * page, and prints the validation report. Large CSV files go in parts of
 * 5,000 rows; row numbers in the report stay those of the file.
 *
 * IMPORT_URL (default http://localhost:$PORT or :3000), IMPORT_USER and
 * IMPORT_PASSWORD (default the demo admin).
 */
const file = process.argv[2];
if (!file) {
  console.error("Usage: npm run import -- <file.csv|file.json>");
  process.exit(2);
}
const url = (process.env.IMPORT_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
const username = process.env.IMPORT_USER ?? "admin";
const password = process.env.IMPORT_PASSWORD ?? "admin-demo-2026";
const format = extname(file).toLowerCase() === ".json" ? "json" : "csv";
const content = readFileSync(file, "utf8");

const login = await fetch(`${url}/api/auth/login`, {
  method: "POST",
  headers: { "content-type": "application/json", origin: url },
  body: JSON.stringify({ username, password }),
});
if (!login.ok) {
  console.error(`Sign-in as ${username} failed: HTTP ${login.status}`);
  process.exit(1);
}
const { csrfToken } = (await login.json()) as { csrfToken: string };
const cookie = login.headers
  .getSetCookie()
  .map((value) => value.split(";")[0])
  .join("; ");

/** CSV parts of at most `size` lines after the header (a quoted field with a line break stays in one part only if it is short: history files have none). */
function parts(size = 5_000): { content: string; rowOffset: number }[] {
  if (format === "json") return [{ content, rowOffset: 0 }];
  const lines = content.split(/\r?\n/);
  const [header = "", ...rows] = lines;
  const result: { content: string; rowOffset: number }[] = [];
  for (let start = 0; start < rows.length; start += size)
    result.push({ content: [header, ...rows.slice(start, start + size)].join("\n"), rowOffset: start });
  return result.length > 0 ? result : [{ content, rowOffset: 0 }];
}

let imported = 0;
let rows = 0;
const rejected: { row: number; field: string; reason: string }[] = [];
for (const part of parts()) {
  const response = await fetch(`${url}/api/admin/imports`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken, origin: url },
    body: JSON.stringify({
      format,
      content: part.content,
      fileName: basename(file),
      rowOffset: part.rowOffset,
    }),
  });
  const body = (await response.json()) as {
    kind?: string;
    rows: number;
    imported: number;
    rejected: typeof rejected;
    error?: { message: string };
  };
  if (!response.ok) {
    console.error(`Import failed: ${body.error?.message ?? `HTTP ${response.status}`}`);
    process.exit(1);
  }
  imported += body.imported;
  rows += body.rows;
  rejected.push(...body.rejected);
  console.log(`${body.kind}: ${body.imported} of ${body.rows} rows imported`);
}
console.log(`\n${basename(file)}: ${rows} rows, ${imported} imported, ${rejected.length} rejected`);
// Each reason already names its field ("date: …").
for (const rejection of rejected) console.log(`  row ${rejection.row} · ${rejection.reason}`);
process.exit(rejected.length > 0 ? 1 : 0);
