import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { lambdaContext } from "../../local/lambda-context.ts";
import { HttpError } from "../../shared/http/errors.ts";
import {
  createFeatureHandler,
  type FeatureOperations,
  type PipelineOptions,
} from "../../shared/http/pipeline.ts";
import type { Principal } from "../../shared/http/principal.ts";
import { apiEvent } from "../support/events.ts";

const agent: Principal = {
  username: "anna",
  role: "agent",
  displayName: "Anna",
  sessionId: "s1",
  csrfToken: "t1",
};
const admin: Principal = { ...agent, username: "boss", role: "admin" };

/** The admin feature's routes exercise every pipeline stage; its operations are replaced by probes here. */
function adminHandler(principal: Principal | null, overrides: Partial<PipelineOptions> = {}) {
  const probes: Partial<FeatureOperations<"admin">> = {
    async listUsers() {
      const stored = {
        username: "x",
        displayName: "X",
        role: "agent" as const,
        active: true,
        createdAt: "c",
        updatedAt: "u",
        passwordHash: "scrypt$secret",
      };
      return { users: [stored] };
    },
    async createUser({ body }) {
      throw new Error(`database exploded near ${body.username}`);
    },
    async updateUser({ params }) {
      throw new HttpError("not_found", params.username === "ghost" ? "user.notFound" : undefined);
    },
    async listAudit({ query }) {
      return {
        entries: [{ id: "1", at: "2026-01-01T00:00:00Z", actor: query.user ?? "all", action: "probe" }],
      };
    },
  };
  return createFeatureHandler("admin", probes as FeatureOperations<"admin">, {
    authenticate: async () => principal,
    ...overrides,
  });
}

async function call(
  handler: ReturnType<typeof adminHandler>,
  event: ReturnType<typeof apiEvent>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const result = (await handler(event, lambdaContext("test"))) as APIGatewayProxyStructuredResultV2;
  return { status: result.statusCode ?? 0, body: JSON.parse(result.body ?? "{}") };
}

describe("handler pipeline", () => {
  it("answers 401 without a principal and 403 for an agent on admin routes", async () => {
    expect((await call(adminHandler(null), apiEvent("GET", "/api/admin/users"))).status).toBe(401);
    const forbidden = await call(adminHandler(agent), apiEvent("GET", "/api/admin/users"));
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toMatchObject({ error: { code: "forbidden" } });
    expect((await call(adminHandler(admin), apiEvent("GET", "/api/admin/users"))).status).toBe(200);
  });

  it("sends JSON with security headers and never allows other origins (CORS closed)", async () => {
    const result = (await adminHandler(admin)(
      apiEvent("GET", "/api/admin/users", { headers: { origin: "https://evil.example" } }),
      lambdaContext("test"),
    )) as APIGatewayProxyStructuredResultV2;
    expect(result.statusCode).toBe(200);
    expect(result.headers).toMatchObject({
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
    });
    expect(Object.keys(result.headers ?? {}).some((name) => name.startsWith("access-control-"))).toBe(false);
  });

  it("shapes responses through the response schema, so unlisted fields never leak", async () => {
    const response = await call(adminHandler(admin), apiEvent("GET", "/api/admin/users"));
    // The listed fields arrive (a 500 would also lack the hash, so the success is asserted first).
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      users: [
        { username: "x", displayName: "X", role: "agent", active: true, createdAt: "c", updatedAt: "u" },
      ],
    });
    expect(JSON.stringify(response.body)).not.toContain("passwordHash");
  });

  it("parses query and body with the route's schemas and names invalid fields", async () => {
    const ok = await call(adminHandler(admin), apiEvent("GET", "/api/admin/audit?user=Anna"));
    expect(ok.body).toMatchObject({ entries: [{ actor: "anna" }] });
    const invalid = await call(
      adminHandler(admin),
      apiEvent("POST", "/api/admin/users", { body: { username: "ok-name", role: "x" } }),
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({
      error: {
        code: "invalid",
        fields: { "body.role": expect.any(String), "body.password": expect.any(String) },
      },
    });
  });

  it("maps domain errors to their status and hides unexpected ones", async () => {
    const notFound = await call(
      adminHandler(admin),
      apiEvent("PATCH", "/api/admin/users/ghost", { body: { active: true } }),
    );
    expect(notFound).toEqual({
      status: 404,
      body: {
        error: { code: "not_found", message: "Diesen Benutzer gibt es nicht.", messageId: "user.notFound" },
      },
    });
    const crash = await call(
      adminHandler(admin),
      apiEvent("POST", "/api/admin/users", {
        body: { username: "crash", displayName: "C", role: "agent", password: "long-enough-1" },
      }),
    );
    expect(crash.status).toBe(500);
    expect(JSON.stringify(crash.body)).not.toMatch(/exploded|stack|at /);
  });

  it("runs guards after authentication and refuses oversized bodies", async () => {
    const guarded = adminHandler(admin, {
      guards: [
        async () => {
          throw new HttpError("forbidden");
        },
      ],
    });
    expect((await call(guarded, apiEvent("GET", "/api/admin/users"))).status).toBe(403);
    const small = adminHandler(admin, { maxBodyBytes: 10 });
    const big = await call(
      small,
      apiEvent("POST", "/api/admin/users", { body: { username: "x".repeat(50) } }),
    );
    expect(big.status).toBe(413);
  });

  it("answers routes of other features with 404", async () => {
    expect((await call(adminHandler(admin), apiEvent("GET", "/api/health"))).status).toBe(404);
  });
});
