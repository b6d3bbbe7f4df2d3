import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { lambdaContext } from "../../local/lambda-context.ts";
import type { StoredSlot } from "../../shared/data/slots-repository.ts";
import { customer } from "../support/booking.ts";
import { apiEvent } from "../support/events.ts";
import { demoAgent, signedIn, type TestClient } from "../support/http.ts";

/**
 * DynamoDB Local never cancels a transaction with `TransactionConflict` and
 * never throttles, so the booking handler runs in this process against the
 * shared DynamoDB Local, and an SDK middleware on its document client injects
 * what AWS does under contention. Nothing of ours is replaced.
 */
let bookingHandler: typeof import("../../functions/booking/handler.ts").handler;
let dynamo: DynamoDBDocumentClient;
let listSlots: typeof import("../../shared/data/slots-repository.ts").listSlots;
let writeSlotOffer: typeof import("../../shared/data/slots-repository.ts").writeSlotOffer;
let listConsultants: typeof import("../../shared/data/consultants-repository.ts").listConsultants;
let agent: TestClient;

beforeAll(async () => {
  process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
  process.env.S3_ENDPOINT = inject("s3Endpoint");
  process.env.GOOGLE_CALENDAR_API_URL = inject("calendarUrl");
  ({ handler: bookingHandler } = await import("../../functions/booking/handler.ts"));
  ({ listSlots, writeSlotOffer } = await import("../../shared/data/slots-repository.ts"));
  ({ listConsultants } = await import("../../shared/data/consultants-repository.ts"));
  dynamo = (await import("../../shared/data/clients.ts")).dynamoClient();
  agent = await signedIn(demoAgent);
});

const injector = "test-transaction-faults";

afterEach(() => {
  dynamo.middlewareStack.remove(injector);
});

/**
 * Fails the first `failures` attempts of every booking's transaction (told
 * apart by the booking id in it) with `fault`, before the request is sent.
 */
function injectTransactionFaults(failures: number, fault: (items: number) => Error) {
  const attempts = new Map<string, number>();
  dynamo.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { TransactItems?: unknown[] };
      const booking = input.TransactItems ? /BOOKING#([0-9a-f]{32})/.exec(JSON.stringify(input)) : null;
      if (!booking?.[1]) return next(args);
      const attempt = (attempts.get(booking[1]) ?? 0) + 1;
      attempts.set(booking[1], attempt);
      if (attempt <= failures) throw fault(input.TransactItems?.length ?? 0);
      return next(args);
    },
    { step: "initialize", name: injector },
  );
  return attempts;
}

const conflict = (items: number) =>
  new TransactionCanceledException({
    message:
      "Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]",
    $metadata: { httpStatusCode: 400 },
    CancellationReasons: Array.from({ length: items }, (_, index) =>
      index === 0
        ? { Code: "TransactionConflict", Message: "Transaction is ongoing for the item" }
        : { Code: "None" },
    ),
  });

const throttled = () =>
  Object.assign(new Error("The level of configured provisioned throughput for the table was exceeded."), {
    name: "ProvisionedThroughputExceededException",
  });

async function postBooking(slot: StoredSlot, suffix: string | number) {
  const result = (await bookingHandler(
    apiEvent("POST", "/api/bookings", {
      body: { date: slot.date, time: slot.time, ...customer(suffix) },
      headers: { cookie: agent.cookie, "x-csrf-token": agent.csrfToken },
    }),
    lambdaContext("booking"),
  )) as APIGatewayProxyStructuredResultV2;
  return {
    status: result.statusCode ?? 0,
    headers: result.headers ?? {},
    body: JSON.parse(result.body ?? "{}"),
  };
}

/**
 * A fresh slot offered by two consultants × 4 places, written through the
 * slots repository on a day of 2031 that no availability run touches.
 */
let nextSlot = 0;
async function freshSlot(): Promise<StoredSlot> {
  const consultants = (await listConsultants()).slice(0, 2).map((consultant) => consultant.id);
  const date = `2031-03-${String(4 + nextSlot++).padStart(2, "0")}`;
  const start = new Date(`${date}T08:00:00Z`);
  const slot = {
    date,
    time: "09:00",
    start: start.toISOString(),
    end: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
    consultants,
    places: Object.fromEntries(consultants.map((id) => [id, 4])),
    capacity: 8,
    updatedAt: new Date().toISOString(),
  };
  await writeSlotOffer(slot);
  return { ...slot, booked: 0, bookedBy: {} };
}

async function bookedCount(slot: StoredSlot): Promise<number> {
  return (await listSlots(slot.date, slot.date)).find((s) => s.time === slot.time)!.booked;
}

describe("transactions under contention", () => {
  it("retries TransactionConflict: 50 concurrent bookings into 8 places, 3 conflicts each → 8 × 201, 42 × 409", async () => {
    const slot = await freshSlot();
    const attempts = injectTransactionFaults(3, conflict);

    const responses = await Promise.all(Array.from({ length: 50 }, (_, index) => postBooking(slot, index)));

    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(8);
    expect(statuses.filter((status) => status === 409)).toHaveLength(42);
    expect(await bookedCount(slot)).toBe(8);
    // Every booking that reached the transaction went through the injected conflicts (more
    // attempts: its first consultant filled meanwhile and it was assigned the other one).
    const created = responses.filter((r) => r.status === 201).map((r) => r.body.booking.id as string);
    for (const id of created) expect(attempts.get(id)).toBeGreaterThanOrEqual(4);
  });

  it("answers 503 with Retry-After when the conflicts do not stop, and takes no place", async () => {
    const slot = await freshSlot();
    injectTransactionFaults(Number.POSITIVE_INFINITY, conflict);

    const started = Date.now();
    const response = await postBooking(slot, "busy");

    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ error: { code: "unavailable" } });
    expect(Number(response.headers["retry-after"])).toBeGreaterThan(0);
    // Bounded: five attempts with jittered backoff stay under a second (plus the request's own reads).
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await bookedCount(slot)).toBe(0);
  });

  it("retries throttling the same way", async () => {
    const slot = await freshSlot();
    injectTransactionFaults(2, throttled);

    const response = await postBooking(slot, "throttled");

    expect(response.status).toBe(201);
    expect(await bookedCount(slot)).toBe(1);
  });
});
