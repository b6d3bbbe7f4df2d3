import {
  auditListSchema,
  auditQuerySchema,
  createUserSchema,
  loginRequestSchema,
  okSchema,
  sessionSchema,
  updateUserSchema,
  userListSchema,
  userSchema,
  usernameParamsSchema,
} from "../contracts/auth.ts";
import { healthSchema, openApiDocumentSchema } from "../contracts/system.ts";
import type { Feature, RouteDefinition } from "./route-types.ts";

/**
 * The one route table. It drives the CDK HTTP API, the local gateway, the
 * OpenAPI document, the handlers' parsing and the typed frontend client.
 */
export const routes = {
  getHealth: {
    method: "GET",
    path: "/api/health",
    feature: "system",
    role: "public",
    summary: "Health of the API and its dependencies (table, bucket, calendar)",
    tags: ["system"],
    response: { status: 200, schema: healthSchema },
  },
  getOpenApi: {
    method: "GET",
    path: "/api/openapi.json",
    feature: "system",
    role: "public",
    summary: "This API as an OpenAPI 3.1 document",
    tags: ["system"],
    response: { status: 200, schema: openApiDocumentSchema },
  },
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
  listUsers: {
    method: "GET",
    path: "/api/admin/users",
    feature: "admin",
    role: "admin",
    summary: "All users",
    tags: ["admin"],
    response: { status: 200, schema: userListSchema },
  },
  createUser: {
    method: "POST",
    path: "/api/admin/users",
    feature: "admin",
    role: "admin",
    summary: "Create a user",
    tags: ["admin"],
    request: { body: createUserSchema },
    response: { status: 201, schema: userSchema },
  },
  updateUser: {
    method: "PATCH",
    path: "/api/admin/users/{username}",
    feature: "admin",
    role: "admin",
    summary: "Change a user's name or role, reset the password, (de)activate",
    tags: ["admin"],
    request: { params: usernameParamsSchema, body: updateUserSchema },
    response: { status: 200, schema: userSchema },
  },
  listAudit: {
    method: "GET",
    path: "/api/admin/audit",
    feature: "admin",
    role: "admin",
    summary: "Audit log: logins, user changes, booking changes",
    tags: ["admin"],
    request: { query: auditQuerySchema },
    response: { status: 200, schema: auditListSchema },
  },
} as const satisfies Record<string, RouteDefinition>;

export type Routes = typeof routes;
export type OperationId = keyof Routes;

export type OperationsOf<F extends Feature> = {
  [K in OperationId]: Routes[K]["feature"] extends F ? K : never;
}[OperationId];

export const routeEntries = Object.entries(routes) as [OperationId, RouteDefinition][];

export function routesOfFeature(feature: Feature): [OperationId, RouteDefinition][] {
  return routeEntries.filter(([, route]) => route.feature === feature);
}
