import * as z from "zod";
import { isoDateSchema } from "../domain/booking/local-date.ts";
import { factorGroups } from "../domain/predictions/features.ts";

const factorSchema = z
  .object({
    group: z.enum(factorGroups),
    effect: z
      .number()
      .describe("Change of the log-odds against the average booking (positive raises the risk)"),
    text: z.string().describe("The factor in words, in the caller's language"),
  })
  .meta({ id: "PredictionFactor" });

export const riskSchema = z.enum(["low", "medium", "high"]);

export const bookingPredictionSchema = z
  .object({
    bookingId: z.string(),
    date: z.string(),
    time: z.string(),
    start: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    agent: z.string(),
    consultant: z.string().optional(),
    customerId: z.string().optional(),
    probability: z.number().describe("Forecast probability of a no-show (no_show or ghost)"),
    risk: riskSchema,
    riskReason: z.string().describe("Why the risk class, in words"),
    factors: z.array(factorSchema).describe("The three factors that move the forecast most"),
  })
  .meta({ id: "BookingPrediction" });

export const predictionUnavailableSchema = z.object({
  available: z.literal(false),
  reason: z.string().describe("Why there is no forecast (no model yet, or not enough history), in words"),
});

export const bookingPredictionListSchema = z.union([
  z.object({
    available: z.literal(true),
    trainedAt: z.string(),
    predictions: z.array(bookingPredictionSchema),
  }),
  predictionUnavailableSchema,
]);

export const bookingPredictionQuerySchema = z.object({
  from: isoDateSchema.optional().describe("First local date (default today)"),
  to: isoDateSchema.optional().describe("Last local date (default 14 days on)"),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

const calibrationBinSchema = z.object({
  from: z.number(),
  to: z.number(),
  count: z.number().int(),
  predicted: z.number(),
  observed: z.number(),
});

const scoreSchema = z.object({ auc: z.number().nullable(), brier: z.number() });

export const predictionModelSchema = z
  .object({
    status: z.enum(["none", "trained", "insufficient"]),
    message: z.string().optional().describe("For none/insufficient: what is missing, in words"),
    trainedAt: z.string().optional(),
    trainingBookings: z.number().int().optional(),
    trainingFrom: z.string().optional(),
    trainingTo: z.string().optional(),
    baseRate: z.number().optional(),
    evaluation: z
      .object({
        from: z.string(),
        to: z.string(),
        bookings: z.number().int(),
        noShows: z.number().int(),
        model: scoreSchema,
        baseRate: scoreSchema.extend({ rate: z.number() }),
        calibration: z.array(calibrationBinSchema),
      })
      .optional(),
    history: z
      .array(
        z.object({
          trainedAt: z.string(),
          status: z.enum(["trained", "insufficient"]),
          auc: z.number().nullable().optional(),
          brier: z.number().optional(),
        }),
      )
      .describe("The latest training runs, newest first"),
  })
  .meta({ id: "PredictionModel" });

export const slotRecommendationListSchema = z.union([
  z.object({
    available: z.literal(true),
    recommendations: z.array(
      z.object({
        date: z.string(),
        time: z.string(),
        weekday: z.string(),
        capacity: z.number().int(),
        booked: z.number().int(),
        showRate: z
          .number()
          .nullable()
          .describe("Show rate of this weekday and time in the resolved history"),
        use: z.number().describe("booked / capacity"),
        score: z.number(),
        reason: z.string(),
      }),
    ),
  }),
  predictionUnavailableSchema,
]);
