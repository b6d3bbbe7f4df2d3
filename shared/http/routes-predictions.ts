import { customerSearchQuerySchema, customerSearchResultSchema } from "../contracts/customers.ts";
import {
  bookingPredictionListSchema,
  bookingPredictionQuerySchema,
  predictionModelSchema,
  slotRecommendationListSchema,
} from "../contracts/predictions.ts";
import type { RouteDefinition } from "./route-types.ts";

/** The no-show model: its evaluation for admins, forecasts per upcoming booking, slot recommendations. */
export const predictionsRoutes = {
  searchCustomers: {
    method: "GET",
    path: "/api/admin/customers",
    feature: "customers",
    role: "admin",
    summary:
      "Customers by name (any words of it, from a name index: no scan) or by phone number, with reliability and risk",
    tags: ["customers"],
    request: { query: customerSearchQuerySchema },
    response: { status: 200, schema: customerSearchResultSchema },
  },
  getPredictionModel: {
    method: "GET",
    path: "/api/predictions/model",
    feature: "predictions",
    role: "admin",
    summary:
      "The current no-show model: training date, held-out AUC, Brier score and calibration next to the base-rate predictor (or why there is none)",
    tags: ["predictions"],
    response: { status: 200, schema: predictionModelSchema },
  },
  listBookingPredictions: {
    method: "GET",
    path: "/api/predictions/bookings",
    feature: "predictions",
    role: "agent",
    summary:
      "No-show probability, risk and the top 3 factors of each upcoming booking (agents: their own; admins: all)",
    tags: ["predictions"],
    request: { query: bookingPredictionQuerySchema },
    response: { status: 200, schema: bookingPredictionListSchema },
  },
  listConfirmCalls: {
    method: "GET",
    path: "/api/predictions/confirm-calls",
    feature: "predictions",
    role: "admin",
    summary:
      "The upcoming bookings most worth a confirmation call (highest no-show risk first, 10 by default)",
    tags: ["predictions"],
    request: { query: bookingPredictionQuerySchema },
    response: { status: 200, schema: bookingPredictionListSchema },
  },
  listSlotRecommendations: {
    method: "GET",
    path: "/api/predictions/slot-recommendations",
    feature: "predictions",
    role: "admin",
    summary: "Open slots to fill first: high show rate for their weekday and time, low capacity use",
    tags: ["predictions"],
    response: { status: 200, schema: slotRecommendationListSchema },
  },
} as const satisfies Record<string, RouteDefinition>;
