import { createResource, createSignal, For, Show } from "solid-js";
import { outcomeInputSchema } from "../../../../shared/contracts/booking.ts";
import { api } from "../../api/client.ts";
import { type BookingView, consultantName, outcomeLabel, potentialLabel } from "../../bookingFacts.ts";
import { FormDialog } from "../../components/FormDialog.tsx";
import { createSubmit } from "../../components/form.ts";
import { ResourceTable, RowActions } from "../../components/Table.tsx";
import { TextField } from "../../components/TextField.tsx";
import { toast } from "../../components/toast.tsx";
import { Field } from "../../components/ui.tsx";
import { today } from "../../dates.ts";
import { formatDateTime, formatDay, t } from "../../i18n/index.ts";
import { ReschedulePicker } from "../MyBookings.tsx";

type SettableOutcome = (typeof outcomeInputSchema.shape.outcome.options)[number];
/** The outcomes an admin may set: the schema's own list (everything but "pending"). */
const settable = outcomeInputSchema.shape.outcome.options;

const customer = (booking: BookingView) => `${booking.firstName} ${booking.lastName}`;

function OutcomeBadge(props: { booking: BookingView }) {
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
  const submit = createSubmit({});
  function save(event: SubmitEvent) {
    event.preventDefault();
    void submit.run(async () => {
      const { booking } = await api.call("setBookingOutcome", {
        params: { id: props.booking.id },
        body: { outcome: outcome() },
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
                </li>
              )}
            </For>
          </ol>
        </Show>
      </section>
    </FormDialog>
  );
}

/** The bookings of one day, for setting outcomes by hand. */
function DayBookings(props: { onOutcome: (booking: BookingView) => void; version: number }) {
  const [day, setDay] = createSignal(today());
  const [shown, setShown] = createSignal(today());
  const [bookings, { refetch }] = createResource(
    () => [shown(), props.version] as const,
    ([date]) =>
      api.call("listBookings", { query: { from: date, to: date } }).then((answer) => answer.bookings),
  );
  return (
    <section aria-labelledby="day-bookings-title">
      <h2 id="day-bookings-title">{t("admin.bookings.findTitle")}</h2>
      <form
        class="filters"
        onSubmit={(event) => {
          event.preventDefault();
          if (day()) setShown(day());
        }}
      >
        <TextField
          id="bookings-day"
          label={t("admin.bookings.day")}
          type="date"
          value={day()}
          onValue={setDay}
        />
        <button type="submit" class="button secondary">
          {t("admin.bookings.show")}
        </button>
      </form>
      <BookingTable
        resource={bookings}
        retry={refetch}
        empty={t("admin.bookings.dayNone")}
        onOutcome={props.onOutcome}
      />
    </section>
  );
}

function BookingTable(props: {
  resource: Parameters<typeof ResourceTable<BookingView[], BookingView>>[0]["resource"];
  retry: () => unknown;
  empty: string;
  onOutcome: (booking: BookingView) => void;
  onMove?: (booking: BookingView) => void;
}) {
  return (
    <ResourceTable
      resource={props.resource}
      retry={props.retry}
      rows={(list) => list}
      empty={props.empty}
      actions
      columns={[
        t("admin.bookings.when"),
        t("admin.bookings.customer"),
        t("admin.bookings.agent"),
        t("admin.bookings.consultant"),
        t("admin.bookings.outcome"),
      ]}
    >
      {(booking) => (
        <tr data-booking={booking.id}>
          <td>{t("mine.when", { day: formatDay(booking.date), time: booking.time })}</td>
          <td>
            {customer(booking)}
            <Show when={booking.potentialClass}>
              {(potential) => <span class="badge potential">{potentialLabel(potential())}</span>}
            </Show>
          </td>
          <td>{booking.agent}</td>
          <td>{consultantName(booking.consultant) ?? "–"}</td>
          <td>
            <OutcomeBadge booking={booking} />
            <Show when={booking.overCapacity && booking.status === "booked"}>
              <span class="badge over-capacity">⚠ {t("mine.overCapacity")}</span>
            </Show>
          </td>
          <RowActions>
            <Show when={props.onMove && booking.status === "booked"}>
              <button
                type="button"
                class="button primary small"
                aria-label={t("admin.bookings.moveOf", { name: customer(booking) })}
                onClick={() => props.onMove?.(booking)}
              >
                {t("admin.bookings.move")}
              </button>
            </Show>
            <button
              type="button"
              class="button secondary small"
              aria-label={t("admin.bookings.setOutcomeOf", { name: customer(booking) })}
              onClick={() => props.onOutcome(booking)}
            >
              {t("admin.bookings.setOutcome")}
            </button>
          </RowActions>
        </tr>
      )}
    </ResourceTable>
  );
}

/** Buchungen: overbooked slots to move, and outcomes set or corrected by hand. */
export function BookingsTab() {
  const [version, setVersion] = createSignal(0);
  const [editing, setEditing] = createSignal<BookingView>();
  const [moving, setMoving] = createSignal<BookingView>();
  const changed = () => {
    setEditing(undefined);
    setMoving(undefined);
    setVersion(version() + 1);
  };
  return (
    <>
      <OverCapacity version={version()} onOutcome={setEditing} onMove={setMoving} />
      <DayBookings version={version()} onOutcome={setEditing} />
      <Show when={editing()}>
        {(booking) => (
          <OutcomeDialog booking={booking()} onClose={() => setEditing(undefined)} onSaved={changed} />
        )}
      </Show>
      <Show when={moving()}>
        {(booking) => (
          <ReschedulePicker booking={booking()} onClose={() => setMoving(undefined)} onMoved={changed} />
        )}
      </Show>
    </>
  );
}

function OverCapacity(props: {
  version: number;
  onOutcome: (booking: BookingView) => void;
  onMove: (booking: BookingView) => void;
}) {
  const [bookings, { refetch }] = createResource(
    () => props.version,
    (): Promise<BookingView[]> => Promise.resolve([]),
  );
  return (
    <section aria-labelledby="over-title">
      <h2 id="over-title">{t("admin.bookings.overTitle")}</h2>
      <p class="muted">{t("admin.bookings.overIntro")}</p>
      <BookingTable
        resource={bookings}
        retry={refetch}
        empty={t("admin.bookings.overNone")}
        onOutcome={props.onOutcome}
        onMove={props.onMove}
      />
    </section>
  );
}
