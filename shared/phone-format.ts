import { parsePhoneNumberFromString } from "libphonenumber-js/min";

/**
 * A stored E.164 number grouped for reading it back to a caller: `+492219876543` →
 * `+49 221 9876543`. The small metadata is enough to group; anything it cannot parse is shown
 * as stored.
 */
export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
