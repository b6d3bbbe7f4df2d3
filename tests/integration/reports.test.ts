import { beforeAll, describe, expect, inject, it } from "vitest";
import type { Report, ReportFile } from "../../shared/contracts/reports.ts";
import { appTimeZone, scheduledJobs, scheduleTimeZone } from "../../shared/schedules.ts";
import { demoAdmin, demoAgent, signedIn, type TestClient } from "../support/http.ts";
import { pdfText } from "../support/pdf-text.ts";

let admin: TestClient;
let anna: TestClient;
// Weeks of their own, far from the demo data: July 2031.
const week = "2031-W30";

beforeAll(async () => {
  admin = await signedIn(demoAdmin);
  anna = await signedIn(demoAgent);
  process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
  process.env.S3_ENDPOINT = inject("s3Endpoint");
  const seed = async (user: string, isoWeek: string, goal: number, points: number[]) => {
    const goalSet = await admin.request("PUT", `/api/telefonie/weeks/${isoWeek}/${user}/goal`, {
      body: { goal },
    });
    expect(goalSet.status).toBe(200);
    for (const value of points) {
      const entry = await admin.request("POST", `/api/telefonie/weeks/${isoWeek}/${user}/entries`, {
        body: { kind: "Telefonie", points: value },
      });
      expect(entry.status).toBe(201);
    }
  };
  // anna 95 % (top), max 75 % (solid), sophie 40 % (below); an earlier week for the trend.
  await seed("anna", week, 20, [10, 9]);
  await seed("max", week, 20, [15]);
  await seed("sophie", week, 25, [10]);
  await seed("anna", "2031-W28", 10, [12]);
});

async function download(url: string): Promise<Buffer> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

describe("executive reports", () => {
  it("gives admins the week's summary, distribution, team table and 4-week trend", async () => {
    const response = await admin.request<Report>("GET", `/api/reports?period=${week}`);
    expect(response.status).toBe(200);
    const report = response.body;
    expect(report).toMatchObject({ kind: "week", period: week, from: "2031-07-21", to: "2031-07-27" });
    expect(report.summary).toMatchObject({ goal: 65, achieved: 44, status: "red", participants: 3 });
    expect(report.distribution).toEqual({ top: 1, solid: 1, below: 1, none: 0 });
    expect(report.team.map((row) => [row.username, row.status])).toEqual([
      ["anna", "green"],
      ["max", "yellow"],
      ["sophie", "red"],
    ]);
    expect(report.trend.map((point) => point.isoWeek)).toEqual([
      "2031-W27",
      "2031-W28",
      "2031-W29",
      "2031-W30",
    ]);
    expect(report.trend[1]).toMatchObject({ goal: 10, achieved: 12, status: "green" });
    expect((await anna.request("GET", `/api/reports?period=${week}`)).status).toBe(403);
    const bad = await admin.request<{ error: { fields: Record<string, string> } }>(
      "GET",
      "/api/reports?period=2031-13",
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(["query.period"]);
  });

  it("the Monday job writes a real PDF with the team rows to the bucket; the 15-minute link downloads it", async () => {
    const { handler } = await import("../../functions/reports/weekly-job.ts");
    const { lambdaContext } = await import("../../local/lambda-context.ts");
    // Monday 28 July 2031, 06:00 in Berlin: the report covers the week before.
    const result = (await handler(
      { source: "slot-booking.scheduler", job: "weekly-report", time: "2031-07-28T04:00:00.000Z" },
      lambdaContext("slot-booking-weekly-report"),
    )) as { period: string; key: string };
    expect(result.period).toBe(week);
    expect(result.key).toMatch(/^reports\/2031-W30\/20310728T040000Z-scheduled\.pdf$/);

    const list = await admin.request<{ reports: ReportFile[] }>("GET", "/api/reports/files");
    expect(list.status).toBe(200);
    const file = list.body.reports.find((candidate) => candidate.key === result.key);
    expect(file).toMatchObject({ kind: "week", period: week, scheduled: true });
    expect(new URL(file!.url).searchParams.get("X-Amz-Expires")).toBe("900");
    expect(Date.parse(file!.urlExpiresAt) - Date.now()).toBeGreaterThan(14 * 60_000);

    const pdf = await download(file!.url);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.byteLength).toBe(file!.size);
    const text = pdfText(pdf);
    expect(text).toContain("Wochenbericht 2031-W30");
    for (const name of ["Anna Schneider", "Max Köhler", "Sophie Weber"]) expect(text).toContain(name);
    expect(text).toMatch(/95\s%/);
    expect(text).toContain("2031-W27");
    expect((await anna.request("GET", "/api/reports/files")).status).toBe(403);
  });

  it("generates a monthly report on demand, in the admin's language", async () => {
    const created = await admin.request<ReportFile>("POST", "/api/reports/files", {
      body: { period: "2031-07" },
      headers: { "accept-language": "en" },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ kind: "month", period: "2031-07", scheduled: false });
    const text = pdfText(await download(created.body.url));
    expect(text).toContain("Monthly report 2031-07");
    expect(text).toContain("Anna Schneider");
  });

  it("schedules the weekly report every Monday 06:00 in the app's zone, also across DST", async () => {
    const job = scheduledJobs.find((candidate) => candidate.name === "weekly-report");
    expect(job).toMatchObject({ cron: { minute: "0", hour: "6", weekDays: "MON" }, timeZone: appTimeZone });
    expect(scheduleTimeZone(job!, "Europe/Berlin")).toBe("Europe/Berlin");
    const { jobCron } = await import("../../local/scheduler.ts");
    const cron = jobCron(job!, async () => undefined, "Europe/Berlin");
    try {
      // Winter: 06:00 CET = 05:00 UTC; after the switch to summer time on 30 March: 04:00 UTC.
      expect(cron.nextRun(new Date("2031-03-20T12:00:00Z"))?.toISOString()).toBe("2031-03-24T05:00:00.000Z");
      expect(cron.nextRun(new Date("2031-03-27T12:00:00Z"))?.toISOString()).toBe("2031-03-31T04:00:00.000Z");
    } finally {
      cron.stop();
    }
  });
});
