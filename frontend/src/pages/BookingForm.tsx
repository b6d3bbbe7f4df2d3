import { A } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import type { Booking, SlotView } from "../../../shared/contracts/booking.ts";
import { bookingInputSchema } from "../../../shared/domain/booking/booking-input.ts";
import { ApiError, api } from "../api/client.ts";
import { errorMessage, Field, Modal, Spinner } from "../components/ui.tsx";
import { formatDay, t } from "../i18n/index.ts";

type FieldName = "firstName" | "lastName" | "phone" | "note";
const fieldNames: FieldName[] = ["firstName", "lastName", "phone", "note"];

/**
 * The booking dialog for one slot: inline validation with the API's own
 * schema, an Idempotency-Key that stays the same while the same data is sent
 * again (a retry after a network error books once), and a confirmation.
 */
export function BookingForm(props: {
  slot: SlotView;
  onClose: () => void;
  onBooked: (booking: Booking) => void;
  onFull: () => void;
}) {
  const [values, setValues] = createSignal<Record<FieldName, string>>({
    firstName: "",
    lastName: "",
    phone: "",
    note: "",
  });
  const [errors, setErrors] = createSignal<Partial<Record<FieldName, string>>>({});
  const [failure, setFailure] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const [done, setDone] = createSignal<Booking>();
  let attempt: { body: string; key: string } | undefined;

  const input = () => ({ date: props.slot.date, time: props.slot.time, ...values() });

  function validate(only?: FieldName): boolean {
    const result = bookingInputSchema.safeParse(input());
    const found: Partial<Record<FieldName, string>> = {};
    for (const issue of result.success ? [] : result.error.issues) {
      const name = issue.path[0] as FieldName;
      found[name] ??= issue.message;
    }
    // The schema's own text for an empty phone speaks of allowed characters; say what is missing.
    if (!values().phone.trim() && found.phone) found.phone = t("book.form.phoneMissing");
    setErrors((current) => (only ? { ...current, [only]: found[only] } : found));
    return result.success;
  }

  const set =
    (name: FieldName) => (event: InputEvent & { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => {
      setValues((current) => ({ ...current, [name]: event.currentTarget.value }));
      // Once a field shows an error, re-check it while typing so the message goes away when fixed.
      if (errors()[name]) validate(name);
    };

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (busy()) return;
    if (!validate()) {
      const first = fieldNames.find((name) => errors()[name]);
      if (first) document.getElementById(`booking-${first}`)?.focus();
      return;
    }
    const body = { ...input(), note: values().note.trim() || undefined };
    const serialized = JSON.stringify(body);
    // Same data again (a retry) → same key; changed data is a new request.
    if (attempt?.body !== serialized) attempt = { body: serialized, key: crypto.randomUUID() };
    setBusy(true);
    setFailure(undefined);
    try {
      const { booking } = await api.call("createBooking", {
        body,
        headers: { "idempotency-key": attempt.key },
      });
      setDone(booking);
      props.onBooked(booking);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setFailure(t("book.full409"));
        props.onFull();
      } else if (error instanceof ApiError && Object.keys(error.fields).length > 0) {
        setErrors({
          firstName: error.field("firstName"),
          lastName: error.field("lastName"),
          phone: error.field("phone"),
          note: error.field("note"),
        });
        setFailure(error.message);
      } else setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  const text = (
    name: FieldName,
    label: string,
    options: { autocomplete?: string; type?: string; hint?: string; autofocus?: boolean } = {},
  ) => (
    <Field
      id={`booking-${name}`}
      label={label}
      error={errors()[name]}
      {...(options.hint ? { hint: options.hint } : {})}
    >
      <input
        id={`booking-${name}`}
        name={name}
        type={options.type ?? "text"}
        autocomplete={options.autocomplete ?? "off"}
        required
        autofocus={options.autofocus}
        value={values()[name]}
        aria-invalid={Boolean(errors()[name])}
        aria-describedby={
          errors()[name] ? `booking-${name}-error` : options.hint ? `booking-${name}-hint` : undefined
        }
        onInput={set(name)}
        onBlur={() => values()[name] !== "" && validate(name)}
      />
    </Field>
  );

  const title = () =>
    done()
      ? t("book.done.title")
      : t("book.form.title", { day: formatDay(props.slot.date, "long"), time: props.slot.time });

  return (
    <Modal title={title()} onClose={props.onClose}>
      <Show
        when={done()}
        fallback={
          <form class="form" onSubmit={submit} noValidate aria-busy={busy()}>
            <p class="points-hint">{t("book.form.points", { points: props.slot.points })}</p>
            <Show when={failure()}>
              <div class="notice error" role="alert">
                {failure()}
              </div>
            </Show>
            <div class="row">
              {text("firstName", t("book.form.firstName"), { autofocus: true })}
              {text("lastName", t("book.form.lastName"))}
            </div>
            {text("phone", t("book.form.phone"), { type: "tel", hint: t("book.form.phoneHint") })}
            <Field
              id="booking-note"
              label={t("book.form.note")}
              error={errors().note}
              hint={t("book.form.noteCount", { count: values().note.length })}
            >
              <textarea
                id="booking-note"
                name="note"
                rows="3"
                maxlength="500"
                value={values().note}
                aria-describedby={errors().note ? "booking-note-error" : "booking-note-hint"}
                onInput={set("note")}
                onBlur={() => validate("note")}
              />
            </Field>
            <div class="actions">
              <button type="button" class="button secondary" onClick={props.onClose}>
                {t("common.cancel")}
              </button>
              <button type="submit" class="button primary" disabled={busy()}>
                <Show when={busy()} fallback={t("book.form.submit")}>
                  <Spinner label={t("book.form.submitting")} /> {t("book.form.submitting")}
                </Show>
              </button>
            </div>
          </form>
        }
      >
        {(booking) => (
          <div class="confirmation" role="status">
            <div class="confirmation-icon" aria-hidden="true">
              ✓
            </div>
            <p class="confirmation-text">
              {t("book.done.text", {
                name: `${booking().firstName} ${booking().lastName}`,
                day: formatDay(booking().date, "long"),
                time: booking().time,
              })}
            </p>
            <p class="points-hint">{t("book.done.points", { points: booking().points })}</p>
            <div class="actions">
              <A href="/termine" class="button secondary">
                {t("book.done.mine")}
              </A>
              <button type="button" class="button primary" autofocus onClick={props.onClose}>
                {t("book.done.another")}
              </button>
            </div>
          </div>
        )}
      </Show>
    </Modal>
  );
}
