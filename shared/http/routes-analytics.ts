import {
  dashboardLayoutSchema,
  insightsSchema,
  kpisSchema,
  performanceSchema,
  periodQuerySchema,
  teamSchema,
  usernameParamsSchema,
} from "../contracts/analytics.ts";
import type { RouteDefinition } from "./route-types.ts";

/** Analytics dashboards: every figure read from the aggregates, never from every booking. */
export const analyticsRoutes = {
  getPerformance: {
    method: "GET",
    path: "/api/analytics/performance/{username}",
    feature: "analytics",
    role: "agent",
    summary:
      "An agent's bookings, points, show and no-show rate, trend, best slot times and rank (agents: their own)",
    tags: ["analytics"],
    request: { params: usernameParamsSchema, query: periodQuerySchema },
    response: { status: 200, schema: performanceSchema },
  },
  getTeamPerformance: {
    method: "GET",
    path: "/api/analytics/team",
    feature: "analytics",
    role: "admin",
    summary: "Agents and consultants side by side with the combined ranking",
    tags: ["analytics"],
    request: { query: periodQuerySchema },
    response: { status: 200, schema: teamSchema },
  },
  getKpis: {
    method: "GET",
    path: "/api/analytics/kpis",
    feature: "analytics",
    role: "admin",
    summary:
      "Admin KPIs: bookings per day, 7-day rate trend, by consultant and slot time, heatmap, capacity use",
    tags: ["analytics"],
    response: { status: 200, schema: kpisSchema },
  },
  getInsights: {
    method: "GET",
    path: "/api/analytics/insights",
    feature: "analytics",
    role: "admin",
    summary:
      "Alerts: 7-day no-show rate, rising no-show rates of consultants and slots, bookings over capacity",
    tags: ["analytics"],
    response: { status: 200, schema: insightsSchema },
  },
  getDashboardLayout: {
    method: "GET",
    path: "/api/analytics/layout",
    feature: "analytics",
    role: "agent",
    summary: "The signed-in user's dashboard widgets: order and which are hidden",
    tags: ["analytics"],
    response: { status: 200, schema: dashboardLayoutSchema },
  },
  putDashboardLayout: {
    method: "PUT",
    path: "/api/analytics/layout",
    feature: "analytics",
    role: "agent",
    summary: "Saves the signed-in user's dashboard widget layout",
    tags: ["analytics"],
    request: { body: dashboardLayoutSchema },
    response: { status: 200, schema: dashboardLayoutSchema },
  },
} as const satisfies Record<string, RouteDefinition>;
