import * as z from "zod";

/**
 * A consultant's id as the API takes it (the booking dialog sends the slot's
 * `consultants[].id`). A module of its own: contracts that name a consultant
 * need not load the booking form's phone validation with it.
 */
export const consultantIdSchema = z
  .string({ error: "booking.consultantUnknown" })
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, "booking.consultantUnknown");
