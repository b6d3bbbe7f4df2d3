import { healthSchema, openApiDocumentSchema } from "../contracts/system.ts";
import type { RouteDefinition } from "./route-types.ts";

/** Health and the API description. */
export const systemRoutes = {
  getHealth: {
    method: "GET",
    path: "/api/health",
    feature: "system",
    role: "public",
    summary: "Health of the API and its dependencies (table, bucket, calendar)",
    tags: ["system"],
    response: { status: 200, schema: healthSchema },
  },
  getOpenApi: {
    method: "GET",
    path: "/api/openapi.json",
    feature: "system",
    role: "public",
    summary: "This API as an OpenAPI 3.1 document",
    tags: ["system"],
    response: { status: 200, schema: openApiDocumentSchema },
  },
} as const satisfies Record<string, RouteDefinition>;
