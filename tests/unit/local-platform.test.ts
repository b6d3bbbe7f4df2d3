import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DynamoDBStreamEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { dispatchStreamEvent } from "../../functions/events/dispatch.ts";
import {
  type Gateway,
  logGatewayFailure,
  matchRoute,
  startGateway,
  toApiGatewayEvent,
} from "../../local/gateway.ts";
import { lambdaContext } from "../../local/lambda-context.ts";
import { toLambdaRecord } from "../../local/stream-poller.ts";
import { isRetryableCalendarError, withCalendarRetry } from "../../shared/calendar/retry.ts";
import type { OutboxEvent } from "../../shared/events/outbox.ts";
import { createFeatureHandler, type FeatureOperations } from "../../shared/http/pipeline.ts";
import { securityHeaders } from "../../shared/http/security-headers.ts";
import { apiEvent } from "../support/events.ts";

describe("local gateway", () => {
  it("builds the API Gateway v2 event: route key, path params, query, cookies, base64 for binary bodies", () => {
    const { route, pathParameters } = matchRoute("PATCH", "/api/bookings/abc");
    expect(route?.path).toBe("/api/bookings/{id}");
    const event = toApiGatewayEvent(
      {
        method: "PATCH",
        url: "/api/bookings/abc?x=1&x=2&y=%C3%BC",
        headers: {
          cookie: "a=1; session=tok",
          "content-type": "application/octet-stream",
          host: "localhost:3000",
        },
        body: Buffer.from([0xff, 0x00]),
        sourceIp: "127.0.0.1",
      },
      route!,
      pathParameters,
    );
    expect(event).toMatchObject({
      version: "2.0",
      routeKey: "PATCH /api/bookings/{id}",
      rawPath: "/api/bookings/abc",
      pathParameters: { id: "abc" },
      queryStringParameters: { x: "1,2", y: "ü" },
      cookies: ["a=1", "session=tok"],
      isBase64Encoded: true,
      body: "/wA=",
    });
    expect(event.headers.cookie).toBeUndefined();
    expect(event.requestContext.http).toMatchObject({ method: "PATCH", sourceIp: "127.0.0.1" });
  });

  it("tells unknown paths from wrong methods", () => {
    expect(matchRoute("GET", "/api/nope").pathMatched).toBe(false);
    expect(matchRoute("DELETE", "/api/health")).toMatchObject({ route: undefined, pathMatched: true });
  });
});

describe("gateway answers of its own", () => {
  let gateway: Gateway;
  beforeAll(async () => {
    const siteDir = mkdtempSync(join(tmpdir(), "site-"));
    writeFileSync(join(siteDir, "index.html"), "<!doctype html>");
    gateway = await startGateway({ port: 0, responseHeaders: securityHeaders, siteDir });
  });
  afterAll(() => gateway.close());

  it("carry the security headers and the error shape (404, 405, 400 for malformed percent-encoding)", async () => {
    const cases = [
      ["GET", "/api/nope", 404, "not_found"],
      ["DELETE", "/api/health", 405, "method_not_allowed"],
      ["POST", "/elsewhere", 404, "not_found"],
      ["PATCH", "/api/bookings/%E0%A4%A", 400, "invalid"],
      ["GET", "/assets/%zz", 400, "invalid"],
    ] as const;
    for (const [method, path, status, code] of cases) {
      const response = await fetch(`${gateway.url}${path}`, { method });
      expect({ path, status: response.status }).toEqual({ path, status });
      expect(await response.json()).toEqual({ error: { code, message: expect.any(String) } });
      for (const [name, value] of Object.entries(securityHeaders))
        expect(response.headers.get(name)).toBe(value);
    }
  });

  it("logs a failing path as data, not as a format string", () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      logGatewayFailure("GET", "/api/%s%d", new Error("boom"));
      const [format, ...args] = logged.mock.calls[0] ?? [];
      expect(String(format)).not.toContain("/api/");
      expect(args).toContain("/api/%s%d");
    } finally {
      logged.mockRestore();
    }
  });
});

describe("Lambda path parameters", () => {
  it("refuses malformed percent-encoding with 400 instead of failing", async () => {
    const handler = createFeatureHandler("consultants", {} as FeatureOperations<"consultants">, {
      authenticate: async () => ({
        username: "boss",
        role: "admin",
        displayName: "Boss",
        sessionId: "s",
        csrfToken: "t",
      }),
    });
    const event = apiEvent("PATCH", "/api/admin/consultants/c1", { body: { name: "X" } });
    event.pathParameters = { id: "%E0%A4%A" };
    const result = await handler(event, lambdaContext("test"));
    expect(typeof result === "object" && result.statusCode).toBe(400);
    expect(JSON.parse((result as { body: string }).body).error.fields).toEqual({
      "params.id": "Ungültig kodiert",
    });
  });
});

describe("stream delivery", () => {
  const outboxRecord = (sequence: string, type: string) =>
    toLambdaRecord(
      {
        eventID: sequence,
        eventName: "INSERT",
        dynamodb: {
          SequenceNumber: sequence,
          Keys: { pk: { S: "OUTBOX#b1" }, sk: { S: sequence } },
          NewImage: {
            pk: { S: "OUTBOX#b1" },
            eventId: { S: `e${sequence}` },
            eventType: { S: type },
            occurredAt: { S: "2026-01-01T00:00:00Z" },
            payload: { M: { bookingId: { S: "b1" } } },
          },
        },
      },
      "arn:stream",
    );

  it("runs subscribers in order and reports the failed record and all after it", async () => {
    const seen: string[] = [];
    const event: DynamoDBStreamEvent = {
      Records: [outboxRecord("1", "ok"), outboxRecord("2", "boom"), outboxRecord("3", "ok")],
    };
    const result = await dispatchStreamEvent(
      event,
      {
        ok: [async (e: OutboxEvent) => void seen.push(e.id)],
        boom: [
          async () => {
            throw new Error("down");
          },
        ],
      },
      () => undefined,
    );
    expect(seen).toEqual(["e1"]);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: "2" }, { itemIdentifier: "3" }]);
  });

  it("ignores items that are not outbox events without reading their images", async () => {
    const other = toLambdaRecord(
      {
        eventName: "INSERT",
        dynamodb: {
          SequenceNumber: "9",
          Keys: { pk: { S: "AUDIT#2026-01-01" }, sk: { S: "x" } },
          NewImage: { bad: {} as { S: string } },
        },
      },
      "arn:stream",
    );
    const result = await dispatchStreamEvent({ Records: [other] }, {}, () => undefined);
    expect(result.batchItemFailures).toEqual([]);
  });
});

describe("calendar retry", () => {
  const googleError = (status: number, reason?: string) =>
    Object.assign(new Error("x"), {
      response: { status, data: { error: { errors: reason ? [{ reason }] : [] } } },
    });

  it("retries rate limits, 5xx and network errors, not client errors", () => {
    expect(isRetryableCalendarError(googleError(429))).toBe(true);
    expect(isRetryableCalendarError(googleError(503))).toBe(true);
    expect(isRetryableCalendarError(googleError(403, "rateLimitExceeded"))).toBe(true);
    expect(isRetryableCalendarError(googleError(403, "forbidden"))).toBe(false);
    expect(isRetryableCalendarError(googleError(409))).toBe(false);
    expect(isRetryableCalendarError(new Error("ECONNRESET"))).toBe(true);
  });

  it("gives up after the attempts and passes non-retryable errors straight on", async () => {
    let calls = 0;
    await expect(
      withCalendarRetry(
        async () => {
          calls++;
          throw googleError(500);
        },
        { attempts: 3, baseDelayMs: 1 },
      ),
    ).rejects.toThrow();
    expect(calls).toBe(3);
    calls = 0;
    await expect(
      withCalendarRetry(async () => {
        calls++;
        throw googleError(404);
      }),
    ).rejects.toThrow();
    expect(calls).toBe(1);
    calls = 0;
    const value = await withCalendarRetry(
      async () => {
        calls++;
        if (calls < 2) throw googleError(429);
        return "ok";
      },
      { baseDelayMs: 1 },
    );
    expect(value).toBe("ok");
  });
});
