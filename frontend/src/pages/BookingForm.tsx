import { A } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import type { Booking, SlotView } from "../../../shared/contracts/booking.ts";
import { bookingInputSchema, normalizePhone } from "../../../shared/domain/booking/booking-input.ts";
import { formatPhone } from "../../../shared/phone-format.ts";
import { ApiError, api } from "../api/client.ts";
import { consultantName, type PotentialName, potentialClasses, potentialLabel } from "../bookingFacts.ts";
import { ConfirmDialog, DialogActions } from "../components/ConfirmDialog.tsx";
import { createSubmit } from "../components/form.ts";
import { LoaderButton } from "../components/LoaderButton.tsx";
import { Modal } from "../components/Modal.tsx";
import { TextField } from "../components/TextField.tsx";
import { describedBy, Field, FormError } from "../components/ui.tsx";
import { addDays } from "../dates.ts";
import { celebrateBooking } from "../effects/index.ts";
import { formatDay, issueText, t } from "../i18n/index.ts";
import { tCount } from "../i18n/plural.ts";
import { CustomerPanel, type CustomerSummary } from "./CustomerPanel.tsx";

type FieldName = "firstName" | "lastName" | "phone" | "note";
const fieldNames: FieldName[] = ["firstName", "lastName", "phone", "note"];

const noteLimit = 500;
/** How many other slots a refused booking offers. */
const alternativesShown = 4;

/** A valid number grouped for reading back (`+49 221 9876543`); nothing while it is not valid yet. */
function readablePhone(phone: string): string | undefined {
  const result = normalizePhone(phone);
  return result.ok ? formatPhone(result.phone) : undefined;
}

/**
 * Free slots near a refused one, for booking there instead: the same day
 * first (closest in time), then the following days in order.
 */
async function nearestFreeSlots(refused: SlotView): Promise<SlotView[]> {
  const { slots } = await api.call("getAvailability", {
    query: { from: refused.date, to: addDays(refused.date, 6) },
  });
  const refusedAt = Date.parse(refused.start);
  const now = Date.now();
  const distance = (slot: SlotView) =>
    slot.date === refused.date ? Math.abs(Date.parse(slot.start) - refusedAt) : Number.MAX_SAFE_INTEGER;
  return slots
    .filter((slot) => slot.free > 0 && Date.parse(slot.start) > now && slot.start !== refused.start)
    .sort((a, b) => distance(a) - distance(b) || Date.parse(a.start) - Date.parse(b.start))
    .slice(0, alternativesShown);
}

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
  /** The slot being booked: a refused booking may move to one of the offered alternatives. */
  const [slot, setSlot] = createSignal(props.slot);
  /** undefined: none asked for; []: none free nearby. */
  const [alternatives, setAlternatives] = createSignal<SlotView[]>();
  const [confirmingDiscard, setConfirmingDiscard] = createSignal(false);
  const slotConsultants = () => slot().consultants;
  const [errors, setErrors] = createSignal<Partial<Record<FieldName, string>>>({});
  const [done, setDone] = createSignal<Booking>();
  let attempt: { body: string; key: string } | undefined;

  const input = () => ({ date: slot().date, time: slot().time, ...values() });
  /** Anything typed that closing would lose. */
  const dirty = () => !done() && Object.values(values()).some((value) => value.trim() !== "");
  /** Escape, × and "Abbrechen" ask first when the form holds data (Escape also closes autofill lists). */
  const dismiss = () => (dirty() ? setConfirmingDiscard(true) : props.onClose());

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
    // Once a field shows an error, re-check it while typing so the message goes away when fixed;
    // an over-long note (e.g. pasted) is said at once and kept until the agent shortens it.
    if (errors()[name] || (name === "note" && value.length > noteLimit)) validate(name);
  }

  const submission = createSubmit({
    describe: (error) => {
      if (!(error instanceof ApiError)) return undefined;
      if (error.status === 409) {
        props.onFull();
        // Full, no longer offered, changed meanwhile, the consultant full: the API's message says which.
        // A chosen consultant's refusal is solved in this slot (another consultant or "automatisch").
        if (!error.messageId?.startsWith("booking.consultant")) {
          setAlternatives([]);
          void nearestFreeSlots(slot())
            .then(setAlternatives)
            .catch(() => setAlternatives(undefined));
        }
        return error.message || t("book.full409");
      }
      if (Object.keys(error.fields).length === 0) return undefined;
      setErrors(Object.fromEntries(fieldNames.map((name) => [name, error.field(name)])));
      return error.message;
    },
  });

  function submit(event: SubmitEvent) {
    event.preventDefault();
    send();
  }

  /** One click on an alternative books the same data there. */
  function bookInstead(other: SlotView) {
    setSlot(other);
    setConsultant("");
    setAlternatives(undefined);
    send();
  }

  function send() {
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
      celebrateBooking();
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
      : t("book.form.title", { day: formatDay(slot().date, "long"), time: slot().time });

  return (
    <Modal title={title()} onClose={props.onClose} onDismiss={dismiss}>
      <Show
        when={done()}
        fallback={
          <form class="form" onSubmit={submit} noValidate aria-busy={submission.busy()}>
            <p class="points-hint">
              {t("book.form.points", { points: tCount("plural.points", slot().points) })}
            </p>
            <FormError message={submission.failure()} />
            <Show when={alternatives()}>
              {(offered) => (
                <section class="alternatives" aria-labelledby="alternatives-title">
                  <h3 id="alternatives-title">
                    {offered().length > 0 ? t("book.alternatives") : t("book.alternativesNone")}
                  </h3>
                  <ul>
                    <For each={offered()}>
                      {(other) => (
                        <li>
                          <button
                            type="button"
                            class="slot-option"
                            disabled={submission.busy()}
                            onClick={() => bookInstead(other)}
                          >
                            <span class="slot-option-when">
                              {t("book.alternativeWhen", {
                                day: formatDay(other.date),
                                time: other.time,
                              })}
                            </span>
                            <span class="muted">
                              {tCount("plural.points", other.points)} ·{" "}
                              {t("book.free", { free: other.free, capacity: other.capacity })}
                            </span>
                          </button>
                        </li>
                      )}
                    </For>
                  </ul>
                </section>
              )}
            </Show>
            <div class="row">
              {text("firstName", t("book.form.firstName"), { autofocus: true })}
              {text("lastName", t("book.form.lastName"))}
            </div>
            {text("phone", t("book.form.phone"), {
              type: "tel",
              hint: readablePhone(values().phone)
                ? t("book.form.phoneReadBack", { phone: readablePhone(values().phone) ?? "" })
                : t("book.form.phoneHint"),
            })}
            <CustomerPanel phone={values().phone} lookup={(phone) => lookupCustomer(phone, slot())} />
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
              {/* No maxlength: it would cut a pasted note silently; the error says how much is too much. */}
              <textarea
                id="booking-note"
                name="note"
                rows="3"
                value={values().note}
                aria-describedby={describedBy("booking-note", errors().note, "hint")}
                onInput={(event) => set("note", event.currentTarget.value)}
                onBlur={() => validate("note")}
              />
            </Field>
            <DialogActions onCancel={dismiss}>
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
            <p class="confirmation-phone">{t("book.done.phone", { phone: formatPhone(booking().phone) })}</p>
            <Show when={consultantName(booking().consultant)}>
              {(name) => <p class="muted">{t("book.done.consultant", { name: name() })}</p>}
            </Show>
            <p class="points-hint">
              {t("book.done.points", { points: tCount("plural.points", booking().points) })}
            </p>
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
      <Show when={confirmingDiscard()}>
        <ConfirmDialog
          title={t("book.discard.title")}
          confirmLabel={t("book.discard.yes")}
          cancelLabel={t("book.discard.keep")}
          danger
          onConfirm={async () => props.onClose()}
          onClose={() => setConfirmingDiscard(false)}
        >
          {t("book.discard.text")}
        </ConfirmDialog>
      </Show>
    </Modal>
  );
}
