import { createResource, Index, type JSX } from "solid-js";
import type { PointsRule } from "../../../../shared/domain/booking/points.ts";
import type { SlotTemplateSettings } from "../../../../shared/domain/booking/slot-template.ts";
import { api } from "../../api/client.ts";
import { AsyncView } from "../../components/AsyncView.tsx";
import { LoaderButton } from "../../components/LoaderButton.tsx";
import { TextField } from "../../components/TextField.tsx";
import { FormError } from "../../components/ui.tsx";
import { t } from "../../i18n/index.ts";
import { AddRowButton, RemoveRowButton } from "./parts.tsx";
import type { createFieldErrors } from "./settingsForm.ts";

/** What the slot template and the points rule tabs both show: each edits one, the preview needs both. */
export interface Settings {
  template: SlotTemplateSettings;
  rule: PointsRule;
}

/** Loads both settings; a tab's save replaces its own part. */
export function SettingsLoader(props: {
  children: (settings: () => Settings, saved: (change: Partial<Settings>) => void) => JSX.Element;
}) {
  const [settings, { refetch, mutate }] = createResource(async (): Promise<Settings> => {
    const [template, rule] = await Promise.all([api.call("getSlotTemplate"), api.call("getPointsRule")]);
    return { template, rule };
  });
  return (
    <AsyncView resource={settings} retry={refetch}>
      {(value) => props.children(value, (change) => mutate({ ...value(), ...change }))}
    </AsyncView>
  );
}

/**
 * A settings form's frame: its heading or intro, the failure (or "the draft has errors" once a
 * save was tried), the fields, and the save button.
 */
export function SettingsForm(props: {
  class: string;
  form: Pick<ReturnType<typeof createFieldErrors>, "submit" | "showErrors">;
  valid: boolean;
  onSubmit: (event: SubmitEvent) => void;
  intro: JSX.Element;
  children: JSX.Element;
}) {
  return (
    <form
      class={`form card ${props.class}`}
      onSubmit={(event) => props.onSubmit(event)}
      noValidate
      aria-busy={props.form.submit.busy()}
    >
      {props.intro}
      <FormError
        message={
          props.form.submit.failure() ??
          (props.form.showErrors() && !props.valid ? t("admin.template.invalid") : undefined)
        }
      />
      {props.children}
      <div class="actions">
        <LoaderButton type="submit" busy={props.form.submit.busy()}>
          {t("common.save")}
        </LoaderButton>
      </div>
    </form>
  );
}

/**
 * A list editor's rows (tiers, bonuses, overrides, blocked dates): each row's fields get the row
 * and a setter for its fields; a remove button ends each row, an add button follows the list.
 */
export function RowList<Row>(props: {
  /** Names the rows for tests and styles: `data-<name>="<index>"`. */
  name: string;
  rows: Row[];
  onRows: (rows: Row[]) => void;
  newRow: () => Row;
  addLabel: string;
  children: (row: () => Row, index: number, set: (change: Partial<Row>) => void) => JSX.Element;
}) {
  return (
    <>
      <Index each={props.rows}>
        {(row, index) => {
          const set = (change: Partial<Row>) =>
            props.onRows(props.rows.map((item, at) => (at === index ? { ...item, ...change } : item)));
          return (
            <div class="settings-row" {...{ [`data-${props.name}`]: index }}>
              {props.children(row, index, set)}
              <RemoveRowButton
                row={index + 1}
                onClick={() => props.onRows(props.rows.filter((_, at) => at !== index))}
              />
            </div>
          );
        }}
      </Index>
      <AddRowButton onClick={() => props.onRows([...props.rows, props.newRow()])}>
        {props.addLabel}
      </AddRowButton>
    </>
  );
}

/** A whole-number setting (points, minutes, days, places): never below 0, a number keypad on phones. */
export function NumberField(props: {
  id: string;
  label: string;
  value: string;
  error: string | undefined;
  onValue: (value: string) => void;
}) {
  return (
    <TextField
      id={props.id}
      label={props.label}
      type="number"
      inputmode="numeric"
      min="0"
      error={props.error}
      value={props.value}
      onValue={props.onValue}
    />
  );
}
