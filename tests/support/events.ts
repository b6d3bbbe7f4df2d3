import type { IncomingHttpHeaders } from "node:http";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { matchRoute, toApiGatewayEvent } from "../../local/gateway.ts";

/** The API Gateway v2 event the gateway would build for this request. */
export function apiEvent(
  method: string,
  url: string,
  options: { body?: unknown; headers?: IncomingHttpHeaders; sourceIp?: string } = {},
): APIGatewayProxyEventV2 {
  const { route, pathParameters } = matchRoute(method, new URL(url, "http://localhost").pathname);
  if (!route) throw new Error(`no route for ${method} ${url}`);
  const body =
    options.body === undefined
      ? Buffer.alloc(0)
      : Buffer.from(typeof options.body === "string" ? options.body : JSON.stringify(options.body));
  return toApiGatewayEvent(
    {
      method,
      url,
      headers: { host: "localhost:3000", "content-type": "application/json", ...options.headers },
      body,
      sourceIp: options.sourceIp ?? "192.0.2.10",
    },
    route,
    pathParameters,
  );
}
