import * as z from "zod";
import { hhmmSchema, isoDateSchema } from "../domain/booking/local-date.ts";
import { potentialClassSchema } from "../domain/booking/outcomes.ts";
import { customerIdPattern, customerPhoneSchema } from "../domain/customers/customer.ts";
import { customerOutcomes } from "../domain/customers/profile.ts";
import { factorGroups } from "../domain/predictions/features.ts";

export const customerOutcomeSchema = z.enum(customerOutcomes);

export const customerPhoneQuerySchema = z.object({
  phone: customerPhoneSchema.describe("The phone number as typed; matched exactly in E.164 form"),
  date: isoDateSchema.optional().describe("The slot being booked: the forecast is for this appointment"),
  time: hhmmSchema.optional(),
  start: z.iso.datetime().optional().describe("The slot's start instant (lead time of the forecast)"),
  potential: potentialClassSchema.optional(),
});

export const customerSearchQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .min(1, "customer.searchTooShort")
    .max(80)
    .describe("A name (any words of it, at least 2 letters) or a phone number"),
});

const predictionFactorSchema = z.object({
  group: z.enum(factorGroups),
  effect: z.number(),
  text: z.string().describe("The factor in words, in the caller's language"),
});

export const customerSearchResultSchema = z
  .object({
    customers: z.array(
      z.object({
        id: z.string(),
        phone: z.string(),
        names: z.array(z.object({ firstName: z.string(), lastName: z.string() })),
        bookings: z.number().int(),
        resolved: z.number().int(),
        noShows: z.number().int(),
        reliability: z.number().nullable(),
        risk: z.enum(["low", "medium", "high"]),
        riskReason: z.string(),
        lastAppointment: z.string().optional(),
      }),
    ),
  })
  .meta({ id: "CustomerSearchResult" });

export const customerIdParamsSchema = z.object({
  id: z.string().regex(customerIdPattern, "customer.idInvalid"),
});

const outcomeCountsSchema = z
  .object(Object.fromEntries(customerOutcomes.map((outcome) => [outcome, z.number().int()])))
  .meta({ id: "OutcomeCounts" });

const customerNameSchema = z.object({ firstName: z.string(), lastName: z.string() });

/** A past or upcoming appointment as agents see it: no notes, no other booking fields. */
export const customerBookingSchema = z
  .object({
    date: z.string(),
    time: z.string(),
    start: z.string(),
    status: z.enum(["booked", "cancelled"]),
    outcome: customerOutcomeSchema,
    agent: z.string(),
    consultant: z.string().optional(),
  })
  .meta({ id: "CustomerBooking" });

export const customerHistoryEntrySchema = customerBookingSchema
  .extend({ id: z.string(), firstName: z.string(), lastName: z.string(), createdAt: z.string() })
  .meta({ id: "CustomerHistoryEntry" });

const profileFields = {
  id: z.string().describe("Derived from the E.164 phone number (opaque)"),
  phone: z.string().describe("E.164"),
  names: z.array(customerNameSchema).describe("Names used, most recently used first (at most 10)"),
  bookings: z.number().int().describe("All bookings made for this customer"),
  outcomes: outcomeCountsSchema,
  resolved: z.number().int().describe("completed + overhang + no_show + ghost"),
  reliability: z
    .number()
    .nullable()
    .describe("(completed + overhang) / resolved; null: a new customer with nothing resolved yet"),
  risk: z
    .enum(["low", "medium", "high"])
    .describe("high at 3 no-shows (no_show + ghost) or a forecast ≥ 0.5, medium at 1 or ≥ 0.25, else low"),
  riskReason: z.string().describe("Why this risk class, in words"),
  forecast: z
    .object({ probability: z.number(), factors: z.array(predictionFactorSchema) })
    .optional()
    .describe(
      "The no-show model's forecast for the appointment asked about (or the next one), when a model is trained",
    ),
};

export const customerProfileSchema = z
  .object({
    ...profileFields,
    lastBookings: z
      .array(customerBookingSchema)
      .describe("The latest appointments, newest first (at most 5)"),
  })
  .meta({ id: "CustomerProfile" });

export const customerHistorySchema = z
  .object({
    ...profileFields,
    history: z.array(customerHistoryEntrySchema).describe("Every booking, newest appointment first"),
  })
  .meta({ id: "CustomerHistory" });

export type CustomerProfile = z.infer<typeof customerProfileSchema>;
export type CustomerHistory = z.infer<typeof customerHistorySchema>;
