import { createMemo, createResource, createSignal, For, onCleanup, Show } from "solid-js";
import type { Booking, SlotView } from "../../../shared/contracts/booking.ts";
import { api } from "../api/client.ts";
import { AsyncView } from "../components/AsyncView.tsx";
import { addDays, isoWeek, mondayOf, setTimeZone, today } from "../dates.ts";
import { formatDay, t } from "../i18n/index.ts";
import { BookingForm } from "./BookingForm.tsx";

type Fill = "free" | "few" | "full" | "past";

function fillOf(slot: SlotView, now: number): Fill {
  if (Date.parse(slot.start) <= now) return "past";
  if (slot.free <= 0) return "full";
  return slot.free / slot.capacity <= 0.25 ? "few" : "free";
}

function WeekSkeleton() {
  return (
    <div class="skeleton" aria-busy="true" role="status">
      <span class="sr-only">{t("common.loading")}</span>
      <For each={Array.from({ length: 36 })}>{() => <span aria-hidden="true" />}</For>
    </div>
  );
}

function SlotButton(props: {
  slot: SlotView;
  now: number;
  justBooked: boolean;
  col?: number;
  row?: number;
  withTime?: boolean;
  onChoose: (slot: SlotView) => void;
}) {
  const fill = () => fillOf(props.slot, props.now);
  return (
    <button
      type="button"
      class={`cell ${fill()}${props.justBooked ? " just-booked" : ""}`}
      data-col={props.col}
      data-row={props.row}
      disabled={fill() === "full" || fill() === "past"}
      aria-label={t(
        fill() === "full"
          ? "book.slotLabelFull"
          : fill() === "past"
            ? "book.slotLabelPast"
            : "book.slotLabel",
        {
          day: formatDay(props.slot.date, "long"),
          time: props.slot.time,
          free: props.slot.free,
          capacity: props.slot.capacity,
          points: props.slot.points,
        },
      )}
      onClick={() => props.onChoose(props.slot)}
    >
      <Show when={props.withTime}>
        <span class="cell-time">{props.slot.time}</span>
      </Show>
      <span class="cell-main">
        {fill() === "full"
          ? t("book.full")
          : fill() === "past"
            ? t("book.past")
            : t("book.free", { free: props.slot.free, capacity: props.slot.capacity })}
      </span>
      <Show when={fill() === "free" || fill() === "few"}>
        <span class="cell-points">{t("common.points", { points: props.slot.points })}</span>
      </Show>
      <Show when={props.justBooked}>
        <span class="cell-tag">{t("book.justBooked")}</span>
      </Show>
    </button>
  );
}

export function BookPage() {
  const [monday, setMonday] = createSignal(mondayOf(today()));
  const [slots, { refetch, mutate }] = createResource(monday, (from) =>
    api.call("getAvailability", { query: { from, to: addDays(from, 6) } }).then((result) => {
      setTimeZone(result.timeZone);
      return result.slots;
    }),
  );
  const [chosen, setChosen] = createSignal<SlotView>();
  const [justBooked, setJustBooked] = createSignal<string>();
  // Slots turn "past" while the page stays open.
  const [now, setNow] = createSignal(Date.now());
  const clock = setInterval(() => setNow(Date.now()), 60_000);
  onCleanup(() => clearInterval(clock));

  const week = createMemo(() => {
    // A failed resource throws when read: the error is shown by the AsyncView below.
    const list = (slots.error ? [] : (slots.latest ?? [])).filter(
      (slot) => slot.capacity > 0 || slot.booked > 0,
    );
    const offered = new Set(list.map((slot) => slot.date));
    // Monday to Friday always; Saturday and Sunday only when slots are offered then.
    const days = [0, 1, 2, 3, 4, 5, 6]
      .map((offset) => addDays(monday(), offset))
      .filter((day, index) => index < 5 || offered.has(day));
    const times = [...new Set(list.map((slot) => slot.time))].sort();
    const byKey = new Map(list.map((slot) => [`${slot.date} ${slot.time}`, slot]));
    return { days, times, byKey, any: list.length > 0 };
  });

  function booked(slot: SlotView, booking: Booking) {
    const key = `${slot.date} ${slot.time}`;
    mutate((list) =>
      list?.map((item) =>
        `${item.date} ${item.time}` === key
          ? { ...item, booked: item.booked + 1, free: Math.max(0, item.free - 1) }
          : item,
      ),
    );
    setJustBooked(`${booking.date} ${booking.time}`);
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
    const table = event.currentTarget as HTMLElement;
    for (let step = 0; step < 50; step++) {
      col += move[0];
      row += move[1];
      const next = table.querySelector<HTMLButtonElement>(`button[data-col="${col}"][data-row="${row}"]`);
      if (!next && (col < 0 || row < 0 || col > week().days.length || row > week().times.length)) return;
      if (next && !next.disabled) {
        event.preventDefault();
        next.focus();
        return;
      }
    }
  }

  return (
    <section class="page">
      <div class="page-head">
        <h1>{t("book.title")}</h1>
        <div class="week-nav">
          <button type="button" class="button secondary" onClick={() => setMonday(addDays(monday(), -7))}>
            ‹ {t("book.prevWeek")}
          </button>
          <button type="button" class="button ghost" onClick={() => setMonday(mondayOf(today()))}>
            {t("book.today")}
          </button>
          <button type="button" class="button secondary" onClick={() => setMonday(addDays(monday(), 7))}>
            {t("book.nextWeek")} ›
          </button>
        </div>
      </div>
      <p class="week-title" aria-live="polite">
        {t("book.week", {
          week: isoWeek(monday()),
          from: formatDay(monday()),
          to: formatDay(week().days.at(-1) ?? addDays(monday(), 4)),
        })}
      </p>
      <ul class="legend" aria-hidden="true">
        <li class="free">{t("book.legend.free")}</li>
        <li class="few">{t("book.legend.few")}</li>
        <li class="full">{t("book.legend.full")}</li>
        <li class="past">{t("book.legend.past")}</li>
      </ul>
      <AsyncView
        resource={slots}
        retry={refetch}
        loading={<WeekSkeleton />}
        empty={t("book.empty")}
        isEmpty={() => !week().any}
      >
        {() => (
          <>
            <div class="week-grid-wrap" aria-busy={slots.loading}>
              <table class="week-grid" onKeyDown={onGridKey}>
                <thead>
                  <tr>
                    <th scope="col" class="time-col" />
                    <For each={week().days}>{(day) => <th scope="col">{formatDay(day)}</th>}</For>
                  </tr>
                </thead>
                <tbody>
                  <For each={week().times}>
                    {(time, row) => (
                      <tr>
                        <th scope="row" class="time-col">
                          {time}
                        </th>
                        <For each={week().days}>
                          {(day, col) => {
                            const slot = () => week().byKey.get(`${day} ${time}`);
                            return (
                              <td>
                                <Show
                                  when={slot()}
                                  fallback={<span class="cell none">{t("book.notOffered")}</span>}
                                >
                                  {(current) => (
                                    <SlotButton
                                      slot={current()}
                                      now={now()}
                                      justBooked={justBooked() === `${day} ${time}`}
                                      col={col()}
                                      row={row()}
                                      onChoose={setChosen}
                                    />
                                  )}
                                </Show>
                              </td>
                            );
                          }}
                        </For>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <div class="day-list" aria-busy={slots.loading}>
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
                                justBooked={justBooked() === `${slot.date} ${slot.time}`}
                                withTime
                                onChoose={setChosen}
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
          </>
        )}
      </AsyncView>
      <Show when={chosen()}>
        {(slot) => (
          <BookingForm
            slot={slot()}
            onClose={() => setChosen(undefined)}
            onBooked={(booking) => booked(slot(), booking)}
            onFull={() => void refetch()}
          />
        )}
      </Show>
    </section>
  );
}
