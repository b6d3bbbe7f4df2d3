import { randomUUID } from "node:crypto";
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { Principal } from "../../shared/http/principal.ts";

/**
 * The repositories run in this process against the shared DynamoDB Local;
 * SDK middlewares on the document client stand in for what DynamoDB Local
 * never does (leave batch items unprocessed) or count what was sent.
 */
let dynamo: DynamoDBDocumentClient;
let table: string;
let sessions: typeof import("../../shared/data/sessions-repository.ts");
let consultants: typeof import("../../shared/data/consultants-repository.ts");
let bookings: typeof import("../../shared/data/bookings-repository.ts");
let listBookings: ReturnType<
  typeof import("../../functions/booking/booking-service.ts").bookingService
>["listBookings"];
let keys: typeof import("../../shared/data/keys.ts").keys;

beforeAll(async () => {
  process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
  process.env.S3_ENDPOINT = inject("s3Endpoint");
  process.env.GOOGLE_CALENDAR_API_URL = inject("calendarUrl");
  dynamo = (await import("../../shared/data/clients.ts")).dynamoClient();
  table = (await import("../../shared/config.ts")).config().TABLE_NAME;
  sessions = await import("../../shared/data/sessions-repository.ts");
  consultants = await import("../../shared/data/consultants-repository.ts");
  bookings = await import("../../shared/data/bookings-repository.ts");
  const { bookingService } = await import("../../functions/booking/booking-service.ts");
  const { dynamoBookingStore } = await import("../../functions/booking/booking-store.ts");
  ({ listBookings } = bookingService(dynamoBookingStore));
  ({ keys } = await import("../../shared/data/keys.ts"));
});

const probe = "test-data-layer-probe";
afterEach(() => {
  dynamo.middlewareStack.remove(probe);
});

describe("sessions", () => {
  it("ends every session of a user even when BatchWrite leaves items unprocessed", async () => {
    const username = `batch${randomUUID().slice(0, 8)}`;
    const now = Date.now();
    for (let index = 0; index < 30; index++) {
      await sessions.putSession({
        sessionId: randomUUID(),
        username,
        role: "agent",
        displayName: "Batch",
        csrfToken: "t",
        createdAt: new Date(now + index).toISOString(),
        expiresAt: Math.floor(now / 1000) + 3600,
      });
    }
    // Each batch's first write is throttled as a whole: DynamoDB answers with every request unprocessed.
    let batches = 0;
    dynamo.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as { RequestItems?: Record<string, unknown[]> };
        if (!input.RequestItems || batches++ % 2 === 1) return next(args);
        return { output: { UnprocessedItems: input.RequestItems, $metadata: {} }, response: {} };
      },
      { step: "initialize", name: probe },
    );

    expect(await sessions.deleteSessionsOfUser(username)).toBe(30);

    const left = await dynamo.send(
      new QueryCommand({
        TableName: table,
        IndexName: "gsi1",
        KeyConditionExpression: "gsi1pk = :pk",
        ExpressionAttributeValues: { ":pk": keys.sessionsOfUserPartition(username) },
      }),
    );
    expect(left.Items).toEqual([]);
    expect(batches).toBe(4);
  });
});

describe("consultants", () => {
  it("never overwrites an existing consultant on create", async () => {
    const id = randomUUID().slice(0, 8);
    const first = { id, name: `Erste ${id}`, calendarId: "first@demo.local", active: true };
    expect(await consultants.createConsultant(first)).toBe(true);

    expect(await consultants.createConsultant({ ...first, name: "Zweite", calendarId: "x@demo.local" })).toBe(
      false,
    );

    expect(await consultants.getConsultant(id)).toEqual(first);
  });

  it("never creates a consultant through an update", async () => {
    const ghost = { id: randomUUID().slice(0, 8), name: "Niemand", calendarId: "n@demo.local", active: true };
    expect(await consultants.putConsultant(ghost)).toBeUndefined();
    expect(await consultants.getConsultant(ghost.id)).toBeUndefined();
  });
});

describe("items are parsed on read", () => {
  it("refuses a stored booking that does not match its schema instead of passing it on", async () => {
    const id = randomUUID().replaceAll("-", "");
    await dynamo.send(
      new PutCommand({
        TableName: table,
        Item: { ...keys.booking(id), type: "booking", id, date: "2031-01-01", points: "viele" },
      }),
    );
    await expect(bookings.getBooking(id)).rejects.toThrow(
      /booking item does not match its schema at .*points/,
    );
  });
});

describe("the all-agents booking list", () => {
  it("queries its day partitions with at most 8 in flight", async () => {
    let inFlight = 0;
    let most = 0;
    dynamo.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as { IndexName?: string };
        if (input.IndexName !== "gsi2") return next(args);
        inFlight++;
        most = Math.max(most, inFlight);
        try {
          return await next(args);
        } finally {
          inFlight--;
        }
      },
      { step: "initialize", name: probe },
    );
    const admin: Principal = {
      username: "admin",
      role: "admin",
      displayName: "Admin",
      sessionId: "s",
      csrfToken: "t",
    };

    await listBookings({ from: "2031-01-01", to: "2031-04-30" }, admin);

    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(8);
  });
});

describe("calendar sync retries", () => {
  it("keep the first failure's time across attempts, so the oldest pending retry's age can be alarmed on", async () => {
    const retries = await import("../../shared/data/sync-retry-repository.ts");
    const bookingId = randomUUID().replaceAll("-", "");
    const firstFailure = new Date(Date.now() - 2 * 3600_000).toISOString();
    await retries.scheduleSyncRetry(bookingId, new Date(Date.now() + 60_000).toISOString(), firstFailure);
    // A later failed attempt moves the next attempt, not the first failure.
    await retries.scheduleSyncRetry(bookingId, new Date(Date.now() + 120_000).toISOString());
    try {
      const stored = await dynamo.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": keys.syncRetry(bookingId).pk },
        }),
      );
      expect(stored.Items?.[0]?.firstFailedAt).toBe(firstFailure);
      const oldest = await retries.oldestPendingSyncFailure();
      expect(oldest).toBeDefined();
      expect(oldest! <= firstFailure).toBe(true);
    } finally {
      await retries.clearSyncRetry(bookingId);
    }
  });
});
