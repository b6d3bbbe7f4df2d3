import {
  availabilityQuerySchema,
  availabilitySchema,
  bookingEnvelopeSchema,
  bookingIdParamsSchema,
  bookingListQuerySchema,
  bookingListSchema,
  consultantListSchema,
  outcomeInputSchema,
  rescheduleSchema,
} from "../contracts/booking.ts";
import { bookingInputSchema } from "../domain/booking/booking-input.ts";
import type { Feature, RouteDefinition } from "./route-types.ts";
import { adminRoutes } from "./routes-admin.ts";
import { analyticsRoutes } from "./routes-analytics.ts";
import { authRoutes } from "./routes-auth.ts";
import { badgesRoutes } from "./routes-badges.ts";
import { consultantsRoutes } from "./routes-consultants.ts";
import { customersRoutes } from "./routes-customers.ts";
import { exportsRoutes } from "./routes-exports.ts";
import { goalsRoutes } from "./routes-goals.ts";
import { importsRoutes } from "./routes-imports.ts";
import { predictionsRoutes } from "./routes-predictions.ts";
import { progressRoutes } from "./routes-progress.ts";
import { questsRoutes } from "./routes-quests.ts";
import { reportsRoutes } from "./routes-reports.ts";
import { shopRoutes } from "./routes-shop.ts";
import { systemRoutes } from "./routes-system.ts";
import { telefonieRoutes } from "./routes-telefonie.ts";

/** Booking: consultants to choose from, availability, creating and changing bookings. */
export const bookingRoutes = {
  listConsultants: {
    method: "GET",
    path: "/api/consultants",
    feature: "booking",
    role: "agent",
    summary: "Consultants (name and whether they are active)",
    tags: ["booking"],
    response: { status: 200, schema: consultantListSchema },
  },
  getAvailability: {
    method: "GET",
    path: "/api/availability",
    feature: "booking",
    role: "agent",
    summary:
      "Slots from..to (or one date) with capacity, booked, free, the points a booking would earn and each consultant's places",
    tags: ["booking"],
    request: { query: availabilityQuerySchema },
    response: { status: 200, schema: availabilitySchema },
  },
  createBooking: {
    method: "POST",
    path: "/api/bookings",
    feature: "booking",
    role: "agent",
    summary: "Book a customer into a slot (send an Idempotency-Key header to make retries safe)",
    tags: ["booking"],
    request: { body: bookingInputSchema },
    response: { status: 201, schema: bookingEnvelopeSchema },
    throttle: { rate: 50, burst: 100 },
  },
  listBookings: {
    method: "GET",
    path: "/api/bookings",
    feature: "booking",
    role: "agent",
    summary:
      "Bookings; agents see their own, admins all (or one agent's). With view, limit or cursor one page at a time (nextCursor continues), else every booking from..to; filters: outcome, q (customer name or phone), consultant",
    tags: ["booking"],
    request: { query: bookingListQuerySchema },
    response: { status: 200, schema: bookingListSchema },
  },
  getBooking: {
    method: "GET",
    path: "/api/bookings/{id}",
    feature: "booking",
    role: "agent",
    summary: "One booking (its agent or an admin)",
    tags: ["booking"],
    request: { params: bookingIdParamsSchema },
    response: { status: 200, schema: bookingEnvelopeSchema },
  },
  rescheduleBooking: {
    method: "PATCH",
    path: "/api/bookings/{id}",
    feature: "booking",
    role: "agent",
    summary: "Move a booking to another slot (409 when that slot is full)",
    tags: ["booking"],
    request: { params: bookingIdParamsSchema, body: rescheduleSchema },
    response: { status: 200, schema: bookingEnvelopeSchema },
  },
  cancelBooking: {
    method: "POST",
    path: "/api/bookings/{id}/cancel",
    feature: "booking",
    role: "agent",
    summary: "Cancel a booking and free its place",
    tags: ["booking"],
    request: { params: bookingIdParamsSchema },
    response: { status: 200, schema: bookingEnvelopeSchema },
  },
  setBookingOutcome: {
    method: "POST",
    path: "/api/bookings/{id}/outcome",
    feature: "booking",
    role: "admin",
    summary: "Set a booking's outcome by hand",
    tags: ["booking"],
    request: { params: bookingIdParamsSchema, body: outcomeInputSchema },
    response: { status: 200, schema: bookingEnvelopeSchema },
  },
} as const satisfies Record<string, RouteDefinition>;

type Merged<G extends readonly object[]> = G extends readonly [infer First, ...infer Rest extends object[]]
  ? First & Merged<Rest>
  : unknown;

/**
 * One object of every group. Pure (no module-level side effect), so a feature's
 * bundle, which reads only its own group (shared/http/feature-routes.ts),
 * leaves the whole table and every other group's schemas out.
 */
function mergeRoutes<const G extends readonly Record<string, RouteDefinition>[]>(...groups: G): Merged<G> {
  return Object.assign({}, ...groups);
}

/**
 * The one route table. It drives the CDK HTTP API, the local gateway, the
 * OpenAPI document, the handlers' parsing and the typed frontend client. The
 * local gateway takes the first route that matches: keep literal paths ahead
 * of templated ones that would match them.
 */
export const routes = /* @__PURE__ */ mergeRoutes(
  analyticsRoutes,
  progressRoutes,
  predictionsRoutes,
  importsRoutes,
  systemRoutes,
  authRoutes,
  adminRoutes,
  bookingRoutes,
  customersRoutes,
  consultantsRoutes,
  telefonieRoutes,
  reportsRoutes,
  badgesRoutes,
  exportsRoutes,
  shopRoutes,
  questsRoutes,
  goalsRoutes,
);

export type Routes = typeof routes;
export type OperationId = keyof Routes;

export type OperationsOf<F extends Feature> = {
  [K in OperationId]: Routes[K]["feature"] extends F ? K : never;
}[OperationId];

export const routeEntries = /* @__PURE__ */ Object.entries(routes) as [OperationId, RouteDefinition][];

export function routesOfFeature(feature: Feature): [OperationId, RouteDefinition][] {
  return routeEntries.filter(([, route]) => route.feature === feature);
}
