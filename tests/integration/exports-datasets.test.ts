import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { ExportView } from "../../shared/contracts/exports.ts";
import { seedCountedBooking } from "../support/analytics.ts";
import { demoAdmin, signedIn, type TestClient } from "../support/http.ts";

/**
 * The datasets besides bookings and customers: daily metrics (counted bookings and imported
 * daily totals, each labelled), Telefonie weeks and the combined leaderboard. A window in 2021
 * that nothing else writes to, so every expected row is known.
 */
let admin: TestClient;

const from = "2021-06-07";
const to = "2021-06-13";

beforeAll(async () => {
  process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
  process.env.S3_ENDPOINT = inject("s3Endpoint");
  admin = await signedIn(demoAdmin);
  // Counted bookings: Tuesday anna 3 completed + 1 no-show, max 1 completed + 1 ghost; Wednesday anna 1 cancelled.
  const seeds = [
    { date: "2021-06-08", agent: "anna", outcome: "completed" },
    { date: "2021-06-08", agent: "anna", outcome: "completed" },
    { date: "2021-06-08", agent: "anna", outcome: "completed" },
    { date: "2021-06-08", agent: "anna", outcome: "no_show" },
    { date: "2021-06-08", agent: "max", outcome: "completed" },
    { date: "2021-06-08", agent: "max", outcome: "ghost" },
    { date: "2021-06-09", agent: "anna", outcome: "cancelled" },
  ] as const;
  for (const seed of seeds)
    await seedCountedBooking({ ...seed, time: "09:00", consultant: "export-c1", points: 2 });
  // The old app's totals for Monday and Tuesday, through the import.
  const imported = await admin.request<{ imported: number }>("POST", "/api/admin/imports", {
    body: {
      format: "csv",
      content: [
        "date,slots,completed,no_show,ghost,cancelled,rescheduled,overhang",
        "2021-06-07,48,20,4,1,2,1,2",
        "2021-06-08,48,10,0,0,0,0,0",
      ].join("\n"),
    },
  });
  expect(imported.body.imported).toBe(2);
  // Telefonie weeks of 2021-W23 (7–13 June): anna reached 12 of a goal of 10, max 5 of 10.
  const { dynamoClient } = await import("../../shared/data/clients.ts");
  const { keys } = await import("../../shared/data/keys.ts");
  const entry = (id: string, points: number) => ({
    id,
    kind: "T1",
    points,
    version: 1,
    at: "2021-06-08T10:00:00.000Z",
    by: "admin",
  });
  for (const [username, entries] of [
    ["anna", [entry("e1", 7), entry("e2", 5)]],
    ["max", [entry("e3", 5)]],
  ] as const) {
    await dynamoClient().send(
      new PutCommand({
        TableName: "slot-booking",
        Item: {
          ...keys.telefonieWeek("2021-W23", username),
          ...keys.telefonieOfUser(username, "2021-W23"),
          type: "telefonieWeek",
          username,
          isoWeek: "2021-W23",
          goal: 10,
          vacation: false,
          entries,
          version: 1,
        },
      }),
    );
  }
});

async function exportCsv(dataset: string): Promise<string[][]> {
  const started = await admin.request<{ export: ExportView }>("POST", "/api/exports", {
    body: { dataset, format: "csv", from, to },
  });
  expect(started.status).toBe(202);
  const deadline = Date.now() + 30_000;
  let view = started.body.export;
  while (view.status !== "done" && view.status !== "failed" && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    view = (await admin.request<{ export: ExportView }>("GET", `/api/exports/${view.id}`)).body.export;
  }
  expect(view.status).toBe("done");
  const response = await fetch(view.downloadUrl!);
  expect(response.status).toBe(200);
  const text = (await response.text()).replace(/^\uFEFF/, "");
  const lines = text.trimEnd().split("\r\n");
  expect(view.rows).toBe(lines.length - 1);
  return lines.map((line) => line.split(","));
}

describe("export datasets", () => {
  it("daily metrics: one row per date and source, counted bookings and imported totals labelled", async () => {
    const rows = await exportCsv("dailyMetrics");
    expect(rows[0]).toEqual([
      "date",
      "source",
      "slots",
      "bookings",
      "completed",
      "overhang",
      "noShow",
      "ghost",
      "cancelled",
      "rescheduled",
      "showRate",
      "noShowRate",
      "cancellationRate",
      "points",
    ]);
    expect(rows.slice(1)).toEqual([
      // Imported: 30 bookings, resolved 27, shows 22.
      ["2021-06-07", "import", "48", "30", "20", "2", "4", "1", "2", "1", "0.815", "0.185", "0.067", ""],
      // Counted: 6 bookings, resolved 6, shows 4; points stand except for the no-show and the ghost.
      ["2021-06-08", "bookings", "", "6", "4", "0", "1", "1", "0", "0", "0.667", "0.333", "0", "8"],
      ["2021-06-08", "import", "48", "10", "10", "0", "0", "0", "0", "0", "1", "0", "0", ""],
      ["2021-06-09", "bookings", "", "1", "0", "0", "0", "0", "1", "0", "", "", "1", "0"],
    ]);
  });

  it("Telefonie weeks: every agent's week with goal, achievement and status", async () => {
    const rows = await exportCsv("telefonie");
    expect(rows[0]).toEqual([
      "week",
      "agent",
      "vacation",
      "goal",
      "achieved",
      "entries",
      "rate",
      "status",
      "reachedGoal",
    ]);
    expect(rows.slice(1)).toEqual([
      ["2021-W23", "anna", "no", "10", "12", "2", "1.2", "green", "yes"],
      ["2021-W23", "max", "no", "10", "5", "1", "0.5", "red", "no"],
    ]);
  });

  it("leaderboard: the combined ranking of the window (0.75 show rate, 0.10 activity, 0.15 consistency)", async () => {
    const rows = await exportCsv("leaderboard");
    const header = rows[0]!;
    const byAgent = rows
      .slice(1)
      .map((row) => Object.fromEntries(header.map((column, i) => [column, row[i]])));
    // anna: show rate 3/4, 2 Telefonie entries (activity 6.7), one week (consistency 50):
    // 0.75 × 75 + 0.10 × 6.7 + 0.15 × 50 = 64.4. max: show rate 1/2, 1 entry: 37.5 + 0.3 + 7.5 = 45.3.
    expect(byAgent).toEqual([
      {
        rank: "1",
        agent: "anna",
        bookings: "5",
        resolved: "4",
        showRate: "0.75",
        noShowRate: "0.25",
        points: "6",
        telefonieEntries: "2",
        activity: "6.7",
        consistency: "50",
        combined: "64.4",
        class: "medium",
      },
      {
        rank: "2",
        agent: "max",
        bookings: "2",
        resolved: "2",
        showRate: "0.5",
        noShowRate: "0.5",
        points: "2",
        telefonieEntries: "1",
        activity: "3.3",
        consistency: "50",
        combined: "45.3",
        class: "medium",
      },
    ]);
  });
});
