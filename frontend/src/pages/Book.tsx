import { createMemo, createSignal, For, lazy, onCleanup, onMount, Show, Suspense } from "solid-js";
import type { Booking, SlotView } from "../../../shared/contracts/booking.ts";
import { api } from "../api/client.ts";
import { errorMessage } from "../components/ui.tsx";
import { addDays, isoWeek, mondayOf, setTimeZone, today } from "../dates.ts";
import { formatDay, loadCatalogue, locale, t } from "../i18n/index.ts";
import { tCount } from "../i18n/plural.ts";
import { dateTimeFormat } from "../intl.ts";
import { availabilityPollMs } from "../live/intervals.ts";
import { type LivePoll, startLivePoll } from "../live/poll.ts";

// The form (its schema, phone rules and message catalogue) loads when a slot is first chosen, not with the week.
const loadForm = () => Promise.all([import("./BookingForm.tsx"), loadCatalogue()]);
const BookingForm = lazy(() => loadForm().then(([module]) => ({ default: module.BookingForm })));

type Fill = "free" | "few" | "full" | "past";
/** Points tiers: 1 is the week's highest value, 2 the next, 3 everything below. */
type Tier = 1 | 2 | 3;

function fillOf(slot: SlotView, now: number): Fill {
  if (Date.parse(slot.start) <= now) return "past";
  if (slot.free <= 0) return "full";
  return slot.free / slot.capacity <= 0.25 ? "few" : "free";
}

const slotKey = (slot: { date: string; time: string }) => `${slot.date} ${slot.time}`;

/** The last week that loaded, with when: shown (marked stale) while a newer request fails. */
interface LoadedWeek {
  monday: string;
  slots: SlotView[];
  at: number;
}

/** Waits between automatic retries after a failed load: a server that is back is found soon, a long outage is not hammered. */
const backoffMs = [2_000, 5_000, 10_000, 20_000, 30_000, 60_000];

function WeekSkeleton() {
  return (
    <div class="skeleton" aria-busy="true" role="status">
      <span class="sr-only">{t("common.loading")}</span>
      <For each={Array.from({ length: 36 })}>{() => <span aria-hidden="true" />}</For>
    </div>
  );
}

/**
 * True on a phone-wide screen (the style sheet's breakpoint), where the day list
 * replaces the week grid: only the layout on screen is built, not both.
 */
function createNarrowScreen(): () => boolean {
  const query = window.matchMedia("(max-width: 760px)");
  const [narrow, setNarrow] = createSignal(query.matches);
  const onChange = () => setNarrow(query.matches);
  query.addEventListener("change", onChange);
  onCleanup(() => query.removeEventListener("change", onChange));
  return narrow;
}

function weekName(monday: string): string {
  return t("book.week", {
    week: isoWeek(monday),
    from: formatDay(monday),
    to: formatDay(addDays(monday, 4)),
  });
}

function clockTime(at: number): string {
  return dateTimeFormat(locale() === "de" ? "de-DE" : "en-GB", {
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(at));
}

function SlotButton(props: {
  slot: SlotView;
  now: number;
  tier: Tier;
  justBooked: boolean;
  col?: number;
  row?: number;
  withTime?: boolean;
  onChoose: (slot: SlotView, from: HTMLElement) => void;
}) {
  const fill = () => fillOf(props.slot, props.now);
  const bookable = () => fill() === "free" || fill() === "few";
  return (
    <button
      type="button"
      class={`cell ${fill()}${bookable() ? ` tier-${props.tier}` : ""}${props.justBooked ? " just-booked" : ""}`}
      data-col={props.col}
      data-row={props.row}
      data-slot={slotKey(props.slot)}
      disabled={!bookable()}
      onClick={(event) => props.onChoose(props.slot, event.currentTarget)}
    >
      {/* The accessible name is the visible text with the day (and time) in front: no aria-label
          that says something else than the button shows. */}
      <Show
        when={props.withTime}
        fallback={
          <span class="sr-only">{`${t("book.bestItem", { day: formatDay(props.slot.date, "long"), time: props.slot.time })}: `}</span>
        }
      >
        <span class="sr-only">{`${formatDay(props.slot.date, "long")}, `}</span>
        <span class="cell-time">{props.slot.time}</span>
      </Show>
      <span class="cell-main">
        {fill() === "full"
          ? t("book.full")
          : fill() === "past"
            ? t("book.past")
            : t("book.freeOf", { free: props.slot.free, capacity: props.slot.capacity })}
      </span>
      <Show when={bookable()}>
        <span class="cell-points">{tCount("plural.points", props.slot.points)}</span>
      </Show>
      <Show when={props.justBooked}>
        <span class="cell-tag">{t("book.justBooked")}</span>
      </Show>
    </button>
  );
}

export function BookPage() {
  // The form's code is fetched when the user first points or tabs into the page, so the first slot opens
  // at once and loading the week is not slowed by it.
  onMount(() => {
    const preload = () => void loadForm().catch(() => undefined);
    for (const type of ["pointerover", "focusin"]) document.addEventListener(type, preload, { once: true });
  });
  /** The week asked for (the buttons step from it); `loaded` may still be an older week. */
  const [monday, setMonday] = createSignal(mondayOf(today()));
  const [loaded, setLoaded] = createSignal<LoadedWeek>();
  const [failure, setFailure] = createSignal<{ monday: string; error: unknown; retryAt?: number }>();
  const [loading, setLoading] = createSignal(false);
  const [chosen, setChosen] = createSignal<SlotView>();
  const [justBooked, setJustBooked] = createSignal<string>();
  // Slots turn "past" while the page stays open; the retry countdown ticks with it.
  const [now, setNow] = createSignal(Date.now());
  const clock = setInterval(() => setNow(Date.now()), 1_000);
  onCleanup(() => clearInterval(clock));
  const narrow = createNarrowScreen();

  let generation = 0;
  let attempts = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let opener: HTMLElement | undefined;
  /** Keeps the week on screen fresh while the tab is visible. */
  let live: LivePoll | undefined;

  const weekQuery = (week: string) => ({ query: { from: week, to: addDays(week, 6) } });

  function watch(week: string, etag: string | undefined) {
    live?.stop();
    live = startLivePoll({
      intervalMs: availabilityPollMs,
      etag,
      check: (tag) => api.callIfChanged("getAvailability", weekQuery(week), tag),
      onChange: (result) => {
        if (mondayShown() !== week) return;
        setTimeZone(result.timeZone);
        setLoaded({ monday: week, slots: result.slots, at: Date.now() });
      },
    });
  }
  const mondayShown = () => (monday() === loaded()?.monday ? monday() : undefined);

  /**
   * Loads `week`. Only the newest request counts: a late answer for a week the agent already left
   * is dropped. A failure keeps the last good week on screen (marked stale) and retries by itself
   * with backoff while the page is visible.
   */
  async function load(week: string) {
    const mine = ++generation;
    clearTimeout(retryTimer);
    live?.stop();
    setLoading(true);
    try {
      const answer = await api.callIfChanged("getAvailability", weekQuery(week), undefined);
      if (mine !== generation || !answer) return;
      const { result } = answer;
      setTimeZone(result.timeZone);
      setLoaded({ monday: week, slots: result.slots, at: Date.now() });
      setFailure(undefined);
      attempts = 0;
      watch(week, answer.etag);
    } catch (error) {
      if (mine !== generation) return;
      const wait = backoffMs[Math.min(attempts, backoffMs.length - 1)] ?? 60_000;
      attempts++;
      setFailure({ monday: week, error, retryAt: Date.now() + wait });
      scheduleRetry(week, wait);
    } finally {
      if (mine === generation) setLoading(false);
    }
  }

  function scheduleRetry(week: string, wait: number) {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      // A hidden tab does not poll; it retries as soon as it is shown again.
      if (document.visibilityState === "visible" && monday() === week) void load(week);
    }, wait);
  }

  const onVisible = () => {
    if (document.visibilityState === "visible" && failure()) void load(monday());
  };
  onMount(() => {
    document.addEventListener("visibilitychange", onVisible);
    void load(monday());
  });
  onCleanup(() => {
    document.removeEventListener("visibilitychange", onVisible);
    clearTimeout(retryTimer);
    live?.stop();
    generation++;
  });

  function go(week: string) {
    setMonday(week);
    attempts = 0;
    void load(week);
  }
  const refetch = () => load(monday());

  const stale = () => {
    const shown = loaded();
    return shown !== undefined && (failure() !== undefined || shown.monday !== monday());
  };

  const week = createMemo(() => {
    const shown = loaded();
    const from = shown?.monday ?? monday();
    const list = (shown?.slots ?? []).filter((slot) => slot.capacity > 0 || slot.booked > 0);
    const offered = new Set(list.map((slot) => slot.date));
    // Monday to Friday always; Saturday and Sunday only when slots are offered then.
    const days = [0, 1, 2, 3, 4, 5, 6]
      .map((offset) => addDays(from, offset))
      .filter((day, index) => index < 5 || offered.has(day));
    const times = [...new Set(list.map((slot) => slot.time))].sort();
    const byKey = new Map(list.map((slot) => [slotKey(slot), slot]));
    const values = [...new Set(list.map((slot) => slot.points))].sort((a, b) => b - a);
    const tierOf = (points: number): Tier => {
      const rank = values.indexOf(points);
      return rank === 0 ? 1 : rank === 1 ? 2 : 3;
    };
    return { monday: from, days, times, byKey, list, tierOf, any: list.length > 0 };
  });

  /** Highest points first, then the soonest: what an agent offers a caller first. */
  const best = createMemo(() =>
    week()
      .list.filter((slot) => {
        const fill = fillOf(slot, now());
        return fill === "free" || fill === "few";
      })
      .sort((a, b) => b.points - a.points || a.start.localeCompare(b.start))
      .slice(0, 5),
  );

  function choose(slot: SlotView, from: HTMLElement) {
    opener = from;
    setChosen(slot);
  }

  function closeDialog() {
    const key = chosen() ? slotKey(chosen() as SlotView) : undefined;
    setChosen(undefined);
    // The dialog gives focus back to its opener; when a reload replaced that cell, the same slot's
    // cell (or the first visible cell) takes it, so keyboard users do not start over at the top.
    queueMicrotask(() => {
      if (document.activeElement && document.activeElement !== document.body) return;
      const visible = (element: HTMLElement | null | undefined) =>
        element?.isConnected && element.offsetParent !== null ? element : undefined;
      const target =
        visible(opener) ??
        [...document.querySelectorAll<HTMLElement>(`[data-slot="${key}"]`)].find(
          (element) => element.offsetParent !== null,
        );
      target?.focus();
    });
  }

  function booked(slot: SlotView, booking: Booking) {
    const key = slotKey(slot);
    setLoaded((current) =>
      current
        ? {
            ...current,
            slots: current.slots.map((item) =>
              slotKey(item) === key
                ? { ...item, booked: item.booked + 1, free: Math.max(0, item.free - 1) }
                : item,
            ),
          }
        : current,
    );
    setJustBooked(slotKey(booking));
    setTimeout(() => setJustBooked(undefined), 6000);
    void refetch();
  }

  /** Arrow keys move between the bookable cells of the grid. */
  function onGridKey(event: KeyboardEvent) {
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
    };
    const move = moves[event.key];
    const current = (event.target as HTMLElement).closest<HTMLElement>("[data-col]");
    if (!move || !current) return;
    let col = Number(current.dataset.col);
    let row = Number(current.dataset.row);
    const grid = event.currentTarget as HTMLElement;
    for (let step = 0; step < 50; step++) {
      col += move[0];
      row += move[1];
      const next = grid.querySelector<HTMLButtonElement>(`button[data-col="${col}"][data-row="${row}"]`);
      if (!next && (col < 0 || row < 0 || col > week().days.length || row > week().times.length)) return;
      if (next && !next.disabled) {
        event.preventDefault();
        next.focus();
        return;
      }
    }
  }

  const retrySeconds = () => {
    const at = failure()?.retryAt;
    return at === undefined ? undefined : Math.max(0, Math.ceil((at - now()) / 1000));
  };

  return (
    <section class="page">
      <div class="page-head">
        <h1>{t("book.title")}</h1>
        <div class="week-nav">
          <button type="button" class="button secondary" onClick={() => go(addDays(monday(), -7))}>
            ‹ {t("book.prevWeek")}
          </button>
          <button type="button" class="button ghost" onClick={() => go(mondayOf(today()))}>
            {t("book.today")}
          </button>
          <button type="button" class="button secondary" onClick={() => go(addDays(monday(), 7))}>
            {t("book.nextWeek")} ›
          </button>
        </div>
      </div>
      <p class="week-title" aria-live="polite" data-testid="week-title">
        {/* The heading names the week on screen, never one whose slots are not shown. */}
        {weekName(week().monday)}
      </p>
      <Show when={failure()}>
        {(current) => (
          <div class="notice error load-failed" data-testid="load-failed">
            <span role="alert">
              {t("book.loadFailed", {
                week: weekName(current().monday),
                message: errorMessage(current().error),
              })}
            </span>
            <Show when={retrySeconds() !== undefined && !loading()}>
              <span class="small">{t("book.retryIn", { seconds: retrySeconds() ?? 0 })}</span>
            </Show>
            <button
              type="button"
              class="button secondary"
              disabled={loading()}
              onClick={() => void refetch()}
            >
              {t("common.retry")}
            </button>
          </div>
        )}
      </Show>
      <Show when={stale() && loaded()}>
        {(shown) => (
          <p class="stale-note" data-testid="stale-note">
            {t("book.stale", { time: clockTime(shown().at) })}
          </p>
        )}
      </Show>
      <Show
        when={loaded()}
        fallback={
          <Show when={!failure()} fallback={null}>
            <WeekSkeleton />
          </Show>
        }
      >
        <Show when={week().any} fallback={<div class="empty">{t("book.empty")}</div>}>
          <section class="best" aria-labelledby="best-title">
            <h2 id="best-title">{t("book.best")}</h2>
            <Show when={best().length > 0} fallback={<p class="muted small">{t("book.bestNone")}</p>}>
              <ol class="best-list" data-testid="best-slots">
                <For each={best()}>
                  {(slot) => (
                    <li>
                      <button
                        type="button"
                        class={`best-slot tier-${week().tierOf(slot.points)}`}
                        data-slot={slotKey(slot)}
                        onClick={(event) => choose(slot, event.currentTarget)}
                      >
                        <span class="best-when">
                          {t("book.bestItem", { day: formatDay(slot.date), time: slot.time })}
                        </span>
                        <span class="points-badge">{tCount("plural.points", slot.points)}</span>
                        <span class="best-free">{tCount("plural.freePlaces", slot.free)}</span>
                      </button>
                    </li>
                  )}
                </For>
              </ol>
            </Show>
          </section>
          <ul class="legend" aria-hidden="true">
            <li class="free">{t("book.legend.free")}</li>
            <li class="few">{t("book.legend.few")}</li>
            <li class="full">{t("book.legend.full")}</li>
            <li class="past">{t("book.legend.past")}</li>
          </ul>
          <Show when={!narrow()}>
            {/* Day columns, not a row-per-time table: the DOM (and so Tab) goes through Monday's slots
                first, then Tuesday's. Each cell names its day and time for screen readers. */}
            {/* biome-ignore lint/a11y/noStaticElementInteractions: arrow keys pressed on the slot buttons bubble up to here */}
            <div
              class="week-grid"
              classList={{ stale: stale() }}
              aria-busy={loading()}
              style={{ "--days": String(week().days.length) }}
              onKeyDown={onGridKey}
              data-testid="week-grid"
            >
              <div class="grid-col time-col" aria-hidden="true">
                <span class="grid-head" />
                <For each={week().times}>{(time) => <span class="grid-time">{time}</span>}</For>
              </div>
              <For each={week().days}>
                {(day, col) => (
                  <section class="grid-col" aria-labelledby={`day-${day}`}>
                    <h2 class="grid-head" id={`day-${day}`}>
                      {formatDay(day)}
                    </h2>
                    <For each={week().times}>
                      {(time, row) => {
                        const slot = () => week().byKey.get(`${day} ${time}`);
                        return (
                          <Show
                            when={slot()}
                            fallback={
                              <span class="cell none">
                                <span aria-hidden="true">{t("book.notOffered")}</span>
                                <span class="sr-only">{t("book.notOfferedAt", { time })}</span>
                              </span>
                            }
                          >
                            {(current) => (
                              <SlotButton
                                slot={current()}
                                now={now()}
                                tier={week().tierOf(current().points)}
                                justBooked={justBooked() === `${day} ${time}`}
                                col={col()}
                                row={row()}
                                onChoose={choose}
                              />
                            )}
                          </Show>
                        );
                      }}
                    </For>
                  </section>
                )}
              </For>
            </div>
          </Show>
          <Show when={narrow()}>
            <div class="day-list" classList={{ stale: stale() }} aria-busy={loading()}>
              <For each={week().days}>
                {(day) => {
                  const daySlots = () =>
                    week()
                      .times.map((time) => week().byKey.get(`${day} ${time}`))
                      .filter((slot): slot is SlotView => slot !== undefined);
                  return (
                    <section class="day">
                      <h2>{formatDay(day, "long")}</h2>
                      <Show
                        when={daySlots().length > 0}
                        fallback={<p class="muted small">{t("book.dayNone")}</p>}
                      >
                        <div class="day-slots">
                          <For each={daySlots()}>
                            {(slot) => (
                              <SlotButton
                                slot={slot}
                                now={now()}
                                tier={week().tierOf(slot.points)}
                                justBooked={justBooked() === slotKey(slot)}
                                withTime
                                onChoose={choose}
                              />
                            )}
                          </For>
                        </div>
                      </Show>
                    </section>
                  );
                }}
              </For>
            </div>
          </Show>
        </Show>
      </Show>
      <Show when={chosen()}>
        {(slot) => (
          // Its own boundary: the week stays on screen while the form's code loads.
          <Suspense>
            <BookingForm
              slot={slot()}
              onClose={closeDialog}
              onBooked={(booking) => booked(slot(), booking)}
              onFull={() => void refetch()}
            />
          </Suspense>
        )}
      </Show>
    </section>
  );
}
