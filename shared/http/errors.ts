import type * as z from "zod";
import { type ErrorBody, type ErrorCode, errorStatus } from "../contracts/errors.ts";
import {
  defaultLanguage,
  errorCodeMessage,
  type Language,
  type Message,
  messageId,
  translate,
  translateIssue,
} from "../contracts/messages.ts";

/** What a field error says: a catalogue message, or a zod issue translated with the response. */
export type FieldMessage = Message | { issue: z.core.$ZodIssue };

export interface HttpErrorOptions {
  /** Field path (`body.phone`, `query.to`) → what is wrong with it. */
  fields?: Record<string, FieldMessage>;
  headers?: Record<string, string>;
}

function translateField(field: FieldMessage, language: Language): string {
  return typeof field === "object" && "issue" in field
    ? translateIssue(field.issue, language)
    : translate(field, language);
}

/**
 * An error whose code and message are safe to show to the client. The message
 * is a catalogue id (shared/contracts/messages.ts), translated into the
 * caller's language when the response is written:
 *
 *   throw new HttpError("conflict", "booking.slotFull", { fields: { "body.time": "booking.slotFullField" } });
 *   throw new HttpError("invalid", { id: "range.tooManyDays", params: { max: 31 } });
 *
 * Without a message the code's own message is used (`error.<code>`).
 */
export class HttpError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly messageRef: Message;
  readonly fields: Record<string, FieldMessage> | undefined;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message?: Message, options: HttpErrorOptions = {}) {
    const ref = message ?? errorCodeMessage(code);
    // The Error's own message (logs, stack traces) is the default language's text.
    super(translate(ref, defaultLanguage));
    this.name = "HttpError";
    this.code = code;
    this.status = errorStatus[code];
    this.messageRef = ref;
    this.fields = options.fields;
    this.headers = options.headers ?? {};
  }

  /** The answer's body with message and field messages in `language`. */
  toBody(language: Language = defaultLanguage): ErrorBody {
    const fields = this.fields
      ? Object.fromEntries(
          Object.entries(this.fields).map(([path, field]) => [path, translateField(field, language)]),
        )
      : undefined;
    return {
      error: {
        code: this.code,
        message: translate(this.messageRef, language),
        messageId: messageId(this.messageRef),
        ...(fields ? { fields } : {}),
      },
    };
  }
}

/** Turns zod issues into `{ "body.phone": … }` so the client can point at the field. */
export function fieldsFromZodIssues(
  part: string,
  issues: readonly z.core.$ZodIssue[],
): Record<string, FieldMessage> {
  const fields: Record<string, FieldMessage> = {};
  for (const issue of issues) {
    const path = [part, ...issue.path.map(String)];
    // A strict object reports unknown keys on the object itself: name each key instead.
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) fields[[...path, key].join(".")] ??= "field.unknown";
    } else {
      fields[path.join(".")] ??= { issue };
    }
  }
  return fields;
}

export function invalidRequest(fields: Record<string, FieldMessage>): HttpError {
  const names = Object.keys(fields).join(", ");
  return new HttpError("invalid", { id: "request.invalid", params: { fields: names } }, { fields });
}
