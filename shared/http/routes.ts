import * as z from "zod";
import {
  auditFilterSchema,
  auditViewListSchema,
  consultantAdminListItemSchema,
  loginLockListSchema,
  loginLocksClearedSchema,
} from "../contracts/admin.ts";
import {
  createUserSchema,
  loginRequestSchema,
  okSchema,
  sessionSchema,
  updateMeSchema,
  updateUserSchema,
  userListSchema,
  usernameParamsSchema,
  userSchema,
} from "../contracts/auth.ts";
import {
  availabilityQuerySchema,
  availabilitySchema,
  bookingEnvelopeSchema,
  bookingIdParamsSchema,
  bookingListQuerySchema,
  bookingListSchema,
  consultantAdminSchema,
  consultantInputSchema,
  consultantListSchema,
  consultantPatchSchema,
  outcomeInputSchema,
  overCapacityListSchema,
  rescheduleSchema,
} from "../contracts/booking.ts";
import {
  customerHistorySchema,
  customerIdParamsSchema,
  customerPhoneQuerySchema,
  customerProfileSchema,
} from "../contracts/customers.ts";
import {
  jobNameParamsSchema,
  jobRunListSchema,
  jobRunQuerySchema,
  jobRunResultSchema,
} from "../contracts/jobs.ts";
import { healthSchema, openApiDocumentSchema } from "../contracts/system.ts";
import { bookingInputSchema } from "../domain/booking/booking-input.ts";
import { bookingRulesSchema } from "../domain/booking/booking-rules.ts";
import { pointsRuleSchema } from "../domain/booking/points.ts";
import { slotTemplateSchema } from "../domain/booking/slot-template.ts";
import type { Feature, RouteDefinition } from "./route-types.ts";
import { analyticsRoutes } from "./routes-analytics.ts";
import { badgesRoutes } from "./routes-badges.ts";
import { exportsRoutes } from "./routes-exports.ts";
import { goalsRoutes } from "./routes-goals.ts";
import { importsRoutes } from "./routes-imports.ts";
import { predictionsRoutes } from "./routes-predictions.ts";
import { progressRoutes } from "./routes-progress.ts";
import { questsRoutes } from "./routes-quests.ts";
import { reportsRoutes } from "./routes-reports.ts";
import { shopRoutes } from "./routes-shop.ts";
import { telefonieRoutes } from "./routes-telefonie.ts";

/**
 * The one route table. It drives the CDK HTTP API, the local gateway, the
 * OpenAPI document, the handlers' parsing and the typed frontend client.
 */
export const routes = {
  ...analyticsRoutes,
  ...progressRoutes,
  ...predictionsRoutes,
  ...importsRoutes,
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
    summary:
      "Audit log: logins, user changes, booking changes; filtered by actor, action and date, with display names and booking details",
    tags: ["admin"],
    request: { query: auditFilterSchema },
    response: { status: 200, schema: auditViewListSchema },
  },
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
  findCustomer: {
    method: "GET",
    path: "/api/customers",
    feature: "customers",
    role: "agent",
    summary:
      "A known customer's profile by exact phone number (names, counts per outcome, reliability, risk, latest appointments); 404 when unknown",
    tags: ["customers"],
    request: { query: customerPhoneQuerySchema },
    response: { status: 200, schema: customerProfileSchema },
  },
  getCustomer: {
    method: "GET",
    path: "/api/customers/{id}",
    feature: "customers",
    role: "admin",
    summary: "A customer's full history: every booking with its outcome and agent, counts per outcome",
    tags: ["customers"],
    request: { params: customerIdParamsSchema },
    response: { status: 200, schema: customerHistorySchema },
  },
  listConsultantsAdmin: {
    method: "GET",
    path: "/api/admin/consultants",
    feature: "consultants",
    role: "admin",
    summary:
      "Consultants with their calendar ids, flagged when the calendar failed in the latest availability run",
    tags: ["admin"],
    response: { status: 200, schema: z.array(consultantAdminListItemSchema) },
  },
  createConsultant: {
    method: "POST",
    path: "/api/admin/consultants",
    feature: "consultants",
    role: "admin",
    summary: "Add a consultant",
    tags: ["admin"],
    request: { body: consultantInputSchema },
    response: { status: 201, schema: consultantAdminSchema },
  },
  updateConsultant: {
    method: "PATCH",
    path: "/api/admin/consultants/{id}",
    feature: "consultants",
    role: "admin",
    summary: "Rename, change the calendar or (de)activate a consultant",
    tags: ["admin"],
    request: { params: z.object({ id: z.string().min(1).max(40) }), body: consultantPatchSchema },
    response: { status: 200, schema: consultantAdminSchema },
  },
  getSlotTemplate: {
    method: "GET",
    path: "/api/admin/slot-template",
    feature: "admin",
    role: "admin",
    summary: "Slot times, length, horizon, places per consultant, time zone and blocked dates",
    tags: ["admin"],
    response: { status: 200, schema: slotTemplateSchema },
  },
  putSlotTemplate: {
    method: "PUT",
    path: "/api/admin/slot-template",
    feature: "admin",
    role: "admin",
    summary: "Replace the slot template (takes effect with the next availability run)",
    tags: ["admin"],
    request: { body: slotTemplateSchema },
    response: { status: 200, schema: slotTemplateSchema },
  },
  getPointsRule: {
    method: "GET",
    path: "/api/admin/points-rule",
    feature: "admin",
    role: "admin",
    summary: "How many points a booking earns",
    tags: ["admin"],
    response: { status: 200, schema: pointsRuleSchema },
  },
  putPointsRule: {
    method: "PUT",
    path: "/api/admin/points-rule",
    feature: "admin",
    role: "admin",
    summary: "Replace the points rule",
    tags: ["admin"],
    request: { body: pointsRuleSchema },
    response: { status: 200, schema: pointsRuleSchema },
  },
  getBookingRules: {
    method: "GET",
    path: "/api/admin/booking-rules",
    feature: "admin",
    role: "admin",
    summary: "Minimum notice before a slot starts and the optional maximum bookings per consultant and day",
    tags: ["admin"],
    response: { status: 200, schema: bookingRulesSchema },
  },
  putBookingRules: {
    method: "PUT",
    path: "/api/admin/booking-rules",
    feature: "admin",
    role: "admin",
    summary: "Replace the booking rules (enforced from the next booking on)",
    tags: ["admin"],
    request: { body: bookingRulesSchema },
    response: { status: 200, schema: bookingRulesSchema },
  },
  listOverCapacityBookings: {
    method: "GET",
    path: "/api/admin/bookings/over-capacity",
    feature: "admin",
    role: "admin",
    summary: "Bookings that fit no consultant's places since their slot shrank (move them)",
    tags: ["admin"],
    response: { status: 200, schema: overCapacityListSchema },
  },
  runJob: {
    method: "POST",
    path: "/api/admin/jobs/{job}/run",
    feature: "admin",
    role: "admin",
    summary:
      "Start a job now (availability generation, outcome check, calendar sync retry); it runs in the background and reports through its run record",
    tags: ["admin"],
    request: { params: jobNameParamsSchema, query: jobRunQuerySchema },
    response: { status: 202, schema: jobRunResultSchema },
  },
  listJobRuns: {
    method: "GET",
    path: "/api/admin/jobs/{job}/runs",
    feature: "admin",
    role: "admin",
    summary:
      "The latest runs of a job: status, progress and summary (e.g. slots that lost all consultants); poll while one is running",
    tags: ["admin"],
    request: { params: jobNameParamsSchema },
    response: { status: 200, schema: jobRunListSchema },
  },
  listLoginLocks: {
    method: "GET",
    path: "/api/admin/login-locks",
    feature: "admin",
    role: "admin",
    summary: "Current login lockouts (user from one address) and slow-downs (user everywhere)",
    tags: ["admin"],
    response: { status: 200, schema: loginLockListSchema },
  },
  clearLoginLocks: {
    method: "DELETE",
    path: "/api/admin/users/{username}/login-locks",
    feature: "admin",
    role: "admin",
    summary: "Lift a user's login lockout and slow-down (not the same as (de)activating the account)",
    tags: ["admin"],
    request: { params: usernameParamsSchema },
    response: { status: 200, schema: loginLocksClearedSchema },
  },
  ...telefonieRoutes,
  ...reportsRoutes,
  ...badgesRoutes,
  ...exportsRoutes,
  ...shopRoutes,
  ...questsRoutes,
  ...goalsRoutes,
  ...questsRoutes,
  ...goalsRoutes,
  ...shopRoutes,
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
