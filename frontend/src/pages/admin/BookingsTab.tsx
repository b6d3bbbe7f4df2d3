import { createResource, createSignal, Show } from "solid-js";
import { api } from "../../api/client.ts";
import { type BookingView, consultantName, potentialLabel } from "../../bookingFacts.ts";
import { ResourceTable, RowActions } from "../../components/Table.tsx";
import { TextField } from "../../components/TextField.tsx";
import { today } from "../../dates.ts";
import { formatDay, t } from "../../i18n/index.ts";
import { ReschedulePicker } from "../MyBookings.tsx";
import { customer, OutcomeBadge, OutcomeDialog } from "../OutcomeDialog.tsx";

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
    () => api.call("listOverCapacityBookings").then((answer) => answer.bookings),
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
