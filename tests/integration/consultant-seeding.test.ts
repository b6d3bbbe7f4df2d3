import { randomUUID } from "node:crypto";
import { DeleteTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { lambdaContext } from "../../local/lambda-context.ts";

// A table of its own: the shared stack's table already has the demo consultants.
const tableName = `seed-test-${randomUUID().slice(0, 8)}`;
const names = ["Anna Berger", "Ben Kraus", "Cora Lenz", "Dana Voss", "Emil Roth", "Finn Hahn"];
const consultants = names
  .map((name) => `${name}:${name.split(" ")[0]?.toLowerCase()}@example.com`)
  .join(", ");
let client: DynamoDBClient;

beforeAll(async () => {
  process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
  process.env.TABLE_NAME = tableName;
  // On AWS only the availability job has CONSULTANTS (`-c consultants=…`).
  process.env.CONSULTANTS = consultants;
  const { resetConfig } = await import("../../shared/config.ts");
  const { resetClients } = await import("../../shared/data/clients.ts");
  resetConfig();
  resetClients();
  const { ensureTable, localRegion } = await import("../../local/dynamodb-local.ts");
  client = new DynamoDBClient({
    endpoint: inject("dynamoEndpoint"),
    region: localRegion,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  await ensureTable(client, tableName);
});

afterAll(async () => {
  await client.send(new DeleteTableCommand({ TableName: tableName }));
});

describe("consultants given at deploy", () => {
  it("are seeded by the availability job before it runs, once, even when runs start together", async () => {
    const { createJobHandler } = await import("../../shared/jobs/job-handler.ts");
    const { listConsultants } = await import("../../shared/data/consultants-repository.ts");
    const handler = createJobHandler("generate-availability", async () =>
      (await listConsultants()).map((consultant) => consultant.name).sort(),
    );
    // Runs a few milliseconds apart: one that starts while another is mid-seed must not go on with half the list.
    const runs = await Promise.all(
      Array.from({ length: 8 }, async (_, index) => {
        await new Promise((resolve) => setTimeout(resolve, index * 4));
        return handler({ source: "test" }, lambdaContext("generate-availability"));
      }),
    );
    for (const seenByRun of runs) expect(seenByRun).toEqual(names);
    const stored = await listConsultants();
    expect(stored.map((consultant) => consultant.calendarId).sort()).toEqual(
      names.map((name) => `${name.split(" ")[0]?.toLowerCase()}@example.com`),
    );
    expect(stored.every((consultant) => consultant.active)).toBe(true);
  });

  it("are not seeded again once consultants exist (admins manage them from then on)", async () => {
    const { seedConsultants } = await import("../../shared/data/consultants-repository.ts");
    expect(await seedConsultants(`${consultants},Cem Demir:cem@example.com`)).toBe(0);
  });
});
