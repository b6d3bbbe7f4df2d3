import { loginRequestSchema, okSchema, sessionSchema, updateMeSchema } from "../contracts/auth.ts";
import type { RouteDefinition } from "./route-types.ts";

/** Signing in and out, the signed-in user. */
export const authRoutes = {
  login: {
    method: "POST",
    path: "/api/auth/login",
    feature: "auth",
    role: "public",
    summary: "Sign in; sets the session cookie and returns the CSRF token",
    tags: ["auth"],
    request: { body: loginRequestSchema },
    response: { status: 200, schema: sessionSchema },
    throttle: { rate: 10, burst: 20 },
  },
  logout: {
    method: "POST",
    path: "/api/auth/logout",
    feature: "auth",
    role: "agent",
    summary: "End the session (revoked server-side)",
    tags: ["auth"],
    response: { status: 200, schema: okSchema },
  },
  me: {
    method: "GET",
    path: "/api/auth/me",
    feature: "auth",
    role: "agent",
    summary: "The signed-in user and the session's CSRF token",
    tags: ["auth"],
    response: { status: 200, schema: sessionSchema },
  },
  updateMe: {
    method: "PATCH",
    path: "/api/auth/me",
    feature: "auth",
    role: "agent",
    summary: "Change the signed-in user's own settings (the language API messages come in)",
    tags: ["auth"],
    request: { body: updateMeSchema },
    response: { status: 200, schema: sessionSchema },
  },
} as const satisfies Record<string, RouteDefinition>;
