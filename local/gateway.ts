import { randomUUID } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { type AddressInfo, isIP } from "node:net";
import { join, normalize, sep } from "node:path";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { type RouteDefinition, routeKey } from "../shared/http/route-types.ts";
import { routeEntries } from "../shared/http/routes.ts";
import { featureHandler } from "./functions.ts";
import { lambdaContext } from "./lambda-context.ts";
import { sendStaticFile, warmStaticCache } from "./static-site.ts";

/** API Gateway's own payload limit; the handlers enforce their smaller one. */
const maxPayloadBytes = 10 * 1024 * 1024;

interface CompiledRoute {
  route: RouteDefinition;
  pattern: RegExp;
  paramNames: string[];
}

function compile(route: RouteDefinition): CompiledRoute {
  const paramNames: string[] = [];
  const source = route.path
    .split("/")
    .map((segment) => {
      const match = /^\{(\w+)(\+?)\}$/.exec(segment);
      if (!match) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      paramNames.push(match[1]!);
      return match[2] ? "(.+)" : "([^/]+)";
    })
    .join("/");
  return { route, pattern: new RegExp(`^${source}$`), paramNames };
}

const compiledRoutes = routeEntries.map(([, route]) => compile(route));

export function matchRoute(method: string, path: string) {
  let pathMatched = false;
  for (const compiled of compiledRoutes) {
    const match = compiled.pattern.exec(path);
    if (!match) continue;
    pathMatched = true;
    if (compiled.route.method !== method) continue;
    const pathParameters = Object.fromEntries(
      compiled.paramNames.map((name, index) => [name, decodePath(match[index + 1]!)]),
    );
    return { route: compiled.route, pathParameters, pathMatched };
  }
  return { route: undefined, pathParameters: {}, pathMatched };
}

const textTypes = /^(application\/(json|x-www-form-urlencoded|xml)|text\/)/;

/** What the gateway needs of an HTTP request (a plain object, so tests can build one). */
export interface LocalRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  sourceIp: string;
  httpVersion?: string;
}

/** Builds the API Gateway HTTP API (payload 2.0) event for a request, as AWS would. */
export function toApiGatewayEvent(
  request: LocalRequest,
  route: RouteDefinition,
  pathParameters: Record<string, string>,
): APIGatewayProxyEventV2 {
  const url = new URL(request.url, "http://localhost");
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === "cookie") continue;
    headers[name] = Array.isArray(value) ? value.join(",") : value;
  }
  const cookieHeader = request.headers.cookie;
  const cookies = (Array.isArray(cookieHeader) ? cookieHeader.join("; ") : cookieHeader)
    ?.split(/;\s*/)
    .filter(Boolean);
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams)
    query[name] = name in query ? `${query[name]},${value}` : value;
  const isText = textTypes.test(headers["content-type"] ?? "application/json");
  const { body } = request;
  const now = new Date();
  return {
    version: "2.0",
    routeKey: routeKey(route),
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies?.length ? { cookies } : {}),
    headers,
    ...(url.search ? { queryStringParameters: query } : {}),
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    requestContext: {
      accountId: "000000000000",
      apiId: "local",
      domainName: headers.host ?? "localhost",
      domainPrefix: "local",
      http: {
        method: request.method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion ?? "1.1"}`,
        sourceIp: request.sourceIp,
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: randomUUID(),
      routeKey: routeKey(route),
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length ? { body: isText ? body.toString("utf8") : body.toString("base64") } : {}),
    isBase64Encoded: body.length > 0 && !isText,
  };
}

function readRequestBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxPayloadBytes) {
        resolve(undefined);
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

/** A request whose URL API Gateway would refuse: malformed percent-encoding. */
class MalformedUrlError extends Error {}

function decodePath(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new MalformedUrlError("malformed percent-encoding");
  }
}

function sendJson(
  response: ServerResponse,
  headers: Record<string, string>,
  status: number,
  code: string,
  message: string,
): void {
  // Error answers carry the same security headers as every other response.
  response.writeHead(status, { ...headers, "content-type": "application/json; charset=utf-8" });
  response.end(JSON.stringify({ error: { code, message } }));
}

function writeResult(
  response: ServerResponse,
  result: APIGatewayProxyStructuredResultV2,
  headers: Record<string, string>,
) {
  const outgoing: Record<string, string | string[]> = { ...headers };
  for (const [name, value] of Object.entries(result.headers ?? {}))
    outgoing[name.toLowerCase()] = String(value);
  if (result.cookies?.length) outgoing["set-cookie"] = result.cookies;
  const body = result.body ?? "";
  response.writeHead(result.statusCode ?? 200, outgoing);
  response.end(result.isBase64Encoded ? Buffer.from(body, "base64") : body);
}

async function serveStatic(
  siteDir: string,
  path: string,
  request: IncomingMessage,
  response: ServerResponse,
  headers: Record<string, string>,
) {
  const requested = normalize(join(siteDir, decodePath(path)));
  const insideSite = requested === siteDir || requested.startsWith(siteDir + sep);
  const isFile = insideSite && existsSync(requested) && statSync(requested).isFile();
  // Single-page app: unknown paths get index.html, like the CloudFront fallback.
  const file = isFile ? requested : join(siteDir, "index.html");
  if (!existsSync(file)) {
    response.writeHead(503, { ...headers, "content-type": "text/plain; charset=utf-8" });
    response.end("Die Oberfläche ist noch nicht gebaut: npm run build");
    return;
  }
  await sendStaticFile(
    file,
    {
      requestHeaders: request.headers,
      method: request.method ?? "GET",
      // Vite names these files by their content: a new build has new names.
      immutable: isFile && path.startsWith("/assets/"),
      headers,
    },
    response,
  );
}

/** The path is an argument, never part of the format string: a `%s` in it must stay literal. */
export function logGatewayFailure(method: string, path: string, error: unknown): void {
  console.error(
    "gateway: %s %s failed: %s",
    method,
    path,
    error instanceof Error ? error.message : String(error),
  );
}

export interface GatewayOptions {
  port: number;
  host?: string;
  /** The built site (Vite's dist); omitted: API only. */
  siteDir?: string;
  /** Headers every response gets (security headers). */
  responseHeaders?: Record<string, string>;
  /**
   * Tests only: the client address comes from this request header (an IP), so each
   * test has its own login-failure budget. `npm start` never sets it, and nothing
   * on AWS maps a request header to the source address.
   */
  sourceAddressHeader?: string;
}

function sourceAddress(request: IncomingMessage, testHeader: string | undefined): string {
  const claimed = testHeader ? request.headers[testHeader] : undefined;
  if (typeof claimed === "string" && isIP(claimed)) return claimed;
  // IPv4-mapped IPv6 as API Gateway would report it: plain IPv4.
  return (request.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, "");
}

export interface Gateway {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** The local stand-in for API Gateway + CloudFront: same routes, same event shape, same handlers. */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const headers = options.responseHeaders ?? {};
  if (options.siteDir) warmStaticCache(options.siteDir);
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    try {
      if (!url.pathname.startsWith("/api/") && url.pathname !== "/api") {
        if (options.siteDir && (request.method === "GET" || request.method === "HEAD")) {
          await serveStatic(options.siteDir, url.pathname, request, response, headers);
        } else {
          sendJson(response, headers, 404, "not_found", "Nicht gefunden.");
        }
        return;
      }
      const method = request.method ?? "GET";
      const { route, pathParameters, pathMatched } = matchRoute(method, url.pathname);
      if (!route) {
        const status = pathMatched ? 405 : 404;
        sendJson(
          response,
          headers,
          status,
          pathMatched ? "method_not_allowed" : "not_found",
          "Unbekannte Route.",
        );
        return;
      }
      const body = await readRequestBody(request);
      if (!body) {
        sendJson(response, headers, 413, "payload_too_large", "Die Anfrage ist zu groß.");
        return;
      }
      const event = toApiGatewayEvent(
        {
          method,
          url: request.url ?? "/",
          headers: request.headers,
          body,
          sourceIp: sourceAddress(request, options.sourceAddressHeader),
          httpVersion: request.httpVersion,
        },
        route,
        pathParameters,
      );
      const handler = await featureHandler(route.feature);
      const result = await handler(event, lambdaContext(`slot-booking-${route.feature}`));
      writeResult(response, result, headers);
    } catch (error) {
      if (error instanceof MalformedUrlError) {
        sendJson(response, headers, 400, "invalid", "Die Adresse ist ungültig kodiert.");
        return;
      }
      // Mirrors API Gateway's answer when a Lambda fails outright.
      logGatewayFailure(request.method ?? "GET", url.pathname, error);
      if (!response.headersSent) sendJson(response, headers, 500, "internal", "Interner Fehler.");
      else response.end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    server,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
