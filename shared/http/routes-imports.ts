import { importListSchema, importReportSchema, importRequestSchema } from "../contracts/imports.ts";
import type { RouteDefinition } from "./route-types.ts";

/** Historical import: booking rows or daily totals, with a validation report per rejected row. */
export const importsRoutes = {
  createImport: {
    method: "POST",
    path: "/api/admin/imports",
    feature: "imports",
    role: "admin",
    summary:
      "Import history (CSV or JSON): booking rows become past resolved bookings, daily totals go to the imported days; importing the same file again changes nothing",
    tags: ["admin"],
    request: { body: importRequestSchema },
    response: { status: 200, schema: importReportSchema },
  },
  listImports: {
    method: "GET",
    path: "/api/admin/imports",
    feature: "imports",
    role: "admin",
    summary: "The latest imports with their validation reports",
    tags: ["admin"],
    response: { status: 200, schema: importListSchema },
  },
} as const satisfies Record<string, RouteDefinition>;
