import type { DynamoDBStreamEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { dispatchStreamEvent } from "../../functions/events/dispatch.ts";
import { matchRoute, toApiGatewayEvent } from "../../local/gateway.ts";
import { toLambdaRecord } from "../../local/stream-poller.ts";
import { isRetryableCalendarError, withCalendarRetry } from "../../shared/calendar/retry.ts";
import type { OutboxEvent } from "../../shared/events/outbox.ts";

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
