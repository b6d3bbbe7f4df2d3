import generatedTable from "virtual:route-table";
import type * as z from "zod";
import type { ErrorBody } from "../../../shared/contracts/errors.ts";
import { defaultLanguage, type Language } from "../../../shared/contracts/languages.ts";
import type { HttpMethod } from "../../../shared/http/route-types.ts";
import type { OperationId, Routes } from "../../../shared/http/routes.ts";

type RequestOf<R> = R extends { request: infer Q } ? Q : Record<string, never>;
type InputOf<R, P extends string> =
  RequestOf<R> extends Record<P, infer S> ? (S extends z.ZodType ? z.input<S> : never) : never;
type Part<R, P extends string> =
  RequestOf<R> extends Record<P, z.ZodType> ? { [K in P]: InputOf<R, P> } : { [K in P]?: never };

type CallOptions<K extends OperationId> = Part<Routes[K], "params"> &
  Part<Routes[K], "query"> &
  Part<Routes[K], "body"> & { headers?: Record<string, string> };

type ResultOf<K extends OperationId> = z.output<Routes[K]["response"]["schema"]>;

/** An error answer of the API, with the fields it names (`body.phone` → message). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** The catalogue id of the message (e.g. `booking.slotFull`): tells apart answers that share a status. */
  readonly messageId: string | undefined;
  readonly fields: Record<string, string>;
  readonly retryAfterSeconds: number | undefined;

  /** True when the server could not be reached at all. */
  get isNetworkError(): boolean {
    return this.status === 0;
  }

  constructor(status: number, body: Partial<ErrorBody> | undefined, retryAfter: string | null) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error?.code ?? "internal";
    this.messageId = body?.error?.messageId;
    this.fields = body?.error?.fields ?? {};
    this.retryAfterSeconds = retryAfter ? Number(retryAfter) : undefined;
  }

  /** The message for one form field, from `body.<field>`. */
  field(name: string): string | undefined {
    return this.fields[`body.${name}`];
  }
}

const routeTable = generatedTable as Record<OperationId, readonly [method: HttpMethod, path: string]>;

let csrfToken: string | undefined;
/** Sent as `Accept-Language`, so signed-out answers (and users without a saved choice) match the site. */
let requestLanguage: Language = defaultLanguage;
const unauthorizedListeners = new Set<() => void>();
let reauthenticate: (() => Promise<boolean>) | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export function setRequestLanguage(language: Language): void {
  requestLanguage = language;
}

/** Called when a request finds the session gone (not for login/me, which expect that). */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/**
 * Signs in again over the page when a request finds the session gone; the
 * request is then sent once more, so nothing typed is lost. Resolving false
 * (the user declined) falls back to the unauthorized listeners.
 */
export function onSessionExpired(handler: (() => Promise<boolean>) | undefined): void {
  reauthenticate = handler;
}

function buildUrl(path: string, params?: Record<string, string>, query?: Record<string, unknown>): string {
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params?.[name] ?? ""));
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== "") search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `${filled}?${text}` : filled;
}

/** Calls an API operation by its id in the route table; typed by the route's zod schemas (types only). */
async function call<K extends OperationId>(operation: K, options?: CallOptions<K>): Promise<ResultOf<K>> {
  return (await exchange(operation, options)).result as ResultOf<K>;
}

/**
 * A GET sent with the ETag of the answer the caller already has: `undefined`
 * when the resource is unchanged (304, no body), else the new answer and its ETag.
 */
async function callIfChanged<K extends OperationId>(
  operation: K,
  options: CallOptions<K> | undefined,
  etag: string | undefined,
): Promise<{ result: ResultOf<K>; etag: string | undefined } | undefined> {
  const withTag = etag ? { ...options, headers: { ...options?.headers, "if-none-match": etag } } : options;
  const answer = await exchange(operation, withTag as CallOptions<K> | undefined);
  return answer.notModified ? undefined : { result: answer.result as ResultOf<K>, etag: answer.etag };
}

async function exchange<K extends OperationId>(
  operation: K,
  options?: CallOptions<K>,
  retried = false,
): Promise<{ result?: ResultOf<K>; etag: string | undefined; notModified: boolean }> {
  const [method, path] = routeTable[operation];
  const { params, query, body, headers } = (options ?? {}) as {
    params?: Record<string, string>;
    query?: Record<string, unknown>;
    body?: unknown;
    headers?: Record<string, string>;
  };
  let response: Response;
  try {
    response = await fetch(buildUrl(path, params, query), {
      method,
      credentials: "same-origin",
      headers: {
        accept: "application/json",
        "accept-language": requestLanguage,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...(method !== "GET" && csrfToken ? { "x-csrf-token": csrfToken } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    // No answer at all (offline, server down): status 0, so callers can tell it apart.
    throw new ApiError(0, { error: { code: "unavailable", message: "network" } }, null);
  }
  const etag = response.headers.get("etag") ?? undefined;
  if (response.status === 304) return { etag, notModified: true };
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined; // e.g. an HTML error page from a proxy
  }
  // Health answers 503 with its normal body when a dependency is down: that is a result, not an error.
  const isResult = response.ok || (operation === "getHealth" && response.status === 503);
  if (!isResult) {
    if (response.status === 401 && operation !== "login" && operation !== "me") {
      if (!retried && reauthenticate && (await reauthenticate())) return exchange(operation, options, true);
      for (const listener of unauthorizedListeners) listener();
    }
    throw new ApiError(response.status, json as Partial<ErrorBody>, response.headers.get("retry-after"));
  }
  // The API answers through the route's response schema already; parsing it again here would ship every schema.
  return { result: json as ResultOf<K>, etag, notModified: false };
}

export const api = { call, callIfChanged };
