import { beforeAll, describe, expect, inject, it } from "vitest";
import { demoTotalsCsv } from "../../local/demo/imports.ts";
import type { Booking } from "../../shared/contracts/booking.ts";
import { isoDay } from "../support/booking.ts";
import { demoAdmin, demoAgent, signedIn, type TestClient } from "../support/http.ts";

let admin: TestClient;
let agent: TestClient;
let totals: typeof import("../../shared/data/analytics/imported-totals-repository.ts");

beforeAll(async () => {
  admin = await signedIn(demoAdmin);
  agent = await signedIn(demoAgent);
  process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
  process.env.S3_ENDPOINT = inject("s3Endpoint");
  totals = await import("../../shared/data/analytics/imported-totals-repository.ts");
});

interface Report {
  kind: string;
  rows: number;
  imported: number;
  rejected: { row: number; field: string; reasonId: string; reason: string }[];
}

const importFile = (content: string, format: "csv" | "json" = "csv", client = admin) =>
  client.request<Report>("POST", "/api/admin/imports", {
    body: { format, content, fileName: "history.csv" },
  });

describe("historical import", () => {
  it("imports the same 270-day daily totals file twice: the same state", async () => {
    const end = isoDay(-400);
    const file = demoTotalsCsv(end);
    const from = isoDay(-700);
    const first = await importFile(file);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ kind: "dailyTotals", rows: 270, imported: 270, rejected: [] });
    const after = await totals.listImportedDays(from, end);
    expect(after).toHaveLength(270);
    expect(after.some((day) => day.completed > 0 && day.no_show > 0)).toBe(true);

    const second = await importFile(file);
    expect(second.body).toMatchObject({ imported: 270, rejected: [] });
    expect(await totals.listImportedDays(from, end)).toEqual(after);

    const listed = await admin.request<{ imports: Report[] }>("GET", "/api/admin/imports");
    expect(listed.body.imports.length).toBeGreaterThanOrEqual(2);
    expect((await importFile(file, "csv", agent)).status).toBe(403);
  });

  it("reports exactly the 5 bad rows, each with its row, field and reason", async () => {
    const lines = demoTotalsCsv(isoDay(-380), 20).trim().split("\n");
    lines[3] = lines[3]!.replace(/^\d{4}-\d{2}-\d{2}/, "2026-02-30");
    lines[6] = lines[6]!.replace(/,(\d+),/, ",viele,");
    lines[9] = lines[9]!.replace(/,\d+$/, ",-3");
    lines[12] = `${isoDay(5)},48,1,1,1,1,1,1`;
    lines[15] = lines[14]!;
    const report = await importFile(lines.join("\n"));
    expect(report.status).toBe(200);
    expect(report.body.rows).toBe(20);
    expect(report.body.imported).toBe(15);
    expect(report.body.rejected.map(({ row, field, reasonId }) => ({ row, field, reasonId }))).toEqual([
      { row: 4, field: "date", reasonId: "import.date" },
      { row: 7, field: "slots", reasonId: "import.count" },
      { row: 10, field: "overhang", reasonId: "import.count" },
      { row: 13, field: "date", reasonId: "import.future" },
      { row: 16, field: "date", reasonId: "import.duplicateDate" },
    ]);
    for (const rejection of report.body.rejected) expect(rejection.reason).not.toBe(rejection.reasonId);
    const english = await admin.request<Report>("POST", "/api/admin/imports", {
      body: { format: "csv", content: lines.join("\n") },
      headers: { "accept-language": "en" },
    });
    expect(english.body.rejected[3]!.reason).toBe("date: lies in the future");
  });

  it("turns booking rows into past resolved bookings with their customers, once however often imported", async () => {
    const date = isoDay(-200);
    const rows = [
      {
        date,
        time: "09:00",
        customer: "Ida Importiert",
        phone: "0221 5550101",
        agent: "anna",
        consultant: "Anna Berger",
        potential: "top",
        outcome: "completed",
      },
      {
        date,
        time: "11:00",
        customer: "Ida Importiert",
        phone: "0221 5550101",
        agent: "anna",
        consultant: "",
        potential: "",
        outcome: "no_show",
      },
      {
        date,
        time: "14:00",
        customer: "Karl Import",
        phone: "+49 221 5550102",
        agent: "max",
        consultant: "",
        potential: "recall",
        outcome: "ghost",
      },
    ];
    for (let attempt = 0; attempt < 2; attempt++) {
      const report = await importFile(JSON.stringify(rows), "json");
      expect(report.body).toMatchObject({ kind: "bookings", rows: 3, imported: 3, rejected: [] });
    }
    const listed = await admin.request<{ bookings: Booking[] }>(
      "GET",
      `/api/bookings?from=${date}&to=${date}`,
    );
    const imported = listed.body.bookings.filter((booking) => booking.lastName.startsWith("Import"));
    expect(imported.map((b) => [b.time, b.outcome, b.status, b.potentialClass])).toEqual([
      ["09:00", "completed", "booked", "top"],
      ["11:00", "no_show", "booked", "standard"],
      ["14:00", "ghost", "booked", "recall"],
    ]);
    expect(imported[0]!.consultant).toBeDefined();
    const customer = await admin.request<{
      bookings: number;
      outcomes: Record<string, number>;
      risk: string;
    }>("GET", `/api/customers?phone=${encodeURIComponent("+492215550101")}`);
    expect(customer.body).toMatchObject({ bookings: 2, risk: "medium" });
    expect(customer.body.outcomes).toMatchObject({ completed: 1, no_show: 1 });
  });
});
