import { createHash } from "node:crypto";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { config } from "../config.ts";
import { type Consultant, consultantAdminSchema } from "../contracts/booking-records.ts";
import { markMigrationDone, migrationDone } from "./booking-settings.ts";
import { dynamoClient } from "./clients.ts";
import { unlessConditionFails } from "./errors.ts";
import { parseItem } from "./items.ts";
import { keys } from "./keys.ts";
import { queryAll } from "./query.ts";
import { indexes } from "./table.ts";

const table = () => config().TABLE_NAME;

function toConsultant(item: Record<string, unknown>): Consultant {
  // Strict (not loose): the admin API returns this object as it is.
  return parseItem("consultant", consultantAdminSchema, item);
}

export async function listConsultants(): Promise<Consultant[]> {
  const items = await queryAll({
    TableName: table(),
    IndexName: indexes.gsi1,
    KeyConditionExpression: "gsi1pk = :pk",
    ExpressionAttributeValues: { ":pk": keys.consultantsPartition() },
  });
  return items.map(toConsultant);
}

export async function getConsultant(id: string): Promise<Consultant | undefined> {
  const result = await dynamoClient().send(new GetCommand({ TableName: table(), Key: keys.consultant(id) }));
  return result.Item ? toConsultant(result.Item) : undefined;
}

function consultantPut(consultant: Consultant, condition: string) {
  return new PutCommand({
    TableName: table(),
    Item: {
      ...keys.consultant(consultant.id),
      ...keys.consultantListing(consultant.name),
      type: "consultant",
      ...consultant,
      updatedAt: new Date().toISOString(),
    },
    ConditionExpression: condition,
  });
}

/** Creates the consultant; false when one with this id exists (never overwrites it). */
export async function createConsultant(consultant: Consultant): Promise<boolean> {
  const written = await unlessConditionFails(
    dynamoClient().send(consultantPut(consultant, "attribute_not_exists(pk)")),
  );
  return written !== undefined;
}

/** Replaces an existing consultant; undefined when there is none (never creates one). */
export async function putConsultant(consultant: Consultant): Promise<Consultant | undefined> {
  const written = await unlessConditionFails(
    dynamoClient().send(consultantPut(consultant, "attribute_exists(pk)")),
  );
  return written && consultant;
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

/** Seeded consultants get an id derived from the calendar id, so concurrent seeds write the same items. */
export function seededConsultantId(calendarId: string): string {
  return createHash("sha256").update(calendarId.trim().toLowerCase()).digest("hex").slice(0, 8);
}

const consultantsSeededMarker = "consultants-seeded";

/**
 * Seeds consultants from CONSULTANTS once; afterwards admins manage them.
 * Runs at every local start and before every availability run on AWS, possibly
 * concurrently. Every run that starts before the seed is done writes the whole
 * list (each create conditional on an id derived from the calendar, so nothing
 * is created twice or overwritten) and only then the marker: a run never goes
 * on with half the list another run is still writing. Consultants that are not
 * from the list mean admins manage them already (a table from before the marker).
 */
export async function seedConsultants(list: string): Promise<number> {
  const consultants = parseConsultantList(list);
  if (consultants.length === 0 || (await migrationDone(consultantsSeededMarker))) return 0;
  const seededIds = new Set(consultants.map((consultant) => seededConsultantId(consultant.calendarId)));
  const existing = await listConsultants();
  const managedByAdmins = existing.some((consultant) => !seededIds.has(consultant.id));
  let created = 0;
  if (!managedByAdmins) {
    for (const consultant of consultants) {
      if (await createConsultant({ id: seededConsultantId(consultant.calendarId), ...consultant }))
        created += 1;
    }
  }
  await markMigrationDone(consultantsSeededMarker, new Date().toISOString());
  return created;
}
