import { createSignal, Show } from "solid-js";
import type { SlotView } from "../../../shared/contracts/booking.ts";
import { bookingInputSchema } from "../../../shared/domain/booking/booking-input.ts";
import { ApiError, api } from "../api/client.ts";
import { errorMessage, Field, Modal, Spinner } from "../components/ui.tsx";
import { formatDay, t } from "../i18n/index.ts";

type FieldName = "firstName" | "lastName" | "phone" | "note";

export function BookingForm(props: {
  slot: SlotView;
  onClose: () => void;
  onBooked: (summary: { name: string; points: number }) => void;
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
  // One key per form: a retried submit books once.
  const idempotencyKey = crypto.randomUUID();

  const input = () => ({ date: props.slot.date, time: props.slot.time, ...values() });

  function validate(only?: FieldName): boolean {
    const result = bookingInputSchema.safeParse(input());
    const found: Partial<Record<FieldName, string>> = {};
    for (const issue of result.success ? [] : result.error.issues) {
      const name = issue.path[0] as FieldName;
      found[name] ??= issue.message;
    }
    setErrors((current) => (only ? { ...current, [only]: found[only] } : found));
    return result.success;
  }

  const set =
    (name: FieldName) => (event: InputEvent & { currentTarget: HTMLInputElement | HTMLTextAreaElement }) =>
      setValues((current) => ({ ...current, [name]: event.currentTarget.value }));

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (!validate()) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const { booking } = await api.call("createBooking", {
        body: { ...input(), note: values().note || undefined },
        headers: { "idempotency-key": idempotencyKey },
      });
      props.onBooked({ name: `${booking.firstName} ${booking.lastName}`, points: booking.points });
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setFailure(t("book.full409"));
        props.onFull();
      } else if (error instanceof ApiError && error.status === 400) {
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
    options: { autocomplete?: string; type?: string; hint?: string } = {},
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
        value={values()[name]}
        aria-invalid={Boolean(errors()[name])}
        onInput={set(name)}
        onBlur={() => validate(name)}
      />
    </Field>
  );

  return (
    <Modal
      title={t("book.form.title", { day: formatDay(props.slot.date, "long"), time: props.slot.time })}
      onClose={props.onClose}
    >
      <form class="form" onSubmit={submit} noValidate aria-busy={busy()}>
        <p class="muted">{t("book.form.points", { points: props.slot.points })}</p>
        <Show when={failure()}>
          <div class="notice error" role="alert">
            {failure()}
          </div>
        </Show>
        <div class="row">
          {text("firstName", t("book.form.firstName"))}
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
    </Modal>
  );
}
