import * as z from "zod";
import { consultantAdminListItemSchema } from "../contracts/admin.ts";
import { consultantAdminSchema, consultantInputSchema, consultantPatchSchema } from "../contracts/booking.ts";
import type { RouteDefinition } from "./route-types.ts";

/** Consultants as admins manage them. */
export const consultantsRoutes = {
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
} as const satisfies Record<string, RouteDefinition>;
