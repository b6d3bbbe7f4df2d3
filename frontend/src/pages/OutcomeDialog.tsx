import { createSignal, For, Show } from "solid-js";
import { outcomeInputSchema } from "../../../shared/contracts/booking.ts";
import { api } from "../api/client.ts";
import { type BookingView, outcomeLabel } from "../bookingFacts.ts";
import { FormDialog } from "../components/FormDialog.tsx";
import { createSubmit, type FieldErrors } from "../components/form.ts";
import { TextField } from "../components/TextField.tsx";
import { toast } from "../components/toast.tsx";
import { Field } from "../components/ui.tsx";
import { formatDateTime, formatDay, t } from "../i18n/index.ts";

type SettableOutcome = (typeof outcomeInputSchema.shape.outcome.options)[number];
/** The outcomes an admin may set: the schema's own list (everything but "pending"). */
const settable = outcomeInputSchema.shape.outcome.options;

export const customer = (booking: BookingView) => `${booking.firstName} ${booking.lastName}`;

export function OutcomeBadge(props: { booking: BookingView }) {
  const value = () => (props.booking.status === "cancelled" ? "cancelled" : props.booking.outcome);
  return (
    <span class={`badge outcome-${value()}`}>
      {props.booking.status === "cancelled" ? t("status.cancelled") : outcomeLabel(props.booking.outcome)}
    </span>
  );
}

/** Sets or corrects one booking's outcome by hand, with the booking's outcome history below. */
export function OutcomeDialog(props: {
  booking: BookingView;
  onClose: () => void;
  onSaved: (booking: BookingView) => void;
}) {
  const current = props.booking.outcome as string;
  const [outcome, setOutcome] = createSignal<SettableOutcome>(
    (settable as readonly string[]).includes(current)
      ? (current as SettableOutcome)
      : (settable[0] as SettableOutcome),
  );
  const [reason, setReason] = createSignal("");
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const submit = createSubmit({ onFields: setErrors });
  function save(event: SubmitEvent) {
    event.preventDefault();
    void submit.run(async () => {
      const { booking } = await api.call("setBookingOutcome", {
        params: { id: props.booking.id },
        body: { outcome: outcome(), ...(reason().trim() ? { reason: reason().trim() } : {}) },
      });
      toast(t("admin.bookings.outcomeSaved"));
      props.onSaved(booking);
    });
  }
  const history = () => [...(props.booking.outcomeHistory ?? [])].reverse();
  return (
    <FormDialog
      title={t("admin.bookings.outcomeTitle", { name: customer(props.booking) })}
      submit={submit}
      onSubmit={save}
      onClose={props.onClose}
    >
      <p class="muted">
        {t("mine.when", { day: formatDay(props.booking.date, "long"), time: props.booking.time })} ·{" "}
        <OutcomeBadge booking={props.booking} />
      </p>
      <Field id="outcome-select" label={t("admin.bookings.outcomeLabel")}>
        <select
          id="outcome-select"
          value={outcome()}
          onChange={(event) => setOutcome(event.currentTarget.value as SettableOutcome)}
        >
          <For each={settable}>{(name) => <option value={name}>{outcomeLabel(name)}</option>}</For>
        </select>
      </Field>
      <TextField
        id="outcome-reason"
        label={t("admin.bookings.reason")}
        maxlength="200"
        error={errors().reason}
        value={reason()}
        onValue={setReason}
      />
      <section class="outcome-history" aria-labelledby="outcome-history-title">
        <h3 id="outcome-history-title">{t("admin.bookings.history")}</h3>
        <Show
          when={history().length > 0}
          fallback={<p class="muted small">{t("admin.bookings.historyNone")}</p>}
        >
          <ol class="history-list">
            <For each={history()}>
              {(change) => (
                <li>
                  {t("admin.bookings.historyItem", {
                    at: formatDateTime(change.at),
                    from: outcomeLabel(change.from),
                    to: outcomeLabel(change.to),
                    by: change.by,
                  })}
                  <Show when={change.reason}>
                    <span class="muted"> – {change.reason}</span>
                  </Show>
                </li>
              )}
            </For>
          </ol>
        </Show>
      </section>
    </FormDialog>
  );
}
