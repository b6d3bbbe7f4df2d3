import * as z from "zod";
import {
  outcomeChangeSchema,
  outcomeSchema,
  outcomeSourceSchema,
  potentialClassSchema,
} from "../domain/booking/outcomes.ts";

/**
 * A booking and a consultant as the API shows them and as the repositories
 * read them back from the table: apart from the booking routes' other
 * schemas (booking.ts re-exports these), so that a function that only reads
 * bookings or consultants constructs just these.
 */

export const syncStateSchema = z.enum(["pending", "synced", "failed"]);

export const consultantSchema = z
  .object({ id: z.string(), name: z.string(), active: z.boolean() })
  .meta({ id: "Consultant" });

export const consultantAdminSchema = consultantSchema
  .extend({ calendarId: z.string() })
  .meta({ id: "ConsultantAdmin" });

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
    // Optional only until the consultant migration has run on every deployment.
    consultant: z.string().optional().describe("Id of the consultant the booking is assigned to"),
    overCapacity: z
      .boolean()
      .optional()
      .describe("True while the booking fits no consultant's places in its slot (to be moved)"),
    status: z.enum(["booked", "cancelled"]),
    outcome: outcomeSchema,
    /** Chosen at booking (default standard); absent only on bookings made before classes were chosen. */
    potentialClass: potentialClassSchema.optional(),
    /** Who set the current outcome: the outcome job from the calendar, or an admin by hand (the job never overrides that). */
    outcomeSource: outcomeSourceSchema.optional(),
    /** Every outcome change, oldest first. */
    outcomeHistory: z.array(outcomeChangeSchema).optional(),
    points: z.number().int(),
    customerId: z
      .string()
      .optional()
      .describe("The customer (by phone number); absent only until the one-off backfill has run"),
    sync: z.object({ state: syncStateSchema, reason: z.string().optional(), attempts: z.number().int() }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Booking" });

export type Booking = z.infer<typeof bookingSchema>;
export type Consultant = z.infer<typeof consultantAdminSchema>;
