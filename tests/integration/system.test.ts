import { describe, expect, it } from "vitest";
import { routeEntries } from "../../shared/http/routes.ts";
import { TestClient } from "../support/http.ts";

const client = new TestClient();

describe("system routes through the local gateway", () => {
  it("reports health with a check per dependency", async () => {
    const response = await client.request<{
      status: string;
      time: string;
      checks: Record<string, { status: string }>;
    }>("GET", "/api/health");
    expect(response.status).toBe(200);
    expect(response.body.status).toBe("ok");
    expect(Object.keys(response.body.checks).sort()).toEqual(["bucket", "calendar", "table"]);
    for (const check of Object.values(response.body.checks)) expect(check.status).toBe("ok");
    // The runtime's version tells an attacker which advisories apply.
    expect(Object.keys(response.body).sort()).toEqual(["checks", "status", "time", "version"]);
  });

  it("checks the dependencies (Google included) at most once a minute, however often it is asked", async () => {
    const first = await client.request<{ time: string }>("GET", "/api/health");
    const again = await Promise.all(
      Array.from({ length: 5 }, () => client.request<{ time: string }>("GET", "/api/health")),
    );
    for (const response of again) {
      expect(response.status).toBe(200);
      expect(response.body.time).toBe(first.body.time);
    }
  });

  it("serves an OpenAPI 3.1 document listing every route of the route table", async () => {
    const response = await client.request<{
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    }>("GET", "/api/openapi.json");
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe("3.1.0");
    for (const [operationId, route] of routeEntries) {
      const operation = response.body.paths[route.path]?.[route.method.toLowerCase()] as {
        operationId: string;
      };
      expect(operation?.operationId, `${route.method} ${route.path}`).toBe(operationId);
    }
  });

  it("answers unknown API paths with the JSON error shape", async () => {
    const missing = await client.request("GET", "/api/nothing-here");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: { code: "not_found", message: expect.any(String) } });
    const wrongMethod = await client.request("DELETE", "/api/health");
    expect(wrongMethod.status).toBe(405);
  });

  it("serves the built site with security headers and falls back to index.html", async () => {
    const root = await client.request<string>("GET", "/");
    expect(root.status).toBe(200);
    expect(root.headers.get("content-type")).toContain("text/html");
    expect(root.body).toContain('<div id="root">');
    expect(root.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(root.headers.get("x-frame-options")).toBe("DENY");
    const deepLink = await client.request<string>("GET", "/verwaltung");
    expect(deepLink.status).toBe(200);
    expect(deepLink.body).toContain('<div id="root">');
  });

  it("rejects malformed JSON with 400 naming the body", async () => {
    const response = await client.request("POST", "/api/auth/login", { body: "{not json" });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { code: "invalid", fields: { body: expect.any(String) } } });
  });

  it("names each invalid field", async () => {
    const response = await client.request("POST", "/api/auth/login", { body: { username: "" } });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: {
        code: "invalid",
        fields: { "body.username": expect.any(String), "body.password": expect.any(String) },
      },
    });
  });
});
