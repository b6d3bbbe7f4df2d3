import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { logMetrics } from "@aws-lambda-powertools/metrics/middleware";
import { captureLambdaHandler } from "@aws-lambda-powertools/tracer/middleware";
import middy from "@middy/core";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import * as z from "zod";
import { defaultLanguage, type Language, languageFromAcceptLanguage } from "../contracts/messages.ts";
import { StoreBusyError } from "../data/errors.ts";
import { fieldsFromZodIssues, HttpError, invalidRequest } from "./errors.ts";
import { conditionalGet } from "./etag.ts";
import { featureRoutes } from "./feature-routes.ts";
import { createObservability, type Observability } from "./observability.ts";
import { hasRole, type Principal } from "./principal.ts";
import { type Feature, type RouteDefinition, routeKey } from "./route-types.ts";
import type { OperationId, OperationsOf, Routes } from "./routes.ts";
import { securityHeaders } from "./security-headers.ts";

type RequestPart<R, P extends string> = R extends { request: infer Q }
  ? Q extends Record<P, infer S>
    ? S extends z.ZodType
      ? z.output<S>
      : undefined
    : undefined
  : undefined;

/** Mutable parts of the response an operation may set besides its body. */
export interface ResponseExtras {
  status?: number;
  headers: Record<string, string>;
  cookies: string[];
}

export interface OperationContext<R extends RouteDefinition> {
  params: RequestPart<R, "params">;
  query: RequestPart<R, "query">;
  body: RequestPart<R, "body">;
  /** Never null on non-public routes: the pipeline answers 401 first. */
  principal: R["role"] extends "public" ? Principal | null : Principal;
  /** The caller's language: the signed-in user's, else `Accept-Language`, else German. */
  language: Language;
  event: APIGatewayProxyEventV2;
  logger: Observability["logger"];
  /** Flushed with the request's other metrics (EMF). */
  metrics: Observability["metrics"];
  response: ResponseExtras;
}

export type Operation<R extends RouteDefinition> = (
  context: OperationContext<R>,
) => Promise<z.input<R["response"]["schema"]>>;

export type FeatureOperations<F extends Feature> = {
  [K in OperationsOf<F>]: Operation<Routes[K]>;
};

/** Resolves who sends a request; the auth feature supplies the session-based one. */
export type Authenticator = (event: APIGatewayProxyEventV2) => Promise<Principal | null>;

/** Runs after authentication for state-changing requests (CSRF check). */
export type RequestGuard = (event: APIGatewayProxyEventV2, principal: Principal | null) => Promise<void>;

export interface PipelineOptions {
  authenticate: Authenticator;
  guards?: RequestGuard[];
  maxBodyBytes?: number;
}

export const defaultMaxBodyBytes = 64 * 1024;

/** Also set by CloudFront; repeated here so the API is safe when reached directly. */
const jsonHeaders = {
  "content-type": "application/json; charset=utf-8",
  "cache-control": "no-store",
  "x-content-type-options": securityHeaders["x-content-type-options"],
  "x-frame-options": securityHeaders["x-frame-options"],
  "referrer-policy": securityHeaders["referrer-policy"],
};

export function jsonResponse(
  status: number,
  body: unknown,
  extras: Partial<ResponseExtras> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: { ...jsonHeaders, ...extras.headers },
    ...(extras.cookies?.length ? { cookies: extras.cookies } : {}),
    body: body === undefined ? "" : JSON.stringify(body),
  };
}

/** `application/json`, with or without parameters such as `charset`. */
const jsonMediaType = /^application\/json\s*(;|$)/i;

/**
 * Only JSON is read. A form or `text/plain` body is what a cross-site page can
 * send without a CORS preflight, so parsing it as JSON would open login CSRF.
 */
function readBody(event: APIGatewayProxyEventV2, maxBodyBytes: number): unknown {
  if (!event.body) return undefined;
  const raw = event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
  if (Buffer.byteLength(raw) > maxBodyBytes) {
    throw new HttpError("payload_too_large", { id: "request.tooLarge", params: { maxBytes: maxBodyBytes } });
  }
  if (!jsonMediaType.test(event.headers["content-type"] ?? "")) {
    throw new HttpError("unsupported_media_type");
  }
  try {
    return JSON.parse(raw);
  } catch {
    throw invalidRequest({ body: "field.invalidJson" });
  }
}

/** Bodies are strict: an unknown field is a client error, not silently dropped. */
function strictBody(schema: z.ZodType | undefined): z.ZodType | undefined {
  return schema instanceof z.ZodObject ? schema.strict() : schema;
}

/**
 * A path parameter with malformed percent-encoding (a `%` not followed by two
 * hex digits) is refused as the local gateway refuses it, whatever reaches us.
 */
function pathParameters(event: APIGatewayProxyEventV2): APIGatewayProxyEventV2["pathParameters"] {
  for (const [name, value] of Object.entries(event.pathParameters ?? {})) {
    if (value && /%(?![0-9A-Fa-f]{2})/.test(value))
      throw invalidRequest({ [`params.${name}`]: "field.badEncoding" });
  }
  return event.pathParameters;
}

function parsePart(part: string, schema: z.ZodType | undefined, value: unknown): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value ?? (part === "body" ? undefined : {}));
  if (!result.success) throw invalidRequest(fieldsFromZodIssues(part, result.error.issues));
  return result.data;
}

/** The language of a request before (or without) a signed-in user: `Accept-Language`, else German. */
export function requestLanguage(event: APIGatewayProxyEventV2, principal?: Principal | null): Language {
  return (
    principal?.language ?? languageFromAcceptLanguage(event.headers["accept-language"]) ?? defaultLanguage
  );
}

function toErrorResponse(
  error: unknown,
  logger: Observability["logger"],
  language: Language,
): APIGatewayProxyStructuredResultV2 {
  const headers = { "content-language": language };
  if (error instanceof StoreBusyError) {
    // Contention or throttling outlasted the data layer's retries: worth retrying soon, not a fault.
    logger.warn("store busy", { error });
    const busy = new HttpError("unavailable");
    return jsonResponse(busy.status, busy.toBody(language), {
      headers: { ...headers, "retry-after": String(error.retryAfterSeconds) },
    });
  }
  if (error instanceof HttpError) {
    logger.info("request refused", {
      status: error.status,
      code: error.code,
      fields: error.fields && Object.keys(error.fields),
    });
    return jsonResponse(error.status, error.toBody(language), { headers: { ...headers, ...error.headers } });
  }
  // Only the error itself is logged, never the event: it carries customers' personal data.
  logger.error("Unhandled error", { error: error instanceof Error ? error : String(error) });
  return jsonResponse(500, new HttpError("internal").toBody(language), { headers });
}

/**
 * Builds the Lambda handler of one feature: finds the route by the event's
 * route key, authenticates and authorizes by the route's role, parses params,
 * query and body with the route's zod schemas, runs the operation and shapes
 * the response through the response schema (so no unlisted field leaks).
 */
export function createFeatureHandler<F extends Feature>(
  feature: F,
  operations: FeatureOperations<F>,
  options: PipelineOptions,
) {
  const observability = createObservability(`slot-booking-${feature}`);
  const { logger, metrics, tracer } = observability;
  const table = new Map<string, { id: OperationId; route: RouteDefinition; body: z.ZodType | undefined }>(
    featureRoutes(feature).map(([id, route]) => [
      routeKey(route),
      { id, route, body: strictBody(route.request?.body) },
    ]),
  );
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;

  /** `state.language` follows the request: known from the headers first, the user's once signed in. */
  async function dispatch(
    event: APIGatewayProxyEventV2,
    state: { language: Language },
  ): Promise<APIGatewayProxyStructuredResultV2> {
    const entry = table.get(event.routeKey);
    if (!entry) throw new HttpError("not_found", "request.unknownRoute");
    const { id, route, body: bodySchema } = entry;
    logger.appendKeys({ operation: id });

    const principal = await options.authenticate(event);
    state.language = requestLanguage(event, principal);
    if (route.role !== "public" && !principal) {
      throw new HttpError("unauthorized");
    }
    if (!hasRole(principal, route.role)) {
      throw new HttpError("forbidden");
    }
    for (const guard of options.guards ?? []) await guard(event, principal);

    const response: ResponseExtras = { headers: {}, cookies: [] };
    const context = {
      params: parsePart("params", route.request?.params, pathParameters(event)),
      query: parsePart("query", route.request?.query, event.queryStringParameters),
      body: parsePart("body", bodySchema, readBody(event, maxBodyBytes)),
      principal,
      language: state.language,
      event,
      logger,
      metrics,
      response,
    };
    const operation = operations[id as OperationsOf<F>] as unknown as (
      ctx: typeof context,
    ) => Promise<unknown>;
    const result = await operation(context);
    const body = route.response.schema.parse(result);
    metrics.addMetric(`${id}Succeeded`, MetricUnit.Count, 1);
    // Who did what, never with what: bodies carry customers' data and passwords.
    logger.info("request handled", {
      user: principal?.username,
      status: response.status ?? route.response.status,
    });
    return jsonResponse(response.status ?? route.response.status, body, response);
  }

  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>()
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(injectLambdaContext(logger, { resetKeys: true, logEvent: false }))
    .use(logMetrics(metrics))
    .use(conditionalGet())
    .handler(async (event) => {
      const state = { language: requestLanguage(event) };
      try {
        return await dispatch(event, state);
      } catch (error) {
        const response = toErrorResponse(error, logger, state.language);
        metrics.addMetric(
          (response.statusCode ?? 500) >= 500 ? "ServerError" : "ClientError",
          MetricUnit.Count,
          1,
        );
        return response;
      }
    });
}
