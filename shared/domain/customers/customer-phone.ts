import { normalizePhone, phoneSchema } from "../booking/booking-input.ts";

/**
 * The number a customer is known by: E.164 when it parses as a phone number
 * (bookings made through the API always do; older or seeded data may be
 * stored as typed), else the stored text as it is.
 */
export function customerPhoneOf(storedPhone: string): string {
  const result = normalizePhone(storedPhone);
  return result.ok ? result.phone : storedPhone;
}

/** A phone number as typed, in E.164 form; the message names what is wrong (as when booking). */
export const customerPhoneSchema = phoneSchema;
