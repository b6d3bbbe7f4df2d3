import { A } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import type { Booking, SlotView } from "../../../shared/contracts/booking.ts";
import { bookingInputSchema } from "../../../shared/domain/booking/booking-input.ts";
import { ApiError, api } from "../api/client.ts";
import { consultantName, type PotentialName, potentialClasses, potentialLabel } from "../bookingFacts.ts";
import { DialogActions } from "../components/ConfirmDialog.tsx";
import { createSubmit } from "../components/form.ts";
import { LoaderButton } from "../components/LoaderButton.tsx";
import { Modal } from "../components/Modal.tsx";
import { TextField } from "../components/TextField.tsx";
import { describedBy, Field, FormError } from "../components/ui.tsx";
import { formatDay, issueText, t } from "../i18n/index.ts";
import { CustomerPanel, type CustomerSummary } from "./CustomerPanel.tsx";

type FieldName = "firstName" | "lastName" | "phone" | "note";
const fieldNames: FieldName[] = ["firstName", "lastName", "phone", "note"];

/** A known customer's profile; 404 = a new customer (the panel says so). */
/** The customer's profile, with the forecast for the slot being booked. */
function lookupCustomer(phone: string, slot?: SlotView): Promise<CustomerSummary> {
  return api.call("findCustomer", {
    query: { phone, ...(slot ? { date: slot.date, time: slot.time, start: slot.start } : {}) },
  });
}

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
  const [potential, setPotential] = createSignal<PotentialName>("standard");
  const [consultant, setConsultant] = createSignal("");
  const slotConsultants = () => props.slot.consultants;
  const [errors, setErrors] = createSignal<Partial<Record<FieldName, string>>>({});
  const [done, setDone] = createSignal<Booking>();
  let attempt: { body: string; key: string } | undefined;

  const input = () => ({ date: props.slot.date, time: props.slot.time, ...values() });

  function validate(only?: FieldName): boolean {
    const result = bookingInputSchema.safeParse(input());
    const found: Partial<Record<FieldName, string>> = {};
    for (const issue of result.success ? [] : result.error.issues) {
      const name = issue.path[0] as FieldName;
      found[name] ??= issueText(issue);
    }
    // The schema's own text for an empty phone speaks of allowed characters; say what is missing.
    if (!values().phone.trim() && found.phone) found.phone = t("book.form.phoneMissing");
    setErrors((current) => (only ? { ...current, [only]: found[only] } : found));
    return result.success;
  }

  function set(name: FieldName, value: string) {
    setValues((current) => ({ ...current, [name]: value }));
    // Once a field shows an error, re-check it while typing so the message goes away when fixed.
    if (errors()[name]) validate(name);
  }

  const submission = createSubmit({
    describe: (error) => {
      if (!(error instanceof ApiError)) return undefined;
      if (error.status === 409) {
        props.onFull();
        // A chosen consultant may be full while the slot is not: the API's message names them.
        return consultant() ? error.message : t("book.full409");
      }
      if (Object.keys(error.fields).length === 0) return undefined;
      setErrors(Object.fromEntries(fieldNames.map((name) => [name, error.field(name)])));
      return error.message;
    },
  });

  function submit(event: SubmitEvent) {
    event.preventDefault();
    if (submission.busy()) return;
    if (!validate()) {
      const first = fieldNames.find((name) => errors()[name]);
      if (first) document.getElementById(`booking-${first}`)?.focus();
      return;
    }
    const body = {
      ...input(),
      note: values().note.trim() || undefined,
      potential: potential(),
      ...(consultant() ? { consultant: consultant() } : {}),
    };
    const serialized = JSON.stringify(body);
    // Same data again (a retry) → same key; changed data is a new request.
    if (attempt?.body !== serialized) attempt = { body: serialized, key: crypto.randomUUID() };
    const key = attempt.key;
    void submission.run(async () => {
      const { booking } = await api.call("createBooking", { body, headers: { "idempotency-key": key } });
      setDone(booking);
      props.onBooked(booking);
    });
  }

  const text = (
    name: FieldName,
    label: string,
    options: { autocomplete?: string; type?: string; hint?: string; autofocus?: boolean } = {},
  ) => (
    <TextField
      id={`booking-${name}`}
      name={name}
      label={label}
      hint={options.hint}
      error={errors()[name]}
      type={options.type ?? "text"}
      autocomplete={options.autocomplete ?? "off"}
      required
      autofocus={options.autofocus}
      value={values()[name]}
      onValue={(value) => set(name, value)}
      onBlur={() => values()[name] !== "" && validate(name)}
    />
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
          <form class="form" onSubmit={submit} noValidate aria-busy={submission.busy()}>
            <p class="points-hint">{t("book.form.points", { points: props.slot.points })}</p>
            <FormError message={submission.failure()} />
            <div class="row">
              {text("firstName", t("book.form.firstName"), { autofocus: true })}
              {text("lastName", t("book.form.lastName"))}
            </div>
            {text("phone", t("book.form.phone"), { type: "tel", hint: t("book.form.phoneHint") })}
            <CustomerPanel phone={values().phone} lookup={(phone) => lookupCustomer(phone, props.slot)} />
            <div class="row">
              <Field
                id="booking-potential"
                label={t("book.form.potential")}
                hint={t("book.form.potentialHint")}
              >
                <select
                  id="booking-potential"
                  name="potential"
                  value={potential()}
                  aria-describedby="booking-potential-hint"
                  onChange={(event) => setPotential(event.currentTarget.value as PotentialName)}
                >
                  <For each={potentialClasses}>
                    {(name) => <option value={name}>{potentialLabel(name)}</option>}
                  </For>
                </select>
              </Field>
              <Show when={slotConsultants().length > 0}>
                <Field id="booking-consultant" label={t("book.form.consultant")}>
                  <select
                    id="booking-consultant"
                    name="consultant"
                    value={consultant()}
                    onChange={(event) => setConsultant(event.currentTarget.value)}
                  >
                    <option value="">{t("book.form.consultantAuto")}</option>
                    <For each={slotConsultants()}>
                      {(option) => (
                        <option value={option.id} disabled={option.free <= 0}>
                          {option.free > 0
                            ? t("book.form.consultantOption", {
                                name: option.name,
                                free: option.free,
                                places: option.places,
                              })
                            : t("book.form.consultantFull", { name: option.name })}
                        </option>
                      )}
                    </For>
                  </select>
                </Field>
              </Show>
            </div>
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
                aria-describedby={describedBy("booking-note", errors().note, "hint")}
                onInput={(event) => set("note", event.currentTarget.value)}
                onBlur={() => validate("note")}
              />
            </Field>
            <DialogActions onCancel={props.onClose}>
              <LoaderButton type="submit" busy={submission.busy()} busyLabel={t("book.form.submitting")}>
                {t("book.form.submit")}
              </LoaderButton>
            </DialogActions>
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
            <Show when={consultantName(booking().consultant)}>
              {(name) => <p class="muted">{t("book.done.consultant", { name: name() })}</p>}
            </Show>
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
