import { randomUUID } from "node:crypto";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import type { StoredBooking } from "../../shared/data/bookings-repository.ts";
import type { Outcome } from "../../shared/domain/booking/outcomes.ts";

/**
 * A resolved booking stored as the API stores it and counted through the
 * events handler's aggregates subscriber (as the stream would deliver its
 * event). Needs DYNAMODB_ENDPOINT set to the stack's DynamoDB Local first.
 */
export async function seedCountedBooking(input: {
  date: string;
  time: string;
  outcome: Outcome;
  consultant: string;
  agent?: string;
  points?: number;
}): Promise<string> {
  const { dynamoClient } = await import("../../shared/data/clients.ts");
  const { keys } = await import("../../shared/data/keys.ts");
  const { countBookingEvent } = await import("../../shared/data/analytics/aggregates-repository.ts");
  const id = randomUUID().replaceAll("-", "");
  const at = new Date().toISOString();
  const agent = input.agent ?? "anna";
  const booking: StoredBooking = {
    id,
    eventId: `ev${id}`,
    date: input.date,
    time: input.time,
    start: `${input.date}T${input.time}:00.000Z`,
    end: `${input.date}T${input.time}:00.000Z`,
    firstName: "Dash",
    lastName: "Board",
    phone: "+4915112345678",
    agent,
    consultant: input.consultant,
    status: "booked",
    outcome: input.outcome,
    potentialClass: "standard",
    points: input.points ?? 3,
    sync: { state: "synced", attempts: 0 },
    createdAt: at,
    updatedAt: at,
  };
  await dynamoClient().send(
    new PutCommand({
      TableName: "slot-booking",
      Item: {
        ...keys.booking(id),
        ...keys.bookingOfAgent(agent, booking.start, id),
        ...keys.bookingOnDay(input.date, input.time, id),
        type: "booking",
        ...booking,
      },
    }),
  );
  await countBookingEvent({ payload: { bookingId: id } });
  return id;
}
