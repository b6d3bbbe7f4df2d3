import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { lambdaContext } from "../../local/lambda-context.ts";
import type { StoredSlot } from "../../shared/data/slots-repository.ts";
import { customer } from "../support/booking.ts";
import { apiEvent } from "../support/events.ts";
import { demoAgent, signedIn, type TestClient } from "../support/http.ts";

/**
 * The booking handler runs in this process against the shared DynamoDB Local;
 * an SDK middleware on its document client records every call it makes (and,
 * to lose a race on purpose, lets another booking finish first). Nothing of
 * ours is replaced.
 */
let bookingHandler: typeof import("../../functions/booking/handler.ts").handler;
let dynamo: DynamoDBDocumentClient;
let writeSlotOffer: typeof import("../../shared/data/slots-repository.ts").writeSlotOffer;
let listSlots: typeof import("../../shared/data/slots-repository.ts").listSlots;
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

const recorder = "test-round-trips";
afterEach(() => {
  dynamo.middlewareStack.remove(recorder);
});

type Call = "transaction" | "get" | "query" | "batch-get" | "other";

function kindOf(input: Record<string, unknown>): Call {
  if ("TransactItems" in input) return "transaction";
  if ("RequestItems" in input) return "batch-get";
  if ("KeyConditionExpression" in input) return "query";
  if ("Key" in input && !("UpdateExpression" in input)) return "get";
  return "other";
}

async function postBooking(slot: StoredSlot, suffix: string) {
  const result = (await bookingHandler(
    apiEvent("POST", "/api/bookings", {
      body: { date: slot.date, time: slot.time, ...customer(suffix) },
      headers: { cookie: agent.cookie, "x-csrf-token": agent.csrfToken },
    }),
    lambdaContext("booking"),
  )) as APIGatewayProxyStructuredResultV2;
  return { status: result.statusCode ?? 0, body: JSON.parse(result.body ?? "{}") };
}

/** One consultant, one place, on a day of 2032 that no availability run touches. */
async function lastPlaceSlot(day: number): Promise<StoredSlot> {
  const [consultant] = (await listConsultants()).map(({ id }) => id);
  if (!consultant) throw new Error("no consultants");
  const date = `2032-05-${String(day).padStart(2, "0")}`;
  const start = new Date(`${date}T08:00:00Z`);
  const slot = {
    date,
    time: "09:00",
    start: start.toISOString(),
    end: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
    consultants: [consultant],
    places: { [consultant]: 1 },
    capacity: 1,
    updatedAt: new Date().toISOString(),
  };
  await writeSlotOffer(slot);
  return { ...slot, booked: 0, bookedBy: {} };
}

describe("round trips of a booking", () => {
  it("a booking that loses the last place answers 409 'full' from its transaction, without reading the slot again", async () => {
    const slot = await lastPlaceSlot(3 + Math.floor(Math.random() * 25));
    const calls: Call[] = [];
    let rivalDone = false;
    dynamo.middlewareStack.add(
      (next) => async (args) => {
        const kind = kindOf(args.input as Record<string, unknown>);
        if (kind === "transaction" && !rivalDone) {
          // Our booking read the slot as free; a rival takes the place before our transaction runs.
          rivalDone = true;
          const rival = await postBooking(slot, "rival");
          expect(rival.status).toBe(201);
          calls.length = 0;
        }
        calls.push(kind);
        return next(args);
      },
      { step: "initialize", name: recorder },
    );

    const response = await postBooking(slot, "late");

    expect(response.status).toBe(409);
    expect(response.body.error.messageId).toBe("booking.slotFull");
    // The transaction was the last call: its failed condition said why.
    expect(calls).toEqual(["transaction"]);
    expect((await listSlots(slot.date, slot.date)).find((s) => s.time === slot.time)?.booked).toBe(1);
  });
});
