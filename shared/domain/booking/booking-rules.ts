import * as z from "zod";

/**
 * Booking rules set by admins. The horizon stays in the slot template (it
 * decides which slots exist); these decide which existing slots may be booked.
 */
export const bookingRulesSchema = z
  .object({
    // zod's own checks carry generic catalogue texts with the limit filled in.
    minNoticeMinutes: z
      .int()
      .min(0)
      .max(10_080)
      .default(0)
      .describe("Minutes a slot must lie ahead to be booked; 0 = not in the past"),
    maxBookingsPerConsultantPerDay: z
      .int()
      .min(1)
      .max(100)
      .optional()
      .describe("At most this many bookings per consultant and day; no limit when absent"),
  })
  .meta({ id: "BookingRules" });

export type BookingRules = z.infer<typeof bookingRulesSchema>;

export const defaultBookingRules: BookingRules = { minNoticeMinutes: 0 };

/** The instant a slot must start after to be bookable at `now`. */
export function earliestBookableStart(rules: BookingRules, now: Date): string {
  return new Date(now.getTime() + rules.minNoticeMinutes * 60_000).toISOString();
}
