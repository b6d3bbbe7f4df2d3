import type { APIGatewayProxyStructuredResultV2, DynamoDBStreamEvent } from "aws-lambda";
import { afterEach, beforeAll, beforeEach, describe, expect, inject, it, vi } from "vitest";
import { lambdaContext } from "../../local/lambda-context.ts";
import type { FeatureOperations } from "../../shared/http/pipeline.ts";
import type { Principal } from "../../shared/http/principal.ts";
import { apiEvent } from "../support/events.ts";

// The X-Ray SDK is loaded only where the deployment turns tracing on (before the modules load).
process.env.POWERTOOLS_TRACE_ENABLED = "true";
const { tracer } = await import("../../shared/http/observability.ts");
const { createFeatureHandler } = await import("../../shared/http/pipeline.ts");
const { createJobHandler } = await import("../../shared/jobs/job-handler.ts");

// Tracing is off outside Lambda, so these tests switch the process's one tracer on and stand in for
// X-Ray's segments (the X-Ray SDK's side, not ours): what the middlewares put into a trace is recorded.

const secretCookie = "session=eyJhbGciOi.secret.jwt";
const admin: Principal = {
  username: "boss",
  role: "admin",
  displayName: "Boss",
  sessionId: "s1",
  csrfToken: "csrf-token-secret",
};

let recorded: unknown[];

// Job handlers write their run record: the table is the shared DynamoDB Local.
beforeAll(() => {
  process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
});

beforeEach(() => {
  recorded = [];
  const shared = tracer();
  const segment = {
    addNewSubsegment: () => ({ close: () => undefined, addError: () => undefined }),
    close: () => undefined,
  };
  vi.spyOn(shared, "isTracingEnabled").mockReturnValue(true);
  vi.spyOn(shared, "getSegment").mockReturnValue(segment as unknown as ReturnType<typeof shared.getSegment>);
  vi.spyOn(shared, "setSegment").mockImplementation(() => undefined);
  vi.spyOn(shared, "putAnnotation").mockImplementation(() => undefined);
  vi.spyOn(shared, "putMetadata").mockImplementation((key, value) => {
    recorded.push({ key, value });
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("traces hold no handler responses", () => {
  it("the API pipeline records nothing of a response with a session cookie, CSRF token and customer data", async () => {
    const operations = {
      async listUsers({ response }) {
        response.cookies.push(`${secretCookie}; HttpOnly`);
        return {
          users: [
            {
              username: "kundin",
              displayName: "Erika Mustermann",
              role: "agent",
              active: true,
              createdAt: "c",
              updatedAt: "u",
            },
          ],
        };
      },
    } as Partial<FeatureOperations<"admin">> as FeatureOperations<"admin">;
    const handler = createFeatureHandler("admin", operations, { authenticate: async () => admin });
    const result = (await handler(
      apiEvent("GET", "/api/admin/users"),
      lambdaContext("admin"),
    )) as APIGatewayProxyStructuredResultV2;
    expect(result.statusCode).toBe(200);
    expect(result.cookies).toEqual([`${secretCookie}; HttpOnly`]);
    expect(vi.mocked(tracer().isTracingEnabled)).toHaveBeenCalled();
    expect(recorded).toEqual([]);
  });

  it("a job handler records nothing of its result", async () => {
    const handler = createJobHandler("probe", async () => ({ customer: "Erika Mustermann" }));
    expect(await handler({ source: "test" }, lambdaContext("probe"))).toEqual({
      customer: "Erika Mustermann",
    });
    expect(recorded).toEqual([]);
  });

  it("the outbox consumer records nothing of its result", async () => {
    const { handler } = await import("../../functions/events/handler.ts");
    const event: DynamoDBStreamEvent = { Records: [] };
    expect(await handler(event, lambdaContext("events"))).toEqual({ batchItemFailures: [] });
    expect(recorded).toEqual([]);
  });

  it("captures no outgoing HTTP(S) requests (Google Calendar URLs name consultants)", () => {
    // Private in the types; the constructor option decides whether http, https and fetch get patched.
    expect(Reflect.get(tracer(), "captureHTTPsRequests")).toBe(false);
  });
});
