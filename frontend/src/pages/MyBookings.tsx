import { createResource, createSignal, For, Show } from "solid-js";
import type { Booking } from "../../../shared/contracts/booking.ts";
import { ApiError, api } from "../api/client.ts";
import { toast } from "../components/toast.tsx";
import { ErrorBox, errorMessage, Loading, Modal, Spinner } from "../components/ui.tsx";
import { addDays, todayInBerlin } from "../dates.ts";
import { formatDay, t } from "../i18n/index.ts";

const name = (booking: Booking) => `${booking.firstName} ${booking.lastName}`;

function BookingRow(props: { booking: Booking; onCancel?: () => void; onMove?: () => void }) {
  const b = () => props.booking;
  const state = () => (b().status === "cancelled" ? t("status.cancelled") : t(`outcome.${b().outcome}`));
  return (
    <li class="booking" classList={{ cancelled: b().status === "cancelled" }} data-booking={b().id}>
      <div class="booking-when">{t("mine.when", { day: formatDay(b().date), time: b().time })}</div>
      <div class="booking-who">
        <strong>{name(b())}</strong>
        <a class="muted phone" href={`tel:${b().phone.replace(/[^+\d]/g, "")}`}>
          {b().phone}
        </a>
        <Show when={b().note}>
          <span class="muted note">{b().note}</span>
        </Show>
      </div>
      <div class="booking-badges">
        <span class={`badge outcome-${b().status === "cancelled" ? "cancelled" : b().outcome}`}>
          {state()}
        </span>
        <Show when={b().status === "booked"}>
          <span class={`badge sync-${b().sync.state}`}>{t(`sync.${b().sync.state}`)}</span>
        </Show>
        <span class="badge points">{t("common.points", { points: b().points })}</span>
      </div>
      <Show when={props.onCancel}>
        <div class="booking-actions">
          <button
            type="button"
            class="button secondary small"
            aria-label={`${t("mine.reschedule")}: ${name(b())}`}
            onClick={() => props.onMove?.()}
          >
            {t("mine.reschedule")}
          </button>
          <button
            type="button"
            class="button danger small"
            aria-label={`${t("mine.cancel")}: ${name(b())}`}
            onClick={() => props.onCancel?.()}
          >
            {t("mine.cancel")}
          </button>
        </div>
      </Show>
    </li>
  );
}

function ReschedulePicker(props: { booking: Booking; onClose: () => void; onMoved: () => void }) {
  const today = todayInBerlin();
  const [slots, { refetch }] = createResource(() =>
    api
      .call("getAvailability", { query: { from: today, to: addDays(today, 14) } })
      .then((result) =>
        result.slots.filter(
          (slot) =>
            slot.free > 0 &&
            Date.parse(slot.start) > Date.now() &&
            !(slot.date === props.booking.date && slot.time === props.booking.time),
        ),
      ),
  );
  const [busy, setBusy] = createSignal<string>();
  const [failure, setFailure] = createSignal<string>();
  async function move(date: string, time: string) {
    setBusy(`${date} ${time}`);
    setFailure(undefined);
    try {
      await api.call("rescheduleBooking", { params: { id: props.booking.id }, body: { date, time } });
      toast(t("mine.rescheduled", { day: formatDay(date), time }));
      props.onMoved();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setFailure(t("mine.full409"));
        void refetch();
      } else setFailure(errorMessage(error));
    } finally {
      setBusy(undefined);
    }
  }
  return (
    <Modal title={t("mine.rescheduleTitle", { name: name(props.booking) })} onClose={props.onClose}>
      <p class="muted">
        {t("mine.rescheduleFrom", { day: formatDay(props.booking.date), time: props.booking.time })}
      </p>
      <Show when={failure()}>
        <div class="notice error" role="alert">
          {failure()}
        </div>
      </Show>
      <Show when={!slots.error} fallback={<ErrorBox error={slots.error} retry={refetch} />}>
        <Show when={slots.latest} fallback={<Loading />}>
          {(list) => (
            <Show when={list().length > 0} fallback={<div class="empty">{t("mine.rescheduleNone")}</div>}>
              <ul class="slot-picker">
                <For each={list()}>
                  {(slot) => (
                    <li>
                      <button
                        type="button"
                        class="slot-option"
                        disabled={Boolean(busy())}
                        aria-label={t("mine.rescheduleTo", {
                          day: formatDay(slot.date, "long"),
                          time: slot.time,
                          free: slot.free,
                        })}
                        onClick={() => move(slot.date, slot.time)}
                      >
                        <span class="slot-option-when">
                          <Show when={busy() === `${slot.date} ${slot.time}`}>
                            <Spinner />
                          </Show>
                          {t("mine.when", { day: formatDay(slot.date), time: slot.time })}
                        </span>
                        <span class="muted">
                          {t("book.free", { free: slot.free, capacity: slot.capacity })} ·{" "}
                          {t("common.points", { points: slot.points })}
                        </span>
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </Show>
    </Modal>
  );
}

export function MyBookingsPage() {
  const today = todayInBerlin();
  const [bookings, { refetch }] = createResource(() =>
    api
      .call("listBookings", { query: { from: addDays(today, -7), to: addDays(today, 56) } })
      .then((r) => r.bookings),
  );
  const [cancelling, setCancelling] = createSignal<Booking>();
  const [moving, setMoving] = createSignal<Booking>();
  const [busy, setBusy] = createSignal(false);
  const now = Date.now();
  const upcoming = () => (bookings.latest ?? []).filter((b) => Date.parse(b.start) > now);
  const past = () => (bookings.latest ?? []).filter((b) => Date.parse(b.start) <= now).reverse();

  async function confirmCancel(booking: Booking) {
    setBusy(true);
    try {
      await api.call("cancelBooking", { params: { id: booking.id } });
      toast(t("mine.cancelled"));
      setCancelling(undefined);
      await refetch();
    } catch (error) {
      toast(errorMessage(error), "error");
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="page">
      <div class="page-head">
        <div>
          <h1>{t("mine.title")}</h1>
          <p class="muted subtitle">
            {t("mine.range", { from: formatDay(addDays(today, -7)), to: formatDay(addDays(today, 56)) })}
          </p>
        </div>
        <button type="button" class="button secondary" onClick={() => refetch()} disabled={bookings.loading}>
          {t("common.refresh")}
        </button>
      </div>
      <Show when={!bookings.error} fallback={<ErrorBox error={bookings.error} retry={refetch} />}>
        <Show when={bookings.latest} fallback={<Loading />}>
          <Show
            when={(bookings.latest ?? []).length > 0}
            fallback={<div class="empty">{t("mine.empty")}</div>}
          >
            <h2>{t("mine.upcoming")}</h2>
            <Show when={upcoming().length === 0}>
              <p class="muted">{t("mine.noUpcoming")}</p>
            </Show>
            <ul class="bookings" aria-busy={bookings.loading}>
              <For each={upcoming()}>
                {(booking) => (
                  <BookingRow
                    booking={booking}
                    {...(booking.status === "booked"
                      ? { onCancel: () => setCancelling(booking), onMove: () => setMoving(booking) }
                      : {})}
                  />
                )}
              </For>
            </ul>
            <Show when={past().length > 0}>
              <h2>{t("mine.past")}</h2>
              <ul class="bookings">
                <For each={past()}>{(booking) => <BookingRow booking={booking} />}</For>
              </ul>
            </Show>
          </Show>
        </Show>
      </Show>
      <Show when={cancelling()}>
        {(booking) => (
          <Modal title={t("mine.cancelTitle")} onClose={() => setCancelling(undefined)}>
            <p>
              {t("mine.cancelConfirm", {
                name: name(booking()),
                day: formatDay(booking().date),
                time: booking().time,
              })}
            </p>
            <div class="actions">
              <button type="button" class="button secondary" onClick={() => setCancelling(undefined)}>
                {t("mine.keep")}
              </button>
              <button
                type="button"
                class="button danger"
                disabled={busy()}
                onClick={() => confirmCancel(booking())}
              >
                <Show when={busy()}>
                  <Spinner />
                </Show>
                {t("mine.cancelYes")}
              </button>
            </div>
          </Modal>
        )}
      </Show>
      <Show when={moving()}>
        {(booking) => (
          <ReschedulePicker
            booking={booking()}
            onClose={() => setMoving(undefined)}
            onMoved={() => {
              setMoving(undefined);
              void refetch();
            }}
          />
        )}
      </Show>
    </section>
  );
}
