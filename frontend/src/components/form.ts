import { createSignal } from "solid-js";
import type * as z from "zod";
import { ApiError } from "../api/client.ts";
import { issueText } from "../i18n/index.ts";
import { errorMessage } from "./ui.tsx";

export type FieldErrors = Record<string, string | undefined>;

/** Zod issues → `{ field: first message }`. */
export function issuesByField(error: z.ZodError): FieldErrors {
  const found: FieldErrors = {};
  for (const issue of error.issues) {
    const name = String(issue.path[0] ?? "");
    found[name] ??= issueText(issue);
  }
  return found;
}

/** The first message of `schema` for `value`, or undefined when it passes. */
export function firstIssue(schema: z.ZodType, value: unknown): string | undefined {
  const issue = schema.safeParse(value).error?.issues[0];
  return issue && issueText(issue);
}

/** The API's field errors (`body.phone` → message) without the `body.` prefix. */
export function apiFieldErrors(error: ApiError): FieldErrors {
  const found: FieldErrors = {};
  for (const [path, message] of Object.entries(error.fields)) found[path.replace(/^body\./, "")] = message;
  return found;
}

/**
 * The state of one submit: busy (a second submit while busy is ignored) and the failure to show.
 * An API answer naming fields goes to `onFields`; `describe` may turn an error into its own text.
 */
export function createSubmit(options: {
  onFields?: (errors: FieldErrors) => void;
  describe?: (error: unknown) => string | undefined;
}) {
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<string>();
  async function run(work: () => Promise<void>): Promise<void> {
    if (busy()) return;
    setBusy(true);
    setFailure(undefined);
    try {
      await work();
    } catch (error) {
      const own = options.describe?.(error);
      if (own !== undefined) setFailure(own);
      else if (options.onFields && error instanceof ApiError && Object.keys(error.fields).length > 0) {
        options.onFields(apiFieldErrors(error));
      } else setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }
  return { busy, failure, run };
}
