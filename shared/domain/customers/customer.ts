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

export const customerIdPattern = /^[0-9a-f]{24}$/;

/** A phone number as typed, in E.164 form; the message names what is wrong (as when booking). */
export const customerPhoneSchema = phoneSchema;

export interface CustomerName {
  firstName: string;
  lastName: string;
}

/**
 * A first/last name pair as one string set element: JSON, so no separator
 * character in a name can make two pairs collide.
 */
export function encodeName(name: CustomerName): string {
  return JSON.stringify([name.firstName, name.lastName]);
}

export function decodeName(encoded: string): CustomerName | undefined {
  try {
    const value: unknown = JSON.parse(encoded);
    if (Array.isArray(value) && value.length === 2) {
      const [firstName, lastName]: unknown[] = value;
      if (typeof firstName === "string" && typeof lastName === "string") return { firstName, lastName };
    }
  } catch {
    // not a pair: skipped
  }
  return undefined;
}
