import { createHash } from "node:crypto";
import type { MiddlewareObj } from "@middy/core";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";

/**
 * Weak: the validator speaks for the JSON's meaning; a proxy that recompresses
 * the bytes must not make it wrong. A hash of the body needs no version field
 * in the data, so every GET gets one without its route knowing.
 */
export function weakEtag(body: string): string {
  return `W/"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
}

/** `If-None-Match` names `etag` (weak comparison, a list, or `*`). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === opaque(etag));
}

/**
 * Conditional GETs: a 200 answer to a GET carries a weak ETag over its body;
 * when the request's `If-None-Match` already names it, the answer becomes a
 * 304 without a body. Polling pages (the week's free places, the leaderboard)
 * then transfer nothing while nothing changed.
 */
export function conditionalGet(): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    after: async (request) => {
      const { event, response } = request;
      if (!response || event.requestContext?.http?.method !== "GET") return;
      if ((response.statusCode ?? 200) !== 200 || typeof response.body !== "string") return;
      const etag = weakEtag(response.body);
      const headers: Record<string, string | number | boolean> = { ...response.headers, etag };
      if (etagMatches(event.headers?.["if-none-match"], etag)) {
        delete headers["content-type"];
        request.response = { ...response, statusCode: 304, headers, body: "" };
        return;
      }
      request.response = { ...response, headers };
    },
  };
}
