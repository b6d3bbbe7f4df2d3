import type { z } from "zod";
import { type ErrorBody, type ErrorCode, errorStatus } from "../contracts/errors.ts";

/** An error whose code and message are safe to show to the client. */
export class HttpError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields: Record<string, string> | undefined;
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { fields?: Record<string, string>; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = "HttpError";
    this.code = code;
    this.status = errorStatus[code];
    this.fields = options.fields;
    this.headers = options.headers ?? {};
  }

  toBody(): ErrorBody {
    return {
      error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) },
    };
  }
}

/** Turns zod issues into `{ "body.phone": "…" }` so the client can point at the field. */
export function fieldsFromZodIssues(
  part: string,
  issues: readonly z.core.$ZodIssue[],
): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = [part, ...issue.path.map(String)];
    // A strict object reports unknown keys on the object itself: name each key instead.
    const named = issue.code === "unrecognized_keys" ? issue.keys.map((key) => [...path, key]) : [path];
    for (const field of named) {
      fields[field.join(".")] ??= issue.code === "unrecognized_keys" ? "Unbekanntes Feld" : issue.message;
    }
  }
  return fields;
}

export function invalidRequest(fields: Record<string, string>): HttpError {
  const names = Object.keys(fields).join(", ");
  return new HttpError("invalid", `Ungültige Eingabe: ${names}`, { fields });
}
