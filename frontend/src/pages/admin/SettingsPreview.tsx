import { createMemo, For, Show } from "solid-js";
import { placesPerConsultant } from "../../../../shared/domain/booking/capacity.ts";
import { blockedDateReason } from "../../../../shared/domain/booking/holidays.ts";
import { addDays } from "../../../../shared/domain/booking/local-date.ts";
import { type PointsRule, pointsForSlot } from "../../../../shared/domain/booking/points.ts";
import {
  generateSlots,
  localDate,
  type SlotTemplate,
} from "../../../../shared/domain/booking/slot-template.ts";
import { formatDay, t } from "../../i18n/index.ts";
import { tCount } from "../../i18n/plural.ts";

const previewDays = 14;

/** What the booking rules change in the preview (both optional: the tab may not edit them). */
export interface PreviewRules {
  minNoticeMinutes?: number | undefined;
  maxBookingsPerConsultantPerDay?: number | undefined;
}

interface Cell {
  capacity: number;
  points: number;
  /** Starts sooner than the minimum notice allows: not bookable any more. */
  tooSoon: boolean;
}

/**
 * Runs of equal points over the fill levels 0..capacity-1: `[{ from, to, points }]`, what one more
 * booking earns at each number of bookings already in the slot.
 */
export function pointsByFill(rule: PointsRule, capacity: number, time: string) {
  const runs: { from: number; to: number; points: number }[] = [];
  for (let booked = 0; booked < capacity; booked++) {
    const points = pointsForSlot(rule, { booked, capacity, time });
    const last = runs.at(-1);
    if (last && last.points === points) last.to = booked;
    else runs.push({ from: booked, to: booked, points });
  }
  return runs;
}

/**
 * The next 14 days as the given (unsaved) settings would make them: which slot times exist, blocked
 * dates with their reason, places and the points of a first booking, and the points per fill level.
 * Computed in the browser with the same pure functions the availability job uses; consultants'
 * own calendars are left out (every active consultant counts as offering every slot).
 */
export function SettingsPreview(props: {
  template: SlotTemplate;
  rule: PointsRule;
  consultants: number;
  rules?: PreviewRules;
  stale?: boolean;
}) {
  const grid = createMemo(() => {
    const template = props.template;
    const from = localDate(Date.now(), template.timeZone);
    const days = Array.from({ length: previewDays }, (_, offset) => addDays(from, offset));
    const slots = generateSlots(template, from, previewDays);
    const notBefore = Date.now() + (props.rules?.minNoticeMinutes ?? 0) * 60_000;
    const cells = new Map<string, Cell>();
    for (const slot of slots) {
      const capacity = placesPerConsultant(template, slot.date, slot.time) * props.consultants;
      cells.set(`${slot.date} ${slot.time}`, {
        capacity,
        points: pointsForSlot(props.rule, { booked: 0, capacity, time: slot.time }),
        tooSoon: Date.parse(slot.start) <= notBefore,
      });
    }
    const times = [...new Set(slots.map((slot) => slot.time))].sort();
    // One row per distinct (time, capacity): the points per fill level depend on both.
    const fills = new Map<string, { time: string; capacity: number }>();
    for (const slot of slots) {
      const cell = cells.get(`${slot.date} ${slot.time}`);
      if (cell && cell.capacity > 0) {
        fills.set(`${slot.time} ${cell.capacity}`, { time: slot.time, capacity: cell.capacity });
      }
    }
    return {
      days: days.map((date) => ({ date, blocked: blockedDateReason(template, date) })),
      times,
      cells,
      fills: [...fills.values()].sort((a, b) => a.time.localeCompare(b.time) || a.capacity - b.capacity),
    };
  });
  const dayLimit = () => {
    const max = props.rules?.maxBookingsPerConsultantPerDay;
    return max === undefined ? undefined : max * props.consultants;
  };

  return (
    <section class="preview card" aria-labelledby="preview-title">
      <h2 id="preview-title">{t("admin.preview.title")}</h2>
      <p class="muted small">{t("admin.preview.intro", { consultants: props.consultants })}</p>
      <Show when={props.stale}>
        <p class="notice warning small">{t("admin.preview.invalid")}</p>
      </Show>
      <Show when={grid().times.length > 0} fallback={<div class="empty">{t("admin.preview.none")}</div>}>
        {/* Scrolls sideways on narrow screens: focusable so the keyboard can scroll it too. */}
        <section class="preview-wrap" tabindex="0" aria-labelledby="preview-title">
          <table class="preview-grid" data-testid="settings-preview">
            <thead>
              <tr>
                <th scope="col">{t("admin.preview.time")}</th>
                <For each={grid().days}>
                  {(day) => (
                    <th scope="col" classList={{ blocked: Boolean(day.blocked) }} data-date={day.date}>
                      {formatDay(day.date)}
                      <Show when={day.blocked}>
                        {(reason) => (
                          <span class="preview-blocked" title={reason()}>
                            {reason()}
                          </span>
                        )}
                      </Show>
                      <Show when={!day.blocked && dayLimit() !== undefined}>
                        <span class="preview-limit">≤ {dayLimit()}</span>
                      </Show>
                    </th>
                  )}
                </For>
              </tr>
            </thead>
            <tbody>
              <For each={grid().times}>
                {(time) => (
                  <tr>
                    <th scope="row">{time}</th>
                    <For each={grid().days}>
                      {(day) => {
                        const cell = () => grid().cells.get(`${day.date} ${time}`);
                        return (
                          <td
                            data-slot={`${day.date} ${time}`}
                            classList={{
                              offered: Boolean(cell()),
                              blocked: Boolean(day.blocked),
                              "too-soon": Boolean(cell()?.tooSoon),
                            }}
                          >
                            <Show when={cell()} fallback={<span aria-hidden="true">–</span>}>
                              {(current) => (
                                <span
                                  title={t("admin.preview.cellLabel", {
                                    day: formatDay(day.date, "long"),
                                    time,
                                    capacity: tCount("plural.places", current().capacity),
                                    points: tCount("plural.points", current().points),
                                  })}
                                >
                                  {t("admin.preview.cell", {
                                    places: current().capacity,
                                    points: current().points,
                                  })}
                                </span>
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
        </section>
        <h3>{t("admin.preview.fill")}</h3>
        <table class="table fill-table">
          <thead>
            <tr>
              <th scope="col">{t("admin.preview.time")}</th>
              <th scope="col">{t("admin.preview.capacity")}</th>
              <th scope="col">{t("admin.preview.fill")}</th>
            </tr>
          </thead>
          <tbody>
            <For each={grid().fills}>
              {(row) => (
                <tr data-fill={row.time}>
                  <td>{row.time}</td>
                  <td>{row.capacity}</td>
                  <td>
                    <ul class="fill-runs">
                      <For each={pointsByFill(props.rule, row.capacity, row.time)}>
                        {(run) => (
                          <li>
                            {t(run.from === run.to ? "admin.preview.fillOne" : "admin.preview.fillRange", {
                              from: run.from,
                              to: run.to,
                            })}
                            : <strong>{t("common.points", { points: run.points })}</strong>
                          </li>
                        )}
                      </For>
                    </ul>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
