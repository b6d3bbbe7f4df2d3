import * as z from "zod";
import { consultantIdSchema } from "../domain/booking/consultant-id.ts";
import { hhmmSchema, isoDateSchema } from "../domain/booking/local-date.ts";
import {
  outcomeChangeSchema,
  outcomeSchema,
  outcomeSourceSchema,
  potentialClassSchema,
} from "../domain/booking/outcomes.ts";
import { bookingSchema, consultantSchema } from "./booking-records.ts";

// The records the repositories parse stored items with live apart (booking-records.ts), so that reading
// bookings does not construct every route's schemas; they are part of this contract all the same.
export {
  type Booking,
  bookingSchema,
  type Consultant,
  consultantAdminSchema,
  consultantSchema,
  syncStateSchema,
} from "./booking-records.ts";

// Dates, wall times, outcomes and potential classes are defined once, in the
// domain; the contract uses those very schemas (create and reschedule validate
// `date` and `time` alike).
export { isoDateSchema, outcomeChangeSchema, outcomeSchema, outcomeSourceSchema, potentialClassSchema };

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

export type { Outcome, PotentialClass } from "../domain/booking/outcomes.ts";
export type SlotView = z.infer<typeof slotViewSchema>;

export const overCapacityListSchema = z.object({ bookings: z.array(bookingSchema) });
