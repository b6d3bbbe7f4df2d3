import { createMemo, createSignal, For } from "solid-js";
import { type GermanState, germanStates } from "../../../../shared/domain/booking/holidays.ts";
import type { PointsRule } from "../../../../shared/domain/booking/points.ts";
import {
  companyHolidaySchema,
  type SlotTemplate,
  type SlotTemplateSettings,
  slotTemplateSchema,
  type Weekday,
  weekdays,
  withTimeZone,
} from "../../../../shared/domain/booking/slot-template.ts";
import { api } from "../../api/client.ts";
import { TextField } from "../../components/TextField.tsx";
import { toast } from "../../components/toast.tsx";
import { Field } from "../../components/ui.tsx";
import { timeZone } from "../../dates.ts";
import { locale, t } from "../../i18n/index.ts";
import { SettingsPreview } from "./SettingsPreview.tsx";
import {
  createActiveConsultants,
  createFieldErrors,
  numberOrUndefined,
  type PathErrors,
  pathErrors,
  splitTimes,
} from "./settingsForm.ts";
import { NumberField, RowList, SettingsForm, SettingsLoader } from "./settingsParts.tsx";

interface OverrideRow {
  weekday: Weekday | "";
  time: string;
  places: string;
}

interface BlockedRow {
  date: string;
  reason: string;
}

interface Draft {
  slotMinutes: string;
  horizonDays: string;
  placesPerConsultant: string;
  holidayState: GermanState;
  timeZone: string;
  times: Record<Weekday, string>;
  overrides: OverrideRow[];
  blocked: BlockedRow[];
}

/** 2024-01-01 was a Monday: the weekday names in the site's language. */
export function weekdayName(weekday: Weekday): string {
  const date = new Date(Date.UTC(2024, 0, 1 + weekdays.indexOf(weekday)));
  return new Intl.DateTimeFormat(locale() === "de" ? "de-DE" : "en-GB", {
    weekday: "long",
    timeZone: "UTC",
  }).format(date);
}

function draftOf(template: SlotTemplateSettings): Draft {
  return {
    slotMinutes: String(template.slotMinutes),
    horizonDays: String(template.horizonDays),
    placesPerConsultant: String(template.placesPerConsultant),
    holidayState: template.holidayState,
    timeZone: template.timeZone ?? "",
    times: Object.fromEntries(weekdays.map((day) => [day, template.times[day].join(", ")])) as Record<
      Weekday,
      string
    >,
    overrides: template.placesOverrides.map((override) => ({
      weekday: override.weekday ?? "",
      time: override.time ?? "",
      places: String(override.places),
    })),
    blocked: template.companyHolidays.map((entry) =>
      typeof entry === "string"
        ? { date: entry, reason: "" }
        : { date: entry.date, reason: entry.reason ?? "" },
    ),
  };
}

/** The draft as the API's body: the same shape the shared schema parses. */
function inputOf(draft: Draft) {
  return {
    ...(draft.timeZone.trim() ? { timeZone: draft.timeZone.trim() } : {}),
    slotMinutes: numberOrUndefined(draft.slotMinutes),
    horizonDays: numberOrUndefined(draft.horizonDays),
    placesPerConsultant: numberOrUndefined(draft.placesPerConsultant),
    holidayState: draft.holidayState,
    times: Object.fromEntries(weekdays.map((day) => [day, splitTimes(draft.times[day])])),
    placesOverrides: draft.overrides.map((row) => ({
      ...(row.weekday ? { weekday: row.weekday } : {}),
      ...(row.time.trim() ? { time: row.time.trim() } : {}),
      places: numberOrUndefined(row.places),
    })),
    companyHolidays: draft.blocked.map((row) => ({
      date: row.date,
      ...(row.reason.trim() ? { reason: row.reason.trim() } : {}),
    })),
  };
}

/** The schema's messages for the draft; a blocked date's row is checked alone for a precise message. */
function validate(draft: Draft): { data?: SlotTemplateSettings; errors: PathErrors } {
  const input = inputOf(draft);
  const result = slotTemplateSchema.safeParse(input);
  if (result.success) return { data: result.data, errors: {} };
  const errors = pathErrors(result.error);
  input.companyHolidays.forEach((row, index) => {
    const own = companyHolidaySchema.safeParse(row);
    if (own.success) return;
    delete errors[`companyHolidays.${index}`];
    Object.assign(errors, prefixed(pathErrors(own.error), `companyHolidays.${index}`));
  });
  return { errors };
}

function prefixed(errors: PathErrors, prefix: string): PathErrors {
  return Object.fromEntries(Object.entries(errors).map(([path, message]) => [`${prefix}.${path}`, message]));
}

export function TemplateTab() {
  return (
    <SettingsLoader>
      {(settings, saved) => (
        <TemplateForm
          template={settings().template}
          rule={settings().rule}
          onSaved={(template) => saved({ template })}
        />
      )}
    </SettingsLoader>
  );
}

function TemplateForm(props: {
  template: SlotTemplateSettings;
  rule: PointsRule;
  onSaved: (template: SlotTemplateSettings) => void;
}) {
  const [draft, setDraft] = createSignal(draftOf(props.template));
  const consultants = createActiveConsultants();
  const checked = createMemo(() => validate(draft()));
  /** The preview keeps the last valid settings while the draft has an error. */
  let lastValid: SlotTemplate = withTimeZone(props.template, timeZone());
  const previewTemplate = createMemo(() => {
    const data = checked().data;
    if (data) lastValid = withTimeZone(data, timeZone());
    return lastValid;
  });
  const update = (change: Partial<Draft>) => {
    setDraft({ ...draft(), ...change });
    setServerErrors({});
  };
  const form = createFieldErrors(checked);
  const { showErrors, serverErrors, setServerErrors, error } = form;

  function save(event: SubmitEvent) {
    const saving = form.save(event, async (data) => {
      props.onSaved(await api.call("putSlotTemplate", { body: data }));
      toast(t("admin.template.saved"));
    });
    // An invalid draft: take the agent to the first field that says why.
    if (!saving)
      queueMicrotask(() =>
        document.querySelector<HTMLElement>(".template-form [aria-invalid='true']")?.focus(),
      );
  }

  const numberField = (name: "slotMinutes" | "horizonDays" | "placesPerConsultant", label: string) => (
    <NumberField
      id={`template-${name}`}
      label={label}
      error={error(name)}
      value={draft()[name]}
      onValue={(value) => update({ [name]: value })}
    />
  );

  return (
    <div class="settings-layout">
      <SettingsForm
        class="template-form"
        form={form}
        valid={Boolean(checked().data)}
        onSubmit={save}
        intro={<p class="muted">{t("admin.template.intro")}</p>}
      >
        <fieldset class="weekday-times">
          <legend>{t("admin.template.times")}</legend>
          <p class="muted small">{t("admin.template.timesHint")}</p>
          <For each={weekdays}>
            {(day) => (
              <TextField
                id={`template-times-${day}`}
                label={weekdayName(day)}
                error={error(`times.${day}`) ?? firstIndexed(day)}
                value={draft().times[day]}
                placeholder="–"
                spellcheck={false}
                onValue={(value) => update({ times: { ...draft().times, [day]: value } })}
              />
            )}
          </For>
        </fieldset>
        <div class="row">
          {numberField("slotMinutes", t("admin.template.slotMinutes"))}
          {numberField("horizonDays", t("admin.template.horizonDays"))}
          {numberField("placesPerConsultant", t("admin.template.places"))}
        </div>
        <div class="row">
          <Field id="template-state" label={t("admin.template.holidayState")} error={error("holidayState")}>
            <select
              id="template-state"
              value={draft().holidayState}
              onChange={(event) => update({ holidayState: event.currentTarget.value as GermanState })}
            >
              <For each={germanStates}>{(state) => <option value={state}>{state}</option>}</For>
            </select>
          </Field>
          <TextField
            id="template-timeZone"
            label={t("admin.template.timeZone")}
            hint={t("admin.template.timeZoneHint")}
            error={error("timeZone")}
            value={draft().timeZone}
            placeholder={timeZone()}
            spellcheck={false}
            onValue={(value) => update({ timeZone: value })}
          />
        </div>

        <fieldset>
          <legend>{t("admin.template.overrides")}</legend>
          <p class="muted small">{t("admin.template.overridesHint")}</p>
          <RowList
            name="override"
            rows={draft().overrides}
            onRows={(overrides) => update({ overrides })}
            newRow={(): OverrideRow => ({ weekday: "", time: "", places: draft().placesPerConsultant })}
            addLabel={t("admin.template.addOverride")}
          >
            {(row, index, set) => {
              const path = `placesOverrides.${index}`;
              return (
                <>
                  <Field id={`override-weekday-${index}`} label={t("admin.template.overrideWeekday")}>
                    <select
                      id={`override-weekday-${index}`}
                      value={row().weekday}
                      onChange={(event) => set({ weekday: event.currentTarget.value as Weekday | "" })}
                    >
                      <option value="">{t("admin.template.anyWeekday")}</option>
                      <For each={weekdays}>{(day) => <option value={day}>{weekdayName(day)}</option>}</For>
                    </select>
                  </Field>
                  <TextField
                    id={`override-time-${index}`}
                    label={t("admin.template.overrideTime")}
                    placeholder={t("admin.template.anyTime")}
                    error={error(`${path}.time`)}
                    value={row().time}
                    onValue={(time) => set({ time })}
                  />
                  <TextField
                    id={`override-places-${index}`}
                    label={t("admin.template.overridePlaces")}
                    type="number"
                    min="0"
                    error={error(`${path}.places`) ?? error(path)}
                    value={row().places}
                    onValue={(places) => set({ places })}
                  />
                </>
              );
            }}
          </RowList>
        </fieldset>

        <fieldset>
          <legend>{t("admin.template.blocked")}</legend>
          <p class="muted small">{t("admin.template.blockedHint")}</p>
          <RowList
            name="blocked"
            rows={draft().blocked}
            onRows={(blocked) => update({ blocked })}
            newRow={() => ({ date: "", reason: "" })}
            addLabel={t("admin.template.addBlocked")}
          >
            {(row, index, set) => {
              const path = `companyHolidays.${index}`;
              return (
                <>
                  <TextField
                    id={`blocked-date-${index}`}
                    label={t("admin.template.blockedDate")}
                    type="date"
                    error={error(`${path}.date`) ?? error(path)}
                    value={row().date}
                    onValue={(date) => set({ date })}
                  />
                  <TextField
                    id={`blocked-reason-${index}`}
                    label={t("admin.template.blockedReason")}
                    maxlength="80"
                    error={error(`${path}.reason`)}
                    value={row().reason}
                    onValue={(reason) => set({ reason })}
                  />
                </>
              );
            }}
          </RowList>
        </fieldset>
      </SettingsForm>
      <SettingsPreview
        template={previewTemplate()}
        rule={props.rule}
        consultants={consultants()}
        stale={!checked().data}
      />
    </div>
  );

  /** A wrong time in a weekday's list is reported at its index (`times.fri.2`): show it on the field. */
  function firstIndexed(day: Weekday): string | undefined {
    const prefix = `times.${day}.`;
    const all = { ...(showErrors() ? checked().errors : {}), ...serverErrors() };
    const found = Object.entries(all).find(([path]) => path.startsWith(prefix));
    return found
      ? `${splitTimes(draft().times[day])[Number(found[0].slice(prefix.length))] ?? ""}: ${found[1]}`
      : undefined;
  }
}
