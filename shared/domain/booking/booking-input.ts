import { isValidPhoneNumber } from "libphonenumber-js/max";
import * as z from "zod";
import { consultantIdSchema } from "./consultant-id.ts";
import { hhmmSchema, isoDateSchema } from "./local-date.ts";
import { potentialClassSchema } from "./outcomes.ts";

/**
 * The body of `POST /api/bookings`, validated at the edge (messages are
 * catalogue ids, shown in the agent's language). Names and the phone number are normalised here so
 * the stored booking and the calendar event carry one canonical form.
 */

// At least one letter of any script and no control or format characters.
// Deliberately no narrower: real names vary more than any pattern, and the
// UI and the calendar treat names as text, so markup in a name is harmless
// (safety comes from encoding output, not from filtering input).
const NAME = /^(?=.*\p{L})[^\p{Cc}\p{Cf}]+$/u;

const nameSchema = (field: "firstName" | "lastName") =>
  z
    .string({ error: `booking.${field}Missing` })
    // NFC and single spaces, so "Jürgen" typed two ways is one name.
    .transform((value) => value.normalize("NFC").replace(/\s+/g, " ").trim())
    .pipe(
      z
        .string()
        .min(1, { error: `booking.${field}Missing`, abort: true })
        .max(60, `booking.${field}TooLong`)
        .regex(NAME, `booking.${field}Letters`),
    );

const PHONE_CHARS = /^\+?[\d\s/()-]+$/;

export type PhoneResult =
  | { ok: true; phone: string }
  | {
      ok: false;
      message:
        | "booking.phoneChars"
        | "booking.phoneAreaCode"
        | "booking.phoneCountryCode"
        | "booking.phoneLength"
        | "booking.phoneInvalid";
    };

/**
 * A phone number as typed (`+49 171 1234567`, `0171/1234567`,
 * `0221 123456-7`, `+49 (0)221 1234567`, `0049 …`) in E.164 form
 * (`+491711234567`). German numbers with a leading 0 get +49; numbers
 * without area or country code are refused because nobody can dial them
 * from a call centre elsewhere.
 */
export function normalizePhone(raw: string): PhoneResult {
  const value = raw.trim();
  if (!PHONE_CHARS.test(value)) {
    return { ok: false, message: "booking.phoneChars" };
  }
  let digits: string;
  if (value.startsWith("+")) {
    // "+49 (0)221 …": the bracketed trunk zero is not dialled after a country code.
    digits = value.slice(1).replace(/\(0\)/, "").replace(/\D/g, "");
  } else {
    const local = value.replace(/\D/g, "");
    if (local.startsWith("00")) digits = local.slice(2);
    else if (local.startsWith("0")) digits = `49${local.slice(1)}`;
    else return { ok: false, message: "booking.phoneAreaCode" };
  }
  // "+49 0171 …": a German trunk zero typed after the country code.
  if (digits.startsWith("490")) digits = `49${digits.slice(3)}`;
  if (digits.startsWith("0")) return { ok: false, message: "booking.phoneCountryCode" };
  if (digits.length < 6 || digits.length > 15) {
    return { ok: false, message: "booking.phoneLength" };
  }
  // The full metadata knows each country's number plans (a German mobile number has 10–11 digits):
  // the small one accepts any length its broad pattern allows, so `0171 23` would pass.
  if (!isValidPhoneNumber(`+${digits}`)) {
    // A catalogue id: translated into the caller's language with the response.
    return { ok: false, message: "booking.phoneInvalid" };
  }
  return { ok: true, phone: `+${digits}` };
}

/** A phone number as typed, in E.164 form; the message names what is wrong. */
export const phoneSchema = z
  .string({ error: "booking.phoneMissing" })
  .max(40, "booking.phoneTooLong")
  .transform((value, ctx) => {
    const result = normalizePhone(value);
    if (result.ok) return result.phone;
    ctx.issues.push({ code: "custom", message: result.message, input: value });
    return z.NEVER;
  });

const noteSchema = z
  .string({ error: "booking.noteText" })
  .trim()
  .max(500, "booking.noteTooLong")
  // An empty note is no note.
  .transform((value) => (value === "" ? undefined : value))
  .optional();

export const bookingInputSchema = z.object({
  date: isoDateSchema,
  time: hhmmSchema,
  firstName: nameSchema("firstName"),
  lastName: nameSchema("lastName"),
  phone: phoneSchema,
  note: noteSchema,
  /** The customer's potential class; absent = standard (the booking stores the default, the hash does not see it). */
  potential: potentialClassSchema.optional(),
  consultant: consultantIdSchema.optional(),
});

export type BookingInput = z.infer<typeof bookingInputSchema>;

/**
 * Whether a slot still lies ahead: its start is strictly after `now`. An
 * unreadable instant is never in the future, so it cannot be booked.
 */
export function isInFuture(slotStartIso: string, now: Date | number): boolean {
  const start = Date.parse(slotStartIso);
  const nowMs = typeof now === "number" ? now : now.getTime();
  return !Number.isNaN(start) && start > nowMs;
}
