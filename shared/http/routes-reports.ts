import {
  createReportFileSchema,
  reportFileListSchema,
  reportFileSchema,
  reportQuerySchema,
  reportSchema,
} from "../contracts/reports.ts";
import type { RouteDefinition } from "./route-types.ts";

/** Executive reports: the page's figures, and the PDFs kept in the exports bucket under `reports/`. */
export const reportsRoutes = {
  getReport: {
    method: "GET",
    path: "/api/reports",
    feature: "reports",
    role: "admin",
    summary:
      "Weekly or monthly executive report: summary with status, team distribution, team table, 4-week trend, bookings",
    tags: ["reports"],
    request: { query: reportQuerySchema },
    response: { status: 200, schema: reportSchema },
  },
  listReportFiles: {
    method: "GET",
    path: "/api/reports/files",
    feature: "reports",
    role: "admin",
    summary:
      "Stored report PDFs (scheduled every Monday 06:00 local, or made on demand), newest first, with 15-minute links",
    tags: ["reports"],
    response: { status: 200, schema: reportFileListSchema },
  },
  createReportFile: {
    method: "POST",
    path: "/api/reports/files",
    feature: "reports",
    role: "admin",
    summary: "Generate a report PDF now and keep it in the bucket",
    tags: ["reports"],
    request: { body: createReportFileSchema },
    response: { status: 201, schema: reportFileSchema },
  },
} as const satisfies Record<string, RouteDefinition>;
