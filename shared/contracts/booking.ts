import { z } from "zod";
import { hhmmSchema, isoDateSchema } from "../domain/booking/local-date.ts";
import {
  outcomeChangeSchema,
  outcomeSchema,
  outcomeSourceSchema,
  potentialClassSchema,
} from "../domain/booking/outcomes.ts";

// Dates, wall times, outcomes and potential classes are defined once, in the
// domain; the contract uses those very schemas (create and reschedule validate
// `date` and `time` alike).
export { isoDateSchema, outcomeChangeSchema, outcomeSchema, outcomeSourceSchema, potentialClassSchema };
export const syncStateSchema = z.enum(["pending", "synced", "failed"]);

export const consultantSchema = z
  .object({ id: z.string(), name: z.string(), active: z.boolean() })
  .meta({ id: "Consultant" });

export const consultantAdminSchema = consultantSchema
  .extend({ calendarId: z.string() })
  .meta({ id: "ConsultantAdmin" });

export const consultantListSchema = z.array(consultantSchema);

export const consultantInputSchema = z.object({
  name: z.string().trim().min(1, "field.nameMissing").max(80),
  calendarId: z.string().trim().min(3, "consultant.calendarIdMissing").max(200),
  active: z.boolean().default(true),
});

export const consultantPatchSchema = consultantInputSchema
  .partial()
  .refine((value) => Object.keys(value).length > 0, { message: "field.noChange" });

export const slotViewSchema = z
  .object({
    date: z.string(),
    time: z.string(),
    start: z.string(),
    end: z.string(),
    capacity: z.number().int(),
    booked: z.number().int(),
    free: z.number().int(),
    points: z.number().int(),
  })
  .meta({ id: "Slot" });

export const availabilityQuerySchema = z.object({ from: isoDateSchema, to: isoDateSchema });
export const availabilitySchema = z.object({
  timeZone: z
    .string()
    .describe("IANA zone the slots' dates and times are local to (the slot template's zone)"),
  slots: z.array(slotViewSchema),
});

export const bookingSchema = z
  .object({
    id: z.string(),
    date: z.string(),
    time: z.string(),
    start: z.string(),
    end: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    phone: z.string(),
    note: z.string().optional(),
    agent: z.string(),
    status: z.enum(["booked", "cancelled"]),
    outcome: outcomeSchema,
    /** Chosen at booking (default standard); absent only on bookings made before classes were chosen. */
    potentialClass: potentialClassSchema.optional(),
    /** Who set the current outcome: the outcome job from the calendar, or an admin by hand (the job never overrides that). */
    outcomeSource: outcomeSourceSchema.optional(),
    /** Every outcome change, oldest first. */
    outcomeHistory: z.array(outcomeChangeSchema).optional(),
    points: z.number().int(),
    sync: z.object({ state: syncStateSchema, reason: z.string().optional(), attempts: z.number().int() }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Booking" });

export const bookingEnvelopeSchema = z.object({ booking: bookingSchema });
export const bookingListSchema = z.object({ bookings: z.array(bookingSchema) });

export const bookingListQuerySchema = z.object({
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  agent: z.string().trim().toLowerCase().max(40).optional(),
  consultant: z
    .string()
    .max(80)
    .optional()
    .describe("Consultant id: bookings in slots this consultant offers (capacity is pooled)"),
});

export const bookingIdParamsSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{32}$/, "booking.idUnknown"),
});

export const rescheduleSchema = z.object({ date: isoDateSchema, time: hhmmSchema });
export const outcomeInputSchema = z.object({
  outcome: outcomeSchema.exclude(["pending"]),
  potentialClass: potentialClassSchema.optional(),
  reason: z.string().trim().max(200).optional(),
});

export type Booking = z.infer<typeof bookingSchema>;
export type { Outcome, PotentialClass } from "../domain/booking/outcomes.ts";
export type Consultant = z.infer<typeof consultantAdminSchema>;
export type SlotView = z.infer<typeof slotViewSchema>;
