import { createMemo, createResource, createSignal, For, Show } from "solid-js";
import type { SlotView } from "../../../shared/contracts/booking.ts";
import { api } from "../api/client.ts";
import { toast } from "../components/toast.tsx";
import { ErrorBox, Loading } from "../components/ui.tsx";
import { addDays, isoWeek, mondayOf, todayInBerlin } from "../dates.ts";
import { formatDay, t } from "../i18n/index.ts";
import { BookingForm } from "./BookingForm.tsx";

type Fill = "free" | "few" | "full" | "past";

function fillOf(slot: SlotView, now: number): Fill {
  if (Date.parse(slot.start) <= now) return "past";
  if (slot.free <= 0) return "full";
  return slot.free / slot.capacity <= 0.25 ? "few" : "free";
}

export function BookPage() {
  const [monday, setMonday] = createSignal(mondayOf(todayInBerlin()));
  const [slots, { refetch, mutate }] = createResource(monday, (from) =>
    api.call("getAvailability", { query: { from, to: addDays(from, 6) } }).then((result) => result.slots),
  );
  const [chosen, setChosen] = createSignal<SlotView>();

  const week = createMemo(() => {
    const list = (slots.latest ?? []).filter((slot) => slot.capacity > 0 || slot.booked > 0);
    const days = [...new Set(list.map((slot) => slot.date))].sort();
    const times = [...new Set(list.map((slot) => slot.time))].sort();
    const byKey = new Map(list.map((slot) => [`${slot.date} ${slot.time}`, slot]));
    return { days, times, byKey };
  });

  function booked(slot: SlotView, summary: { name: string; points: number }) {
    setChosen(undefined);
    mutate((list) =>
      list?.map((item) =>
        item === slot ? { ...item, booked: item.booked + 1, free: Math.max(0, item.free - 1) } : item,
      ),
    );
    toast(
      t("book.success", {
        name: summary.name,
        day: formatDay(slot.date),
        time: slot.time,
        points: summary.points,
      }),
    );
    void refetch();
  }

  return (
    <section class="page">
      <div class="page-head">
        <h1>{t("book.title")}</h1>
        <div class="week-nav">
          <button type="button" class="button secondary" onClick={() => setMonday(addDays(monday(), -7))}>
            ‹ {t("book.prevWeek")}
          </button>
          <button type="button" class="button ghost" onClick={() => setMonday(mondayOf(todayInBerlin()))}>
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
          to: formatDay(addDays(monday(), 4)),
        })}
      </p>
      <ul class="legend" aria-hidden="true">
        <li class="free">{t("book.legend.free")}</li>
        <li class="few">{t("book.legend.few")}</li>
        <li class="full">{t("book.legend.full")}</li>
      </ul>
      <Show when={!slots.error} fallback={<ErrorBox error={slots.error} retry={refetch} />}>
        <Show when={slots.latest} fallback={<Loading />}>
          <Show when={week().days.length > 0} fallback={<div class="empty">{t("book.empty")}</div>}>
            <div class="week-grid-wrap" aria-busy={slots.loading}>
              <table class="week-grid">
                <thead>
                  <tr>
                    <th scope="col" class="time-col" />
                    <For each={week().days}>{(day) => <th scope="col">{formatDay(day)}</th>}</For>
                  </tr>
                </thead>
                <tbody>
                  <For each={week().times}>
                    {(time) => (
                      <tr>
                        <th scope="row" class="time-col">
                          {time}
                        </th>
                        <For each={week().days}>
                          {(day) => {
                            const slot = () => week().byKey.get(`${day} ${time}`);
                            return (
                              <td>
                                <Show
                                  when={slot()}
                                  fallback={<span class="cell none">{t("book.notOffered")}</span>}
                                >
                                  {(current) => {
                                    const fill = () => fillOf(current(), Date.now());
                                    return (
                                      <button
                                        type="button"
                                        class={`cell ${fill()}`}
                                        disabled={fill() === "full" || fill() === "past"}
                                        aria-label={t("book.slotLabel", {
                                          day: formatDay(day, "long"),
                                          time,
                                          free: current().free,
                                          capacity: current().capacity,
                                          points: current().points,
                                        })}
                                        onClick={() => setChosen(current())}
                                      >
                                        <span class="cell-main">
                                          {fill() === "full"
                                            ? t("book.full")
                                            : fill() === "past"
                                              ? t("book.past")
                                              : t("book.free", {
                                                  free: current().free,
                                                  capacity: current().capacity,
                                                })}
                                        </span>
                                        <Show when={fill() === "free" || fill() === "few"}>
                                          <span class="cell-points">
                                            {t("common.points", { points: current().points })}
                                          </span>
                                        </Show>
                                      </button>
                                    );
                                  }}
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
          </Show>
        </Show>
      </Show>
      <Show when={chosen()}>
        {(slot) => (
          <BookingForm
            slot={slot()}
            onClose={() => setChosen(undefined)}
            onBooked={(summary) => booked(slot(), summary)}
            onFull={() => void refetch()}
          />
        )}
      </Show>
    </section>
  );
}
