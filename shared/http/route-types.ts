import type * as z from "zod";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** `public`: anyone; `agent`: any signed-in user (admins included); `admin`: admins only. */
export type Role = "public" | "agent" | "admin";

/** One Lambda per feature on AWS; locally the gateway imports `functions/<feature>/handler.ts`. */
export const features = [
  "system",
  "auth",
  "admin",
  "consultants",
  "booking",
  "customers",
  "analytics",
  "badges",
  "exports",
  "quests",
  "goals",
  "progress",
  "shop",
  "telefonie",
  "reports",
  "predictions",
  "imports",
] as const;
export type Feature = (typeof features)[number];

export interface RouteRequest {
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
}

export interface RouteDefinition {
  method: HttpMethod;
  /** API Gateway style path template, e.g. `/api/bookings/{id}`. */
  path: string;
  feature: Feature;
  role: Role;
  summary: string;
  tags?: string[];
  request?: RouteRequest;
  response: { status: number; schema: z.ZodType };
  /** Per-route throttling on AWS (requests per second, burst). */
  throttle?: { rate: number; burst: number };
}

export type RouteKey = `${HttpMethod} ${string}`;

export function routeKey(route: Pick<RouteDefinition, "method" | "path">): RouteKey {
  return `${route.method} ${route.path}`;
}
