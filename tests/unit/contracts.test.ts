import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "../../shared/http/openapi.ts";
import { features, routeKey } from "../../shared/http/route-types.ts";
import { routeEntries } from "../../shared/http/routes.ts";
import { eventBridgeCron, scheduledJobs, unixCron } from "../../shared/schedules.ts";

describe("route table", () => {
  it("has unique route keys, /api paths and known features", () => {
    const keys = routeEntries.map(([, route]) => routeKey(route));
    expect(new Set(keys).size).toBe(keys.length);
    for (const [, route] of routeEntries) {
      expect(route.path).toMatch(/^\/api\//);
      expect(features).toContain(route.feature);
    }
  });

  it("declares every path parameter in the params schema", () => {
    for (const [operationId, route] of routeEntries) {
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      const declared = Object.keys(route.request?.params?.shape ?? {});
      expect(declared.sort(), operationId).toEqual(names.sort());
    }
  });
});

describe("OpenAPI document", () => {
  it("describes every operation with its role, parameters and error responses", () => {
    const document = buildOpenApiDocument("test") as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string; "x-role": string; responses: object }>>;
    };
    expect(document.openapi).toBe("3.1.0");
    for (const [operationId, route] of routeEntries) {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation?.operationId).toBe(operationId);
      expect(operation?.["x-role"]).toBe(route.role);
      if (route.role !== "public") expect(Object.keys(operation?.responses ?? {})).toContain("401");
    }
  });
});

describe("schedules", () => {
  it("renders the same times for EventBridge and croner", () => {
    const availability = scheduledJobs.find((job) => job.name === "generate-availability")!;
    expect(eventBridgeCron(availability.cron)).toBe("cron(0 5-14 ? * MON-FRI *)");
    expect(unixCron(availability.cron)).toBe("0 5-14 * * MON-FRI");
    const outcomes = scheduledJobs.find((job) => job.name === "check-outcomes")!;
    expect(eventBridgeCron(outcomes.cron)).toBe("cron(0 19 * * ? *)");
  });
});
