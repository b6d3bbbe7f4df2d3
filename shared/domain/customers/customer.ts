// The phone-number parts need the full phone metadata: a module of their own, so code that only
// handles names (profiles, exports) does not load it.
export { customerPhoneOf, customerPhoneSchema } from "./customer-phone.ts";

export const customerIdPattern = /^[0-9a-f]{24}$/;

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
