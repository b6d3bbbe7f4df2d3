import { randomUUID } from "node:crypto";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { config } from "../config.ts";
import type { Consultant } from "../contracts/booking.ts";
import { dynamoClient } from "./clients.ts";
import { keys } from "./keys.ts";
import { queryAll } from "./query.ts";

const table = () => config().TABLE_NAME;

function toConsultant(item: Record<string, unknown>): Consultant {
  const { id, name, calendarId, active } = item as Consultant;
  return { id, name, calendarId, active };
}

export async function listConsultants(): Promise<Consultant[]> {
  const items = await queryAll({
    TableName: table(),
    IndexName: "gsi1",
    KeyConditionExpression: "gsi1pk = :pk",
    ExpressionAttributeValues: { ":pk": keys.consultantsPartition() },
  });
  return items.map(toConsultant);
}

export async function getConsultant(id: string): Promise<Consultant | undefined> {
  const result = await dynamoClient().send(new GetCommand({ TableName: table(), Key: keys.consultant(id) }));
  return result.Item ? toConsultant(result.Item) : undefined;
}

export async function putConsultant(consultant: Consultant): Promise<Consultant> {
  await dynamoClient().send(
    new PutCommand({
      TableName: table(),
      Item: {
        ...keys.consultant(consultant.id),
        ...keys.consultantListing(consultant.name),
        type: "consultant",
        ...consultant,
        updatedAt: new Date().toISOString(),
      },
    }),
  );
  return consultant;
}

/** `Name:calendarId,…` (the CONSULTANTS variable). */
export function parseConsultantList(value: string): Omit<Consultant, "id">[] {
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const separator = entry.lastIndexOf(":");
      return {
        name: entry.slice(0, separator).trim(),
        calendarId: entry.slice(separator + 1).trim(),
        active: true,
      };
    })
    .filter((consultant) => consultant.name && consultant.calendarId);
}

/** Seeds consultants from CONSULTANTS the first time; afterwards admins manage them. */
export async function seedConsultants(list: string): Promise<number> {
  if ((await listConsultants()).length > 0) return 0;
  const consultants = parseConsultantList(list);
  for (const consultant of consultants) await putConsultant({ id: randomUUID().slice(0, 8), ...consultant });
  return consultants.length;
}
