import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { lambdaContext } from "../../local/lambda-context.ts";
import { apiEvent } from "../support/events.ts";

type Handler = (
  event: ReturnType<typeof apiEvent>,
  context: ReturnType<typeof lambdaContext>,
) => Promise<unknown>;

/** Everything written to stdout/stderr while the handlers run in this process. */
const captured: string[] = [];
const originalStdout = process.stdout.write.bind(process.stdout);
const originalStderr = process.stderr.write.bind(process.stderr);

function capture(chunk: string | Uint8Array): boolean {
  captured.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
  return true;
}

let auth: Handler;
let admin: Handler;

beforeAll(async () => {
  // Same services as the gateway, but the handlers run here so their logs can be read.
  process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
  process.env.S3_ENDPOINT = inject("s3Endpoint");
  process.env.GOOGLE_CALENDAR_API_URL = inject("calendarUrl");
  process.env.POWERTOOLS_LOG_LEVEL = "DEBUG";
  process.env.POWERTOOLS_LOGGER_LOG_EVENT = "true";
  auth = (await import("../../functions/auth/handler.ts")).handler as Handler;
  admin = (await import("../../functions/admin/handler.ts")).handler as Handler;
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
});

afterAll(() => {
  process.stdout.write = originalStdout;
  process.stderr.write = originalStderr;
});

async function invoke(handler: Handler, event: ReturnType<typeof apiEvent>) {
  return (await handler(event, lambdaContext("test"))) as APIGatewayProxyStructuredResultV2;
}

describe("logs", () => {
  it("never contain a password or a password hash, even at debug level", async () => {
    const adminPassword = "admin-demo-2026";
    const newPassword = "Very-Secret-Passphrase-42";
    const wrongPassword = "Wrong-Secret-Passphrase-17";
    const login = await invoke(
      auth,
      apiEvent("POST", "/api/auth/login", { body: { username: "admin", password: adminPassword } }),
    );
    expect(login.statusCode).toBe(200);
    const { csrfToken } = JSON.parse(login.body ?? "{}") as { csrfToken: string };
    const cookie = (login.cookies?.[0] ?? "").split(";")[0]!;
    const headers = { cookie, "x-csrf-token": csrfToken };

    const username = `logcheck-${Date.now()}`;
    const created = await invoke(
      admin,
      apiEvent("POST", "/api/admin/users", {
        headers,
        body: { username, displayName: "Log Check", role: "agent", password: newPassword },
      }),
    );
    expect(created.statusCode).toBe(201);
    await invoke(
      admin,
      apiEvent("PATCH", `/api/admin/users/${username}`, { headers, body: { password: `${newPassword}!` } }),
    );
    const failed = await invoke(
      auth,
      apiEvent("POST", "/api/auth/login", { body: { username, password: wrongPassword } }),
    );
    expect(failed.statusCode).toBe(401);
    await invoke(
      admin,
      apiEvent("POST", "/api/admin/users", { headers, body: { username: "x", password: "tiny" } }),
    );

    const logs = captured.join("");
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of [adminPassword, newPassword, wrongPassword, "scrypt$", "tiny"]) {
      expect(logs).not.toContain(secret);
    }
  });
});
