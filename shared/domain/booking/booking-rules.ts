import { z } from "zod";

/**
 * Booking rules set by admins. The horizon stays in the slot template (it
 * decides which slots exist); these decide which existing slots may be booked.
 */
export const bookingRulesSchema = z
  .object({
    minNoticeMinutes: z
      .int("Ganze Zahl angeben")
      .min(0, "Nicht negativ")
      .max(10_080, "Höchstens eine Woche (10080 Minuten)")
      .default(0)
      .describe("Minutes a slot must lie ahead to be booked; 0 = not in the past"),
    maxBookingsPerConsultantPerDay: z
      .int("Ganze Zahl angeben")
      .min(1, "Mindestens 1")
      .max(100, "Höchstens 100")
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
