import { type JSX, Show } from "solid-js";
import { ApiError } from "../api/client.ts";
import { t } from "../i18n/index.ts";

export function Spinner(props: { label?: string | undefined }) {
  return (
    <span class="spinner-wrap" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      <span class="sr-only">{props.label ?? t("common.loading")}</span>
    </span>
  );
}

export function Loading() {
  return (
    <div class="loading" aria-busy="true">
      <Spinner />
      <span>{t("common.loading")}</span>
    </div>
  );
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.isNetworkError) return t("common.offline");
    if (error.status === 403) return t("common.forbidden");
    if (error.status === 429) return t("common.rateLimited");
    if (error.status >= 500 && error.message.startsWith("HTTP ")) return t("common.serverError");
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

export function ErrorBox(props: { error: unknown; retry?: () => void }) {
  return (
    <div class="notice error" role="alert">
      <span>{t("common.error", { message: errorMessage(props.error) })}</span>
      <Show when={props.retry}>
        <button type="button" class="button secondary" onClick={() => props.retry?.()}>
          {t("common.retry")}
        </button>
      </Show>
    </div>
  );
}

/** A form-level failure (not tied to one field), announced when it appears. */
export function FormError(props: { message: string | undefined }) {
  return (
    <Show when={props.message}>
      <div class="notice error" role="alert">
        {props.message}
      </div>
    </Show>
  );
}

/** The ids a control's `aria-describedby` names: its error when there is one, else its hint. */
export function describedBy(
  id: string,
  error: string | undefined,
  hint: string | undefined,
): string | undefined {
  if (error) return `${id}-error`;
  return hint ? `${id}-hint` : undefined;
}

/** A labelled control with its hint and error; `TextField` is the common case of a text input. */
export function Field(props: {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  children: JSX.Element;
}) {
  return (
    <div class="field" classList={{ invalid: Boolean(props.error) }}>
      <label for={props.id}>{props.label}</label>
      {props.children}
      <Show when={props.hint && !props.error}>
        <small class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </small>
      </Show>
      <Show when={props.error}>
        <small class="field-error" id={`${props.id}-error`} role="alert">
          {props.error}
        </small>
      </Show>
    </div>
  );
}
