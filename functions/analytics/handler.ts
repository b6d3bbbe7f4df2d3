import {
  getDashboardLayout,
  putDashboardLayout,
} from "../../shared/data/analytics/dashboard-layout-repository.ts";
import { HttpError } from "../../shared/http/errors.ts";
import { createFeatureHandler } from "../../shared/http/pipeline.ts";
import { pipelineOptions } from "../../shared/http/pipeline-options.ts";
import { insights, kpis, performance, team } from "./dashboards.ts";

/** Agents see their own figures only; admins anyone's. */
export const handler = createFeatureHandler(
  "analytics",
  {
    async getPerformance({ params, query, principal }) {
      if (principal.role !== "admin" && principal.username !== params.username)
        throw new HttpError("forbidden", "analytics.notYours");
      return performance(params.username, query.period);
    },
    async getTeamPerformance({ query }) {
      return team(query.period);
    },
    async getKpis() {
      return kpis();
    },
    async getInsights() {
      return insights();
    },
    async getDashboardLayout({ principal }) {
      return getDashboardLayout(principal.username);
    },
    async putDashboardLayout({ principal, body }) {
      return putDashboardLayout(principal.username, body);
    },
  },
  pipelineOptions(),
);
