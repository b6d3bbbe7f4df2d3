import * as z from "zod";
import { consultantIdSchema } from "../domain/booking/consultant-id.ts";
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

export const slotConsultantSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    places: z.number().int(),
    booked: z.number().int(),
    free: z.number().int(),
  })
  .meta({ id: "SlotConsultant" });

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
    consultants: z
      .array(slotConsultantSchema)
      .describe("The offering consultants with their own places (capacity/booked/free are the sums)"),
  })
  .meta({ id: "Slot" });

/** `from`+`to`, or `date` for one day (the old app's form); the service names the field when mixed. */
export const availabilityQuerySchema = z.object({
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  date: isoDateSchema.optional().describe("One day; instead of from/to"),
});
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

export const bookingEnvelopeSchema = z.object({ booking: bookingSchema });
export const bookingListSchema = z.object({
  bookings: z.array(bookingSchema),
  nextCursor: z
    .string()
    .optional()
    .describe("Send as `cursor` for the next page; absent on the last page (and without paging)"),
});

/** Which part of the timeline a paged list walks: the future soonest first, the past latest first. */
export const bookingListViewSchema = z.enum(["upcoming", "past"], { error: "bookingList.viewUnknown" });
export type BookingListView = z.infer<typeof bookingListViewSchema>;
/** Outcome groups an agent filters by (the domain maps each to its outcomes and status). */
export const bookingOutcomeFilterSchema = z.enum(["appeared", "no_show", "cancelled", "open"], {
  error: "bookingList.outcomeUnknown",
});
export type BookingOutcomeFilter = z.infer<typeof bookingOutcomeFilterSchema>;

/** Page sizes: small enough for one screen, large enough that "load more" is rare. */
export const bookingPageSize = { default: 25, max: 100 } as const;

export const bookingListQuerySchema = z.object({
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  agent: z.string().trim().toLowerCase().max(40).optional(),
  consultant: z
    .string()
    .max(80)
    .optional()
    .describe("Consultant id: the bookings assigned to this consultant"),
  view: bookingListViewSchema
    .optional()
    .describe("upcoming (soonest first) or past (latest first); pages the list"),
  outcome: bookingOutcomeFilterSchema
    .optional()
    .describe("appeared, no_show, cancelled (or rescheduled) or open (booked, no outcome yet)"),
  q: z
    .string()
    .trim()
    .min(2, "bookingList.searchTooShort")
    .max(80, "bookingList.searchTooLong")
    .optional()
    .describe("Search: part of the customer's name (any case) or phone number"),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,2000}$/, "bookingList.cursorInvalid")
    .optional()
    .describe("The previous page's nextCursor"),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(bookingPageSize.max)
    .optional()
    .describe(`Page size (default ${bookingPageSize.default}); pages the list`),
});

export const bookingIdParamsSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{32}$/, "booking.idUnknown"),
});

export const rescheduleSchema = z.object({
  date: isoDateSchema,
  time: hhmmSchema,
  consultant: consultantIdSchema.optional().describe("Consultant in the target slot; assigned when absent"),
});
export const outcomeInputSchema = z.object({
  outcome: outcomeSchema.exclude(["pending"]),
  potentialClass: potentialClassSchema.optional(),
  reason: z.string().trim().max(200).optional(),
});

export type Booking = z.infer<typeof bookingSchema>;
export type { Outcome, PotentialClass } from "../domain/booking/outcomes.ts";
export type Consultant = z.infer<typeof consultantAdminSchema>;
export type SlotView = z.infer<typeof slotViewSchema>;

export const overCapacityListSchema = z.object({ bookings: z.array(bookingSchema) });
