// Server-side only: node:crypto has no place in the site bundle (the site imports customer.ts through the contracts).
import { createHash } from "node:crypto";

/**
 * A customer is identified by the normalised phone number (E.164). The id is
 * derived from it, so the booking transaction knows the customer without a
 * lookup: the first 96 bits of SHA-256 over the E.164 number, in hex. Opaque
 * rather than the digits themselves, so ids that travel further than the
 * profile (URLs, exports, events, analytics) do not carry phone numbers. It
 * is a pseudonym, not a secret: anyone holding the number can compute it,
 * which is exactly the access an exact phone lookup gives anyway.
 */
export function customerIdOf(e164Phone: string): string {
  return createHash("sha256").update(`customer:${e164Phone}`).digest("hex").slice(0, 24);
}
