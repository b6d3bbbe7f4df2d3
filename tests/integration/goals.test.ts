import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { demoAdmin, signedIn, type TestClient } from "../support/http.ts";

type GoalView = {
  id: string;
  template: string;
  target: number;
  deadline: string;
  value: number | null;
  fraction: number;
  status: string;
  reward: { xp: number; coins: number };
};

let ledger: typeof import("../../shared/data/gamification/ledger-repository.ts");
let admin: TestClient;

beforeAll(async () => {
  admin = await signedIn(demoAdmin);
  process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
  process.env.S3_ENDPOINT = inject("s3Endpoint");
  ledger = await import("../../shared/data/gamification/ledger-repository.ts");
});

async function freshAgent(): Promise<{ username: string; client: TestClient }> {
  const username = `g${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const password = "goals-password-123";
  const created = await admin.request("POST", "/api/admin/users", {
    body: { username, displayName: `Goal ${username}`, role: "agent", password },
  });
  expect(created.status).toBe(201);
  return { username, client: await signedIn({ username, password }) };
}

/** A booking's ledger entry as the events handler writes it (points and the bookings counter), now. */
async function bookingCredit(username: string, points: number) {
  await ledger.applyLedgerEntry({
    username,
    eventKey: `test:booking:${randomUUID()}`,
    occurredAt: new Date().toISOString(),
    kind: "booking",
    points: { provisional: points },
    counters: { bookings: 1 },
  });
}

describe("personal goals", () => {
  it("lists the five templates with their limits and rewards", async () => {
    const { client } = await freshAgent();
    const listed = await client.request<{
      templates: { id: string; min: number; max: number; defaultTarget: number; reward: { xp: number } }[];
      goals: GoalView[];
    }>("GET", "/api/gamification/goals");
    expect(listed.status).toBe(200);
    expect(listed.body.goals).toEqual([]);
    expect(listed.body.templates.map((t) => [t.id, t.defaultTarget, t.min, t.max, t.reward.xp])).toEqual([
      ["dailyPoints", 10, 1, 50, 60],
      ["weeklyBookings", 15, 5, 100, 55],
      ["streak", 7, 3, 365, 75],
      ["badges", 3, 1, 20, 65],
      ["rank", 5, 1, 20, 70],
    ]);
  });

  it("refuses targets outside the template's limits, in German and English", async () => {
    const { client } = await freshAgent();
    const low = await client.request<{ error: { fields: Record<string, string> } }>(
      "POST",
      "/api/gamification/goals",
      {
        body: { template: "weeklyBookings", target: 4 },
      },
    );
    expect(low.status).toBe(400);
    expect(low.body.error.fields["body.target"]).toBe("Das Ziel muss zwischen 5 und 100 liegen.");
    const high = await client.request<{ error: { fields: Record<string, string> } }>(
      "POST",
      "/api/gamification/goals",
      {
        body: { template: "dailyPoints", target: 51 },
        headers: { "accept-language": "en" },
      },
    );
    expect(high.status).toBe(400);
    const unknown = await client.request("POST", "/api/gamification/goals", {
      body: { template: "nope", target: 3 },
    });
    expect(unknown.status).toBe(400);
  });

  it("creates with the default target and deadline, changes the target, deletes", async () => {
    const { client } = await freshAgent();
    const created = await client.request<GoalView>("POST", "/api/gamification/goals", {
      body: { template: "streak" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ template: "streak", target: 7, status: "active", value: 0 });
    const today = new Date();
    const in30 = new Date(today.getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
    expect(Math.abs(Date.parse(created.body.deadline) - Date.parse(in30))).toBeLessThanOrEqual(86_400_000);
    const changed = await client.request<GoalView>("PUT", `/api/gamification/goals/${created.body.id}`, {
      body: { target: 14 },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.target).toBe(14);
    const outside = await client.request("PUT", `/api/gamification/goals/${created.body.id}`, {
      body: { target: 366 },
    });
    expect(outside.status).toBe(400);
    expect((await client.request("DELETE", `/api/gamification/goals/${created.body.id}`)).status).toBe(200);
    expect((await client.request("DELETE", `/api/gamification/goals/${created.body.id}`)).status).toBe(404);
    const other = await freshAgent();
    const mine = await client.request<GoalView>("POST", "/api/gamification/goals", {
      body: { template: "badges" },
    });
    expect((await other.client.request("DELETE", `/api/gamification/goals/${mine.body.id}`)).status).toBe(
      404,
    );
  });

  it("measures progress from the ledger's totals and pays the reward once when reached", async () => {
    const { username, client } = await freshAgent();
    const daily = await client.request<GoalView>("POST", "/api/gamification/goals", {
      body: { template: "dailyPoints", target: 5 },
    });
    const weekly = await client.request<GoalView>("POST", "/api/gamification/goals", {
      body: { template: "weeklyBookings", target: 5 },
    });
    expect((await client.request("POST", `/api/gamification/goals/${daily.body.id}/claim`)).status).toBe(409);
    await bookingCredit(username, 3);
    let listed = await client.request<{ goals: GoalView[] }>("GET", "/api/gamification/goals");
    expect(listed.body.goals.find((goal) => goal.id === daily.body.id)).toMatchObject({
      value: 3,
      fraction: 0.6,
      status: "active",
    });
    await bookingCredit(username, 2);
    listed = await client.request<{ goals: GoalView[] }>("GET", "/api/gamification/goals");
    expect(listed.body.goals.find((goal) => goal.id === daily.body.id)?.status).toBe("reached");
    expect(listed.body.goals.find((goal) => goal.id === weekly.body.id)).toMatchObject({
      value: 2,
      status: "active",
    });

    const before = await ledger.getAccount(username);
    const claimed = await client.request<GoalView>("POST", `/api/gamification/goals/${daily.body.id}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body.status).toBe("claimed");
    const after = await ledger.getAccount(username);
    // 50 XP × 1.2 and as many coins (the season's multipliers apply on top).
    expect(after.xpTotal - before.xpTotal).toBeGreaterThanOrEqual(60);
    expect(after.coins - before.coins).toBeGreaterThanOrEqual(60);
    expect(after.counters.goals).toBe(1);
    const again = await client.request("POST", `/api/gamification/goals/${daily.body.id}/claim`);
    expect(again.status).toBe(409);
    expect((await ledger.getAccount(username)).coins).toBe(after.coins);
    // A claimed goal cannot be changed.
    expect(
      (await client.request("PUT", `/api/gamification/goals/${daily.body.id}`, { body: { target: 3 } }))
        .status,
    ).toBe(409);
  });
});
