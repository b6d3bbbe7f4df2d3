import { beforeAll, describe, expect, inject, it } from "vitest";
import type { AuditViewEntry } from "../../shared/contracts/admin.ts";
import type {
  TelefonieMyWeekView,
  TelefonieTeamWeekView,
  TelefonieWeekView,
} from "../../shared/contracts/telefonie.ts";
import { demoAdmin, demoAgent, signedIn, type TestClient } from "../support/http.ts";

let admin: TestClient;
let anna: TestClient;
let ledger: typeof import("../../shared/data/gamification/ledger-repository.ts");

// Weeks far from the demo data's, so the figures here are this file's alone.
const week = "2031-W10";
const path = (isoWeek: string, user = "anna") => `/api/telefonie/weeks/${isoWeek}/${user}`;

beforeAll(async () => {
  admin = await signedIn(demoAdmin);
  anna = await signedIn(demoAgent);
  process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
  process.env.S3_ENDPOINT = inject("s3Endpoint");
  ledger = await import("../../shared/data/gamification/ledger-repository.ts");
});

async function addEntry(isoWeek: string, kind: string, points: number, user = "anna") {
  const response = await admin.request<TelefonieWeekView>("POST", `${path(isoWeek, user)}/entries`, {
    body: { kind, points },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  return value;
}

describe("Telefonie: admins enter weeks", () => {
  it("adds, changes and deletes entries; figures follow; goal with suggestion", async () => {
    const first = await addEntry(week, "T1", 12.34);
    expect(first.entries).toHaveLength(1);
    expect(first.entries[0]).toMatchObject({ kind: "T1", points: 12.3, version: 1, by: "admin" });
    expect(first.achieved).toBe(12.3);
    // No earlier weeks for anna in 2031: the default suggestion.
    expect(first.suggestion).toBe(15);

    const second = await addEntry(week, "Extra", 5);
    const goal = await admin.request<TelefonieWeekView>("PUT", `${path(week)}/goal`, { body: { goal: 20 } });
    expect(goal.status).toBe(200);
    expect(goal.body).toMatchObject({
      goal: 20,
      achieved: 17.3,
      remaining: 2.7,
      balance: -2.7,
      status: "yellow",
    });

    const entryId = first.entries[0]!.id;
    const changed = await admin.request<TelefonieWeekView>("PATCH", `${path(week)}/entries/${entryId}`, {
      body: { points: 16 },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.entries.find((entry) => entry.id === entryId)).toMatchObject({
      points: 16,
      version: 2,
    });
    expect(changed.body).toMatchObject({
      achieved: 21,
      remaining: 0,
      balance: 1,
      status: "green",
      reachedGoal: true,
    });

    const extraId = second.entries.find((entry) => entry.kind === "Extra")!.id;
    const deleted = await admin.request<TelefonieWeekView>("DELETE", `${path(week)}/entries/${extraId}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ achieved: 16, remaining: 4, balance: -4, status: "yellow" });
    const missing = await admin.request("DELETE", `${path(week)}/entries/${extraId}`);
    expect(missing.status).toBe(404);
  });

  it("audits every entry, change and deletion with a readable target", async () => {
    const audit = await admin.request<{ entries: AuditViewEntry[] }>(
      "GET",
      `/api/admin/audit?action=telefonie&user=admin`,
    );
    expect(audit.status).toBe(200);
    const mine = audit.body.entries.filter((entry) => entry.detail?.week === week);
    const actions = mine.map((entry) => entry.action).sort();
    expect(actions).toEqual([
      "telefonie.entry_created",
      "telefonie.entry_created",
      "telefonie.entry_deleted",
      "telefonie.entry_updated",
      "telefonie.goal_set",
    ]);
    for (const entry of mine)
      expect(entry).toMatchObject({ actor: "admin", target: "anna", targetName: expect.any(String) });
    expect(mine.find((entry) => entry.action === "telefonie.entry_deleted")?.detail).toMatchObject({
      kind: "Extra",
      points: 5,
    });
  });

  it("suggests the mean of the last 4 non-vacation weeks × 1.1", async () => {
    await addEntry("2031-W11", "T2", 10, "max");
    await addEntry("2031-W12", "Telefonie", 20, "max");
    const vacation = await admin.request<TelefonieWeekView>("PUT", `${path("2031-W13", "max")}/goal`, {
      body: { vacation: true },
    });
    expect(vacation.status).toBe(200);
    const team = await admin.request<TelefonieTeamWeekView>("GET", "/api/telefonie/weeks/2031-W14");
    expect(team.status).toBe(200);
    const max = team.body.participants.find((participant) => participant.username === "max");
    expect(max?.suggestion).toBe(16.5); // (10 + 20) / 2 × 1.1
    expect(team.body.trend.map((point) => point.isoWeek)).toEqual([
      "2031-W11",
      "2031-W12",
      "2031-W13",
      "2031-W14",
    ]);
  });

  it("keeps vacation weeks free of goals and entries", async () => {
    const vacationWeek = "2031-W20";
    const set = await admin.request<TelefonieWeekView>("PUT", `${path(vacationWeek)}/goal`, {
      body: { vacation: true },
    });
    expect(set.status).toBe(200);
    expect(set.body.vacation).toBe(true);
    expect(set.body.goal).toBeUndefined();
    expect(set.body.status).toBeNull();
    const withGoal = await admin.request<{ error: { fields: Record<string, string> } }>(
      "PUT",
      `${path(vacationWeek)}/goal`,
      { body: { vacation: true, goal: 10 } },
    );
    expect(withGoal.status).toBe(400);
    expect(Object.keys(withGoal.body.error.fields)).toEqual(["body.goal"]);
    const entry = await admin.request("POST", `${path(vacationWeek)}/entries`, {
      body: { kind: "T1", points: 1 },
    });
    expect(entry.status).toBe(409);
    // A week with entries cannot become a vacation week.
    const busy = await admin.request("PUT", `${path(week)}/goal`, { body: { vacation: true } });
    expect(busy.status).toBe(409);
  });

  it("answers 400 naming the field for bad input", async () => {
    const cases: [string, string, unknown, string][] = [
      ["POST", `${path(week)}/entries`, { kind: "T1", points: 150 }, "body.points"],
      ["POST", `${path(week)}/entries`, { kind: "T3", points: 1 }, "body.kind"],
      ["POST", `${path(week)}/entries`, { kind: "T1" }, "body.points"],
      ["PUT", `${path(week)}/goal`, { goal: 101 }, "body.goal"],
      ["POST", `${path("2031-W99")}/entries`, { kind: "T1", points: 1 }, "params.isoWeek"],
    ];
    for (const [method, url, body, field] of cases) {
      const response = await admin.request<{ error: { fields: Record<string, string>; message: string } }>(
        method,
        url,
        { body, headers: { "accept-language": "en" } },
      );
      expect(response.status, `${method} ${url} ${JSON.stringify(body)}`).toBe(400);
      expect(Object.keys(response.body.error.fields)).toContain(field);
      expect(response.body.error.message).toContain(field);
    }
  });
});

describe("Telefonie: agents read their own week", () => {
  it("shows the agent their week and 4-week trend", async () => {
    const own = await anna.request<TelefonieMyWeekView>("GET", path(week));
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      username: "anna",
      goal: 20,
      achieved: 16,
      remaining: 4,
      from: "2031-03-03",
    });
    expect(own.body.trend).toHaveLength(4);
    expect(own.body.trend.at(-1)).toMatchObject({ isoWeek: week, goal: 20, achieved: 16 });
  });

  it("refuses other participants' weeks, the team week and every change (403)", async () => {
    expect((await anna.request("GET", path(week, "max"))).status).toBe(403);
    expect((await anna.request("GET", `/api/telefonie/weeks/${week}`)).status).toBe(403);
    expect(
      (await anna.request("POST", `${path(week)}/entries`, { body: { kind: "T1", points: 1 } })).status,
    ).toBe(403);
    expect((await anna.request("PUT", `${path(week)}/goal`, { body: { goal: 1 } })).status).toBe(403);
  });
});

// Last: the stream poller delivers the outbox behind the demo data's backlog.
describe("Telefonie: gamification ledger", () => {
  it("credits the gamification ledger once per entry version, in the Telefonie week", {
    timeout: 60_000,
  }, async () => {
    // 12.3 + 5, then +3.7 (the change), then −5 (the deletion) = 16; the week reached its goal once.
    const totals = await waitFor(
      () => ledger.getPeriodTotals("anna", "week", "2031-03-05T12:00:00.000Z"),
      (value) => value.counters.telefonie === 16 && value.counters.telefonieWeeksAtGoal === 1,
      55_000,
    );
    expect(totals.counters).toMatchObject({ telefonie: 16, telefonieWeeksAtGoal: 1 });
  });
});
