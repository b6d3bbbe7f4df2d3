import { createResource, createSignal } from "solid-js";
import type * as z from "zod";
import { ApiError, api } from "../../api/client.ts";
import { apiFieldErrors, createSubmit } from "../../components/form.ts";
import { issueText } from "../../i18n/index.ts";

/** Field errors keyed by the whole path (`times.fri`, `placesOverrides.0.places`), like the API's. */
export type PathErrors = Record<string, string>;

/** Zod issues → `{ "a.b.0": first message }`. */
export function pathErrors(error: z.ZodError): PathErrors {
  const found: PathErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".");
    found[path] ??= issueText(issue);
  }
  return found;
}

/** A number input's text as the schema should see it: empty stays undefined (the default applies). */
export function numberOrUndefined(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === "" ? undefined : Number(trimmed.replace(",", "."));
}

/** "09:00, 11:00 14:00" → ["09:00", "11:00", "14:00"]. */
export function splitTimes(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

/** How many consultants the previews count with: the active ones, at least one. */
export function createActiveConsultants() {
  const [list] = createResource(() => api.call("listConsultantsAdmin"));
  return () => {
    const value = list.error ? undefined : list.latest;
    return Math.max(1, value?.filter((consultant) => consultant.active).length ?? 1);
  };
}

/**
 * What every settings form shares: the draft's own errors (shown once a save
 * was tried), the API's field errors (until the next edit clears them), and
 * one submission whose failure names the fields.
 */
export function createFieldErrors<T>(checked: () => { data?: T | undefined; errors: PathErrors }) {
  const [showErrors, setShowErrors] = createSignal(false);
  const [serverErrors, setServerErrors] = createSignal<PathErrors>({});
  const submit = createSubmit({
    describe: (failure) => {
      if (!(failure instanceof ApiError) || Object.keys(failure.fields).length === 0) return undefined;
      setServerErrors(apiFieldErrors(failure) as PathErrors);
      return failure.message;
    },
  });
  const error = (path: string): string | undefined =>
    serverErrors()[path] ?? (showErrors() ? checked().errors[path] : undefined);
  /** A save: shows the draft's errors, or stores it (the form's `store` confirms and hands it on). */
  function save(event: SubmitEvent, store: (data: T) => Promise<void>): boolean {
    event.preventDefault();
    setShowErrors(true);
    const { data } = checked();
    if (data === undefined) return false;
    void submit.run(async () => {
      await store(data);
      setShowErrors(false);
    });
    return true;
  }
  return { submit, showErrors, serverErrors, setServerErrors, error, save };
}
