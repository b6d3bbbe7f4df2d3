import { randomBytes } from "node:crypto";
import { inject } from "vitest";

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** The request header the test gateway takes the client address from (see the gateway's option). */
export const testSourceAddressHeader = "x-test-source-address";

/** A fresh address from the 10.0.0.0/8 private range. */
export function randomAddress(): string {
  const bytes = randomBytes(3);
  return `10.${bytes[0]}.${bytes[1]}.${bytes[2]}`;
}

/**
 * A browser-like client: keeps the session cookie and sends the CSRF token on
 * mutating requests. Each client has its own address, so tests never share a
 * login-failure budget; pass one to act from the same address as another client.
 */
export class TestClient {
  readonly baseUrl: string;
  readonly address: string;
  cookie: string | undefined;
  csrfToken: string | undefined;

  constructor(options: { baseUrl?: string; address?: string } = {}) {
    this.baseUrl = options.baseUrl ?? inject("baseUrl");
    this.address = options.address ?? randomAddress();
  }

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; csrf?: boolean } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { [testSourceAddressHeader]: this.address, ...options.headers };
    if (options.body !== undefined) headers["content-type"] ??= "application/json";
    if (this.cookie) headers.cookie = this.cookie;
    if (method !== "GET" && this.csrfToken && options.csrf !== false)
      headers["x-csrf-token"] ??= this.csrfToken;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(options.body !== undefined
        ? { body: typeof options.body === "string" ? options.body : JSON.stringify(options.body) }
        : {}),
    });
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair = ""] = setCookie.split(";");
      this.cookie = pair.endsWith("=") ? undefined : pair;
    }
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (the site): keep the text
    }
    return { status: response.status, headers: response.headers, body: body as T };
  }

  async login(username: string, password: string): Promise<ApiResponse<Record<string, unknown>>> {
    const response = await this.request<Record<string, unknown>>("POST", "/api/auth/login", {
      body: { username, password },
    });
    if (response.status === 200) this.csrfToken = String(response.body.csrfToken);
    return response;
  }
}

export const demoAdmin = { username: "admin", password: "admin-demo-2026" } as const;
export const demoAgent = { username: "anna", password: "agent-demo-2026" } as const;

export async function signedIn(user: { username: string; password: string }): Promise<TestClient> {
  const client = new TestClient();
  const response = await client.login(user.username, user.password);
  if (response.status !== 200) throw new Error(`login of ${user.username} failed: ${response.status}`);
  return client;
}
