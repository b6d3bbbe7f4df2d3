import {
  customerHistorySchema,
  customerIdParamsSchema,
  customerPhoneQuerySchema,
  customerProfileSchema,
} from "../contracts/customers.ts";
import type { RouteDefinition } from "./route-types.ts";

/** Customer profiles by phone number. */
export const customersRoutes = {
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
} as const satisfies Record<string, RouteDefinition>;
