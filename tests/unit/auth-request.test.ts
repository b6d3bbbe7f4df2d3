import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clientAddress } from "../../functions/auth/login.ts";
import { requireSameOrigin } from "../../functions/auth/same-origin.ts";
import { apiEvent } from "../support/events.ts";

function onAws(event: APIGatewayProxyEventV2): APIGatewayProxyEventV2 {
  return { ...event, requestContext: { ...event.requestContext, apiId: "a1b2c3d4e5" } };
}

describe("the login's client address", () => {
  const viewer = (value: string, headers: Record<string, string> = {}) =>
    apiEvent("POST", "/api/auth/login", {
      headers: { "cloudfront-viewer-address": value, ...headers },
      sourceIp: "10.9.8.7",
    });
  const throughCloudFront = { "x-origin-verify": "cloudfront-only-token" };

  beforeEach(() => {
    process.env.ORIGIN_VERIFY_TOKEN = "cloudfront-only-token";
  });
  afterEach(() => {
    delete process.env.ORIGIN_VERIFY_TOKEN;
  });

  it("is the viewer's address from CloudFront on AWS, without the port", async () => {
    expect(await clientAddress(onAws(viewer("198.51.100.10:46532", throughCloudFront)))).toBe(
      "198.51.100.10",
    );
    expect(await clientAddress(onAws(viewer("2001:db8::8a2e:370:7334:443", throughCloudFront)))).toBe(
      "2001:db8::8a2e:370:7334",
    );
  });

  it("ignores a viewer address that did not come through CloudFront (direct execute-api calls)", async () => {
    expect(await clientAddress(onAws(viewer("198.51.100.10:46532")))).toBe("10.9.8.7");
    expect(await clientAddress(onAws(viewer("198.51.100.10:46532", { "x-origin-verify": "guess" })))).toBe(
      "10.9.8.7",
    );
    delete process.env.ORIGIN_VERIFY_TOKEN;
    expect(await clientAddress(onAws(viewer("198.51.100.10:46532", throughCloudFront)))).toBe("10.9.8.7");
  });

  it("is the source address where no CloudFront sits in front (the local gateway ignores the header)", async () => {
    expect(await clientAddress(viewer("198.51.100.10:46532", throughCloudFront))).toBe("10.9.8.7");
    expect(await clientAddress(onAws(apiEvent("POST", "/api/auth/login", { sourceIp: "10.9.8.7" })))).toBe(
      "10.9.8.7",
    );
  });
});

describe("the login's origin check", () => {
  const login = (headers: Record<string, string>) => apiEvent("POST", "/api/auth/login", { headers });

  it("lets the site's own pages and non-browser clients sign in", () => {
    expect(() => requireSameOrigin(login({}))).not.toThrow();
    expect(() => requireSameOrigin(login({ origin: "http://localhost:3000" }))).not.toThrow();
    // Behind CloudFront Host is the API's domain: the browser's same-origin verdict counts.
    expect(() =>
      requireSameOrigin(login({ origin: "https://d111.cloudfront.net", "sec-fetch-site": "same-origin" })),
    ).not.toThrow();
  });

  it("refuses foreign origins and cross-site requests", () => {
    const refused: Record<string, string>[] = [
      { origin: "https://attacker.example" },
      { origin: "null" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
      { origin: "http://localhost:3000", "sec-fetch-site": "cross-site" },
    ];
    for (const headers of refused) {
      expect(() => requireSameOrigin(login(headers)), JSON.stringify(headers)).toThrow(
        expect.objectContaining({ status: 403 }),
      );
    }
  });
});
