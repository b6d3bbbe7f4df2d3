import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import type {
  AnalyticsInsights,
  AnalyticsKpis,
  DashboardLayout,
  Performance,
} from "../../shared/contracts/analytics.ts";
import { addDays, localDate } from "../../shared/domain/booking/local-date.ts";
import type { Outcome } from "../../shared/domain/booking/outcomes.ts";
import { seedCountedBooking } from "../support/analytics.ts";
import { demoAdmin, demoAgent, signedIn, type TestClient } from "../support/http.ts";

let admin: TestClient;
let agent: TestClient;

beforeAll(async () => {
  admin = await signedIn(demoAdmin);
  agent = await signedIn(demoAgent);
  process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
});

const today = () => localDate(new Date(), "Europe/Berlin");

const seed = (date: string, time: string, outcome: Outcome, consultant: string) =>
  seedCountedBooking({ date, time, outcome, consultant });

describe("personal dashboard", () => {
  it("an agent reads their own figures, with window, trend and source", async () => {
    const response = await agent.request<Performance>("GET", "/api/analytics/performance/anna?period=7d");
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      username: "anna",
      period: "7d",
      source: "aggregates",
      window: { from: addDays(today(), -6), to: today() },
      previousWindow: { from: addDays(today(), -13), to: addDays(today(), -7) },
    });
    expect(response.body.rank.by).toBe("points");
  });

  it("an agent may not read another agent's dashboard (403); an admin may", async () => {
    const other = await agent.request<{ error: { code: string } }>("GET", "/api/analytics/performance/max");
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe("forbidden");
    const asAdmin = await admin.request<Performance>("GET", "/api/analytics/performance/max?period=all");
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.trend).toBeNull();
  });

  it("refuses an unknown period", async () => {
    expect((await agent.request("GET", "/api/analytics/performance/anna?period=1y")).status).toBe(400);
  });

  it("agents see no admin figures", async () => {
    for (const path of ["/api/analytics/kpis", "/api/analytics/insights", "/api/analytics/team"]) {
      expect((await agent.request("GET", path)).status, path).toBe(403);
    }
  });
});

describe("admin KPIs and alerts", () => {
  it("the 7-vs-previous-7 trend and the alerts follow a seeded no-show rate", async () => {
    const before = (await admin.request<AnalyticsKpis>("GET", "/api/analytics/kpis")).body;
    const last7 = before.trend.last7;
    // Enough no-shows in the last 7 days that the rate lands above 20 % whatever else is there.
    const resolvedBefore = last7.resolved;
    const noShowsBefore = last7.noShows + last7.ghosts;
    const added = Math.max(4, Math.ceil((0.3 * resolvedBefore - noShowsBefore) / 0.7) + 1);
    // A consultant with a clean previous week and a bad last week: a marked rise.
    const consultant = `dash-${randomUUID().slice(0, 8)}`;
    for (let index = 0; index < 6; index++)
      await seed(addDays(today(), -8 - (index % 5)), "14:00", "completed", consultant);
    for (let index = 0; index < added; index++)
      await seed(addDays(today(), -1 - (index % 5)), "14:00", "no_show", consultant);
    for (let index = 0; index < 3; index++)
      await seed(addDays(today(), -2), "14:00", "completed", consultant);

    const after = (await admin.request<AnalyticsKpis>("GET", "/api/analytics/kpis")).body;
    expect(after.trend.last7.noShows).toBe(last7.noShows + added);
    expect(after.trend.last7.resolved).toBe(resolvedBefore + added + 3);
    const expectedRate = (noShowsBefore + added) / (resolvedBefore + added + 3);
    expect(after.trend.last7.noShowRate).toBeCloseTo(expectedRate);
    expect(after.trend.noShowRatePoints).toBeCloseTo(
      (expectedRate - after.trend.previous7.noShowRate!) * 100,
    );
    expect(after.byConsultant.find((row) => row.id === consultant)).toMatchObject({
      bookings: added + 9,
      noShows: added,
    });
    expect(after.bookingsPerDay.length).toBe(30);
    expect(after.heatmap.some((cell) => cell.time === "14:00")).toBe(true);

    const insights = (await admin.request<AnalyticsInsights>("GET", "/api/analytics/insights")).body;
    expect(insights.alerts).toContainEqual(
      expect.objectContaining({
        kind: "noShowRate",
        level: "high",
        source: "aggregates",
        window: { from: addDays(today(), -6), to: today() },
      }),
    );
    expect(insights.alerts).toContainEqual(
      expect.objectContaining({ kind: "consultantRising", subject: consultant }),
    );
  });
});

describe("widget layout", () => {
  it("is saved per user: order and hidden widgets", async () => {
    const initial = (await agent.request<DashboardLayout>("GET", "/api/analytics/layout")).body;
    expect(initial.widgets.map((widget) => widget.id)).toContain("summary");
    // Other test files may have arranged either user's dashboard already: compare with what each had.
    const adminBefore = (await admin.request<DashboardLayout>("GET", "/api/analytics/layout")).body;
    const reordered = {
      widgets: [...initial.widgets].reverse().map((widget, index) => ({ ...widget, hidden: index === 0 })),
    };
    expect((await agent.request("PUT", "/api/analytics/layout", { body: reordered })).status).toBe(200);
    expect((await agent.request<DashboardLayout>("GET", "/api/analytics/layout")).body).toEqual(reordered);
    // The admin's layout is their own.
    expect((await admin.request<DashboardLayout>("GET", "/api/analytics/layout")).body).toEqual(adminBefore);
    expect(
      (
        await agent.request("PUT", "/api/analytics/layout", {
          body: {
            widgets: [
              { id: "rank", hidden: false },
              { id: "rank", hidden: true },
            ],
          },
        })
      ).status,
    ).toBe(400);
  });
});
