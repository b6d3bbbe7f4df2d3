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

/** The body of every error response: its schema (for the API description) lives in error-body.ts. */
export type { ErrorBody } from "./error-body.ts";
