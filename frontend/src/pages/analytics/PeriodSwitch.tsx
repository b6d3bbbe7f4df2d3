import { For } from "solid-js";
import { t } from "../../i18n/index.ts";

export const periodOptions = ["7d", "30d", "90d", "all"] as const;
export type PeriodOption = (typeof periodOptions)[number];

/** The period buttons (one pressed); a group named for screen readers. */
export function PeriodSwitch(props: { value: PeriodOption; onChange: (period: PeriodOption) => void }) {
  return (
    <fieldset class="period-switch">
      <legend class="sr-only">{t("analytics.period")}</legend>
      <For each={periodOptions}>
        {(period) => (
          <button
            type="button"
            class="button secondary small"
            aria-pressed={props.value === period}
            onClick={() => props.onChange(period)}
          >
            {t(`analytics.period.${period}`)}
          </button>
        )}
      </For>
    </fieldset>
  );
}
