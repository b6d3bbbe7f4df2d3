import { createResource, createSignal, For, onCleanup, Show } from "solid-js";
import type { Booking, SlotView } from "../../../shared/contracts/booking.ts";
import { formatPhone } from "../../../shared/phone-format.ts";
import { ApiError, api } from "../api/client.ts";
import { type BookingView, consultantName, outcomeLabel, potentialLabel } from "../bookingFacts.ts";
import { AsyncView } from "../components/AsyncView.tsx";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { createSubmit } from "../components/form.ts";
import { LoaderButton } from "../components/LoaderButton.tsx";
import { Modal } from "../components/Modal.tsx";
import { toast } from "../components/toast.tsx";
import { errorMessage, FormError, Spinner } from "../components/ui.tsx";
import { addDays, setTimeZone, today as todayInZone } from "../dates.ts";
import { formatDay, t } from "../i18n/index.ts";
import { tCount } from "../i18n/plural.ts";
import { user } from "../session.ts";
import { OutcomeDialog } from "./OutcomeDialog.tsx";

const name = (booking: Booking) => `${booking.firstName} ${booking.lastName}`;

/**
 * After a list refresh the row that started an action is a new element: focus
 * goes to it (wherever it moved, e.g. into "Storniert"), not to the page top.
 */
function focusBooking(id: string): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-booking="${id}"]`)?.focus());
}

/** Slots grouped by their day, in order. */
function byDay(slots: SlotView[]): { date: string; slots: SlotView[] }[] {
  const days = new Map<string, SlotView[]>();
  for (const slot of slots) days.set(slot.date, [...(days.get(slot.date) ?? []), slot]);
  return [...days].map(([date, list]) => ({ date, slots: list }));
}

function BookingRow(props: {
  booking: BookingView;
  onCancel?: () => void;
  onMove?: () => void;
  onOutcome?: (() => void) | undefined;
  /** The no-show forecast of an upcoming booking, when the model has one. */
  forecast?: { probability: number; risk: string; factors: { text: string }[] } | undefined;
}) {
  const b = () => props.booking;
  const action = (label: "mine.reschedule" | "mine.cancel", kind: string, onClick?: () => void) => (
    <button
      type="button"
      class={`button ${kind} small`}
      aria-label={`${t(label)}: ${name(b())}`}
      onClick={() => onClick?.()}
    >
      {t(label)}
    </button>
  );
  const state = () => (b().status === "cancelled" ? t("status.cancelled") : outcomeLabel(b().outcome));
  return (
    <li
      class="booking"
      classList={{ cancelled: b().status === "cancelled", "over-capacity": Boolean(b().overCapacity) }}
      data-booking={b().id}
      tabindex="-1"
    >
      <div class="booking-when">{t("mine.when", { day: formatDay(b().date), time: b().time })}</div>
      <div class="booking-who">
        <strong>{name(b())}</strong>
        <a class="muted phone" href={`tel:${b().phone.replace(/[^+\d]/g, "")}`}>
          {formatPhone(b().phone)}
        </a>
        <Show when={b().note}>
          <span class="muted note">{b().note}</span>
        </Show>
        <Show when={consultantName(b().consultant)}>
          {(consultant) => (
            <span class="muted small booking-consultant">{t("mine.consultant", { name: consultant() })}</span>
          )}
        </Show>
      </div>
      <div class="booking-badges">
        <Show when={b().overCapacity && b().status === "booked"}>
          <span class="badge over-capacity" title={t("mine.overCapacityHint")}>
            ⚠ {t("mine.overCapacity")}
          </span>
        </Show>
        <span class={`badge outcome-${b().status === "cancelled" ? "cancelled" : b().outcome}`}>
          {state()}
        </span>
        <Show when={b().status === "booked"}>
          <span class={`badge sync-${b().sync.state}`}>{t(`sync.${b().sync.state}`)}</span>
        </Show>
        <Show when={b().potentialClass}>
          {(potential) => <span class="badge potential">{potentialLabel(potential())}</span>}
        </Show>
        {/* A cancelled booking earns nothing: no points shown. */}
        <Show when={b().status !== "cancelled"}>
          <span class="badge points">{tCount("plural.points", b().points)}</span>
        </Show>
        <Show when={props.forecast}>
          {(forecast) => (
            <span
              class={`badge risk-${forecast().risk}`}
              title={forecast()
                .factors.map((factor) => factor.text)
                .join("\n")}
            >
              {t("mine.risk", { percent: Math.round(forecast().probability * 100) })}
            </span>
          )}
        </Show>
      </div>
      <Show when={props.onCancel || props.onOutcome}>
        <div class="booking-actions">
          <Show when={props.onCancel}>
            {action("mine.reschedule", "secondary", props.onMove)}
            {action("mine.cancel", "danger", props.onCancel)}
          </Show>
          <Show when={props.onOutcome}>
            <button
              type="button"
              class="button ghost small"
              aria-label={t("admin.bookings.setOutcomeOf", { name: name(b()) })}
              onClick={() => props.onOutcome?.()}
            >
              {t("admin.bookings.setOutcome")}
            </button>
          </Show>
        </div>
      </Show>
    </li>
  );
}

export function ReschedulePicker(props: {
  booking: Booking;
  onClose: () => void;
  onMoved: (moved: Booking) => void;
}) {
  const today = todayInZone();
  const [slots, { refetch }] = createResource(() =>
    api.call("getAvailability", { query: { from: today, to: addDays(today, 14) } }).then((result) => {
      setTimeZone(result.timeZone);
      return result.slots.filter(
        (slot) =>
          slot.free > 0 &&
          Date.parse(slot.start) > Date.now() &&
          !(slot.date === props.booking.date && slot.time === props.booking.time),
      );
    }),
  );
  /** The slot chosen, waiting for the agent's confirmation. */
  const [chosen, setChosen] = createSignal<SlotView>();
  const submission = createSubmit({
    describe: (error) => {
      if (!(error instanceof ApiError) || error.status !== 409) return undefined;
      setChosen(undefined);
      void refetch();
      // Full, no longer offered, already cancelled, changed meanwhile: the API's message says which.
      return error.message || t("mine.full409");
    },
  });
  function move(target: SlotView) {
    void submission.run(async () => {
      const answer = await api.call("rescheduleBooking", {
        params: { id: props.booking.id },
        body: { date: target.date, time: target.time },
      });
      toast(t("mine.rescheduled", { day: formatDay(target.date), time: target.time }));
      props.onMoved(answer.booking);
    });
  }
  return (
    <Modal title={t("mine.rescheduleTitle", { name: name(props.booking) })} onClose={props.onClose}>
      <p class="muted">
        {t("mine.rescheduleFrom", { day: formatDay(props.booking.date), time: props.booking.time })}
      </p>
      <FormError message={submission.failure()} />
      <Show
        when={chosen()}
        fallback={
          <AsyncView resource={slots} retry={refetch} empty={t("mine.rescheduleNone")}>
            {(list) => (
              <div class="slot-picker">
                <For each={byDay(list())}>
                  {(day) => (
                    <section class="slot-day" aria-labelledby={`move-day-${day.date}`}>
                      <h3 id={`move-day-${day.date}`}>{formatDay(day.date, "long")}</h3>
                      <ul class="slot-picker">
                        <For each={day.slots}>
                          {(slot) => (
                            <li>
                              <button type="button" class="slot-option" onClick={() => setChosen(slot)}>
                                <span class="slot-option-when">{t("mine.at", { time: slot.time })}</span>
                                <span class="muted">
                                  {t("book.free", { free: slot.free, capacity: slot.capacity })} ·{" "}
                                  {t("mine.pointsChange", {
                                    from: props.booking.points,
                                    to: tCount("plural.points", slot.points),
                                  })}
                                </span>
                              </button>
                            </li>
                          )}
                        </For>
                      </ul>
                    </section>
                  )}
                </For>
              </div>
            )}
          </AsyncView>
        }
      >
        {(target) => (
          <div
            class="move-confirm"
            // The chosen slot's button is gone: focus goes to the answer the agent gives next.
            ref={(element) => queueMicrotask(() => element.querySelector<HTMLElement>(".primary")?.focus())}
          >
            <p>
              {t("mine.moveConfirm", {
                name: name(props.booking),
                day: formatDay(target().date, "long"),
                time: target().time,
              })}
            </p>
            <p class="points-change">
              {t("mine.pointsChange", {
                from: props.booking.points,
                to: tCount("plural.points", target().points),
              })}
            </p>
            <div class="actions">
              <button type="button" class="button secondary" onClick={() => setChosen(undefined)}>
                {t("mine.otherSlot")}
              </button>
              <LoaderButton
                class="button primary"
                busy={submission.busy()}
                busyLabel={t("mine.moving")}
                onClick={() => move(target())}
              >
                {t("mine.moveYes")}
              </LoaderButton>
            </div>
          </div>
        )}
      </Show>
    </Modal>
  );
}

type View = "upcoming" | "past";
type OutcomeFilter = "open" | "appeared" | "no_show" | "cancelled";
interface Filters {
  view: View;
  outcome?: OutcomeFilter | undefined;
  /** Sent once it has two characters (the API's minimum). */
  q?: string | undefined;
}
interface Loaded {
  bookings: Booking[];
  nextCursor?: string | undefined;
}

const outcomeFilters: OutcomeFilter[] = ["open", "appeared", "no_show", "cancelled"];
/** Typing pauses this long before the search runs. */
const searchDelayMs = 300;

/** A view makes the API page (its default page size); the cursor continues it. */
const listQuery = (filters: Filters) => ({
  view: filters.view,
  ...(filters.outcome ? { outcome: filters.outcome } : {}),
  ...(filters.q ? { q: filters.q } : {}),
});

export function MyBookingsPage() {
  const today = todayInZone();
  const [filters, setFilters] = createSignal<Filters>({ view: "upcoming" });
  const [search, setSearch] = createSignal("");
  const [bookings, { refetch, mutate }] = createResource(filters, async (current): Promise<Loaded> => {
    const page = await api.call("listBookings", { query: listQuery(current) });
    return { bookings: page.bookings, nextCursor: page.nextCursor };
  });
  const [loadingMore, setLoadingMore] = createSignal(false);
  const [moreFailed, setMoreFailed] = createSignal<string>();
  // Forecasts are extra: without a model (or on error) the list shows without them.
  const [forecasts] = createResource(() =>
    api
      .call("listBookingPredictions", { query: { from: today, to: addDays(today, 56) } })
      .then((r) => new Map(r.available ? r.predictions.map((p) => [p.bookingId, p]) : []))
      .catch(() => new Map()),
  );
  const [cancelling, setCancelling] = createSignal<Booking>();
  const [moving, setMoving] = createSignal<Booking>();
  /** Admins set or correct an outcome right from a booking. */
  const [judging, setJudging] = createSignal<Booking>();
  const outcomeAction = (booking: Booking) =>
    user()?.role === "admin" ? () => setJudging(booking) : undefined;
  const active = (list: Booking[]) => list.filter((b) => b.status !== "cancelled");
  const cancelled = (list: Booking[]) => list.filter((b) => b.status === "cancelled");

  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(searchTimer));
  function changeFilters(change: Partial<Filters>) {
    setMoreFailed(undefined);
    setFilters((current) => ({ ...current, ...change }));
  }
  function onSearch(value: string) {
    setSearch(value);
    clearTimeout(searchTimer);
    const query = value.trim();
    searchTimer = setTimeout(() => {
      const q = query.length >= 2 ? query : undefined;
      if (q !== filters().q) changeFilters({ q });
    }, searchDelayMs);
  }
  function reset() {
    clearTimeout(searchTimer);
    setSearch("");
    changeFilters({ outcome: undefined, q: undefined });
  }
  const filtered = () => Boolean(filters().outcome || filters().q);

  /** The next page, appended; focus goes to its first booking so keyboard users read on from there. */
  async function loadMore() {
    const current = bookings.latest;
    const asked = filters();
    if (!current?.nextCursor || loadingMore()) return;
    setLoadingMore(true);
    setMoreFailed(undefined);
    try {
      const page = await api.call("listBookings", {
        query: { ...listQuery(asked), cursor: current.nextCursor },
      });
      if (asked !== filters()) return;
      mutate({ bookings: [...current.bookings, ...page.bookings], nextCursor: page.nextCursor });
      const first = page.bookings[0];
      if (first) focusBooking(first.id);
    } catch (error) {
      setMoreFailed(errorMessage(error));
    } finally {
      setLoadingMore(false);
    }
  }

  /**
   * A changed booking replaces its row where it is (it may move to "Storniert"); the list is not
   * reloaded, so the pages loaded so far and the reader's place stay.
   */
  async function replaceAndFocus(id: string, changed?: Booking) {
    try {
      const fresh = changed ?? (await api.call("getBooking", { params: { id } })).booking;
      const current = bookings.latest;
      if (bookings.loading) {
        // A load asked before the change (a search typed just before) would answer with the old row and
        // overwrite it: load again instead; the resource keeps only the newest load's answer.
        await refetch();
      } else if (current) {
        mutate({ ...current, bookings: current.bookings.map((b) => (b.id === id ? fresh : b)) });
      }
    } catch {
      await refetch();
    }
    focusBooking(id);
  }

  const moved = (booking: Booking, changed?: Booking) => {
    setMoving(undefined);
    void replaceAndFocus(booking.id, changed);
  };

  async function confirmCancel(booking: Booking) {
    try {
      const answer = await api.call("cancelBooking", { params: { id: booking.id } });
      toast(t("mine.cancelled"));
      setCancelling(undefined);
      await replaceAndFocus(booking.id, answer.booking);
    } catch (error) {
      toast(errorMessage(error), "error");
    }
  }

  const emptyText = () => {
    const { view, outcome, q } = filters();
    if (q) return t("mine.emptySearch", { query: q });
    if (outcome) return t("mine.emptyOutcome", { outcome: t(`mine.outcome.${outcome}`) });
    return view === "upcoming" ? t("mine.emptyUpcoming") : t("mine.emptyPast");
  };

  const row = (booking: Booking) => (
    <BookingRow
      booking={booking}
      forecast={filters().view === "upcoming" ? forecasts.latest?.get(booking.id) : undefined}
      onOutcome={outcomeAction(booking)}
      {...(booking.status === "booked" && filters().view === "upcoming"
        ? { onCancel: () => setCancelling(booking), onMove: () => setMoving(booking) }
        : {})}
    />
  );

  return (
    <section class="page">
      <div class="page-head">
        <div>
          <h1>{t("mine.title")}</h1>
          <p class="muted subtitle">
            {filters().view === "upcoming"
              ? t("mine.rangeFrom", { day: formatDay(today) })
              : t("mine.rangeUntil", { day: formatDay(today) })}
          </p>
        </div>
        <button type="button" class="button secondary" onClick={() => refetch()} disabled={bookings.loading}>
          {t("common.refresh")}
        </button>
      </div>
      <form
        class="filters booking-filters"
        aria-label={t("mine.filters")}
        onSubmit={(event) => {
          event.preventDefault();
          clearTimeout(searchTimer);
          const q = search().trim();
          changeFilters({ q: q.length >= 2 ? q : undefined });
        }}
      >
        <label>
          {t("mine.view")}
          <select
            value={filters().view}
            onChange={(event) => changeFilters({ view: event.currentTarget.value as View })}
          >
            <option value="upcoming">{t("mine.view.upcoming")}</option>
            <option value="past">{t("mine.view.past")}</option>
          </select>
        </label>
        <label>
          {t("mine.outcome")}
          <select
            value={filters().outcome ?? ""}
            onChange={(event) =>
              changeFilters({
                outcome: (event.currentTarget.value || undefined) as OutcomeFilter | undefined,
              })
            }
          >
            <option value="">{t("mine.outcome.all")}</option>
            <For each={outcomeFilters}>
              {(name) => <option value={name}>{t(`mine.outcome.${name}`)}</option>}
            </For>
          </select>
        </label>
        <label>
          {t("mine.search")}
          <input
            type="search"
            value={search()}
            placeholder={t("mine.searchHint")}
            maxLength={80}
            onInput={(event) => onSearch(event.currentTarget.value)}
          />
        </label>
        <Show when={filtered()}>
          <button type="button" class="button ghost" onClick={reset}>
            {t("mine.reset")}
          </button>
        </Show>
      </form>
      <AsyncView
        resource={bookings}
        retry={refetch}
        empty={emptyText()}
        isEmpty={(loaded) => loaded.bookings.length === 0}
      >
        {(loaded) => (
          <>
            <h2>{filters().view === "upcoming" ? t("mine.upcoming") : t("mine.past")}</h2>
            <Show when={active(loaded().bookings).length === 0}>
              <p class="muted">
                {filters().view === "upcoming" ? t("mine.noUpcoming") : t("mine.emptyPast")}
              </p>
            </Show>
            <ul class="bookings" aria-busy={bookings.loading}>
              <For each={active(loaded().bookings)}>{row}</For>
            </ul>
            <Show when={cancelled(loaded().bookings).length > 0}>
              <h2>{t("mine.cancelledGroup")}</h2>
              <ul class="bookings">
                <For each={cancelled(loaded().bookings)}>{row}</For>
              </ul>
            </Show>
            <div class="load-more">
              <p class="muted small" role="status">
                {loaded().nextCursor
                  ? t("mine.loaded", { count: loaded().bookings.length })
                  : t("mine.allLoaded", { count: loaded().bookings.length })}
              </p>
              <Show when={moreFailed()}>
                {(message) => (
                  <p class="notice error" role="alert">
                    {t("mine.loadMoreFailed", { message: message() })}
                  </p>
                )}
              </Show>
              <Show when={loaded().nextCursor}>
                {/* Not disabled while loading: a disabled button drops the keyboard focus. */}
                <button
                  type="button"
                  class="button secondary"
                  aria-busy={loadingMore()}
                  aria-disabled={loadingMore()}
                  onClick={() => void loadMore()}
                >
                  <Show when={loadingMore()} fallback={t("mine.loadMore")}>
                    <Spinner /> {t("mine.loadingMore")}
                  </Show>
                </button>
              </Show>
            </div>
          </>
        )}
      </AsyncView>
      <Show when={cancelling()}>
        {(booking) => (
          <ConfirmDialog
            title={t("mine.cancelTitle")}
            confirmLabel={t("mine.cancelYes")}
            cancelLabel={t("mine.keep")}
            danger
            onConfirm={() => confirmCancel(booking())}
            onClose={() => setCancelling(undefined)}
          >
            {t("mine.cancelConfirm", {
              name: name(booking()),
              day: formatDay(booking().date),
              time: booking().time,
            })}
          </ConfirmDialog>
        )}
      </Show>
      <Show when={judging()}>
        {(booking) => (
          <OutcomeDialog
            booking={booking()}
            onClose={() => setJudging(undefined)}
            onSaved={(saved) => {
              const id = booking().id;
              setJudging(undefined);
              void replaceAndFocus(id, saved);
            }}
          />
        )}
      </Show>
      <Show when={moving()}>
        {(booking) => (
          <ReschedulePicker
            booking={booking()}
            onClose={() => setMoving(undefined)}
            onMoved={(changed) => moved(booking(), changed)}
          />
        )}
      </Show>
    </section>
  );
}
