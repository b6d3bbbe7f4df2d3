import { createHash, randomUUID } from "node:crypto";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { lambdaContext } from "../../local/lambda-context.ts";
import { parseBootstrapUsers } from "../../shared/auth/bootstrap.ts";
import { config } from "../../shared/config.ts";
import { dynamoClient } from "../../shared/data/clients.ts";
import { keys } from "../../shared/data/keys.ts";
import { queryAll } from "../../shared/data/query.ts";
import { apiEvent } from "../support/events.ts";
import { demoAgent, randomAddress } from "../support/http.ts";

/**
 * The auth handler runs in this process, so the local secret source (the
 * environment) can be changed between requests as an operator would put a
 * secret, and its metrics can be read.
 */
type Handler = (
  event: ReturnType<typeof apiEvent>,
  context: ReturnType<typeof lambdaContext>,
) => Promise<APIGatewayProxyStructuredResultV2>;

let auth: Handler;
const output: string[] = [];
const originalStdout = process.stdout.write.bind(process.stdout);

beforeAll(async () => {
  process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
  process.env.S3_ENDPOINT = inject("s3Endpoint");
  process.env.GOOGLE_CALENDAR_API_URL = inject("calendarUrl");
  process.env.POWERTOOLS_METRICS_DISABLED = "false";
  delete process.env.BOOTSTRAP_USERS;
  auth = (await import("../../functions/auth/handler.ts")).handler as Handler;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    output.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return true;
  }) as typeof process.stdout.write;
});

afterAll(() => {
  process.stdout.write = originalStdout;
  delete process.env.BOOTSTRAP_USERS;
});

const uniqueName = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

function login(username: string, password: string, sourceIp = randomAddress()) {
  return auth(
    apiEvent("POST", "/api/auth/login", { body: { username, password }, sourceIp }),
    lambdaContext("test"),
  );
}

function me(cookie: string) {
  return auth(apiEvent("GET", "/api/auth/me", { headers: { cookie } }), lambdaContext("test"));
}

describe("BOOTSTRAP_USERS", () => {
  const name = uniqueName("boot");
  const password = "pass:with:colons-1";

  it("takes effect when put after the first request, with colons in passwords and a bad entry skipped", async () => {
    expect((await login(demoAgent.username, demoAgent.password)).statusCode).toBe(200);
    expect((await login(name, password)).statusCode).toBe(401);

    const other = uniqueName("boot");
    process.env.BOOTSTRAP_USERS = `${name}:${password}:admin, broken-entry, ${other}:second-pass-2`;
    const signedIn = await login(name, password);
    expect(signedIn.statusCode).toBe(200);
    expect(JSON.parse(signedIn.body ?? "{}")).toMatchObject({ user: { username: name, role: "admin" } });
    expect((await login(other, "second-pass-2")).statusCode).toBe(200);
    // Everyone else still signs in although one entry is unusable.
    expect((await login(demoAgent.username, demoAgent.password)).statusCode).toBe(200);
  });

  it("ends the sessions of a user whose entry changes", async () => {
    const signedIn = await login(name, password);
    const cookie = (signedIn.cookies?.[0] ?? "").split(";")[0] ?? "";
    expect((await me(cookie)).statusCode).toBe(200);
    process.env.BOOTSTRAP_USERS = `${name}:${password}:agent`;
    expect((await login(demoAgent.username, demoAgent.password)).statusCode).toBe(200);
    expect((await me(cookie)).statusCode).toBe(401);
    const again = await login(name, password);
    expect(JSON.parse(again.body ?? "{}")).toMatchObject({ user: { role: "agent" } });
  });

  it("keeps a keyed digest in its marker, not a plain hash of the passwords", async () => {
    const users = parseBootstrapUsers(process.env.BOOTSTRAP_USERS ?? "");
    const marker = await dynamoClient().send(
      new GetCommand({ TableName: config().TABLE_NAME, Key: keys.marker("bootstrap-users") }),
    );
    expect(marker.Item?.digest).toEqual(expect.any(String));
    expect(marker.Item?.digest).not.toBe(createHash("sha256").update(JSON.stringify(users)).digest("hex"));
  });
});

describe("failed logins", () => {
  it("expire the audit entries of unknown names and count LoginFailed", async () => {
    const nobody = uniqueName("nobody");
    output.length = 0;
    expect((await login(nobody, "some-password")).statusCode).toBe(401);
    expect(output.join("")).toMatch(/"LoginFailed"/);
    const items = await queryAll({
      TableName: config().TABLE_NAME,
      IndexName: "gsi1",
      KeyConditionExpression: "gsi1pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.auditByActorPartition(nobody) },
    });
    expect(items).toHaveLength(1);
    const now = Date.now() / 1000;
    expect(Number(items[0]?.expiresAt)).toBeGreaterThan(now);
    expect(Number(items[0]?.expiresAt)).toBeLessThan(now + 31 * 24 * 60 * 60);
  });

  it("counts LoginThrottled on every refusal", async () => {
    const [nobody, address] = [uniqueName("nobody"), randomAddress()];
    for (let attempt = 0; attempt < 5; attempt++) await login(nobody, "wrong-password", address);
    output.length = 0;
    expect((await login(nobody, "wrong-password", address)).statusCode).toBe(429);
    expect(output.join("")).toMatch(/"LoginThrottled"/);
  });
});
