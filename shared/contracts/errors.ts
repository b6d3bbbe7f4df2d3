import * as z from "zod";

/** Error codes a client can rely on; each maps to exactly one HTTP status. */
export const errorStatus = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  /** Agents change only future bookings without an outcome (admins correct, audited). */
  booking_in_past: 409,
  booking_has_outcome: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  /** An `Idempotency-Key` sent again with a different body. */
  idempotency_key_reused: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]]),
      message: z
        .string()
        .describe("In the caller's language: the user's, else `Accept-Language`, else German"),
      messageId: z
        .string()
        .optional()
        .describe("The message's id in the catalogue, for clients that translate themselves"),
      fields: z
        .record(z.string(), z.string())
        .optional()
        .describe("Field path (e.g. `body.phone`) → what is wrong with it"),
    }),
  })
  .meta({ id: "Error" });

export type ErrorBody = z.infer<typeof errorBodySchema>;
