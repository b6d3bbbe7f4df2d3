import { createMemo, createResource, createSignal, Index, type JSX } from "solid-js";
import { type PointsRule, pointsRuleSchema } from "../../../../shared/domain/booking/points.ts";
import {
  type SlotTemplate,
  type SlotTemplateSettings,
  withTimeZone,
} from "../../../../shared/domain/booking/slot-template.ts";
import { api } from "../../api/client.ts";
import { AsyncView } from "../../components/AsyncView.tsx";
import { LoaderButton } from "../../components/LoaderButton.tsx";
import { TextField } from "../../components/TextField.tsx";
import { toast } from "../../components/toast.tsx";
import { FormError } from "../../components/ui.tsx";
import { timeZone } from "../../dates.ts";
import { t } from "../../i18n/index.ts";
import { BookingRulesForm } from "./BookingRulesForm.tsx";
import { AddRowButton, RemoveRowButton } from "./parts.tsx";
import { type PreviewRules, SettingsPreview } from "./SettingsPreview.tsx";
import { createActiveConsultants, createFieldErrors, numberOrUndefined, pathErrors } from "./settingsForm.ts";

interface PointsDraft {
  tiers: { upTo: string; points: string }[];
  abovePoints: string;
  timeBonuses: { time: string; points: string }[];
  recallDivisor: string;
  recallMinimum: string;
}

function pointsDraftOf(rule: PointsRule): PointsDraft {
  return {
    tiers: rule.tiers.map((tier) => ({ upTo: tier.upTo, points: String(tier.points) })),
    abovePoints: String(rule.abovePoints),
    timeBonuses: rule.timeBonuses.map((bonus) => ({ time: bonus.time, points: String(bonus.points) })),
    recallDivisor: String(rule.recallDivisor),
    recallMinimum: String(rule.recallMinimum),
  };
}

function pointsInputOf(draft: PointsDraft) {
  return {
    tiers: draft.tiers.map((tier) => ({ upTo: tier.upTo.trim(), points: numberOrUndefined(tier.points) })),
    abovePoints: numberOrUndefined(draft.abovePoints),
    timeBonuses: draft.timeBonuses.map((bonus) => ({
      time: bonus.time.trim(),
      points: numberOrUndefined(bonus.points),
    })),
    recallDivisor: numberOrUndefined(draft.recallDivisor),
    recallMinimum: numberOrUndefined(draft.recallMinimum),
  };
}

/** Punkte & Regeln: the points rule (and the booking rules), with the 14-day preview of their effect. */
export function RulesTab() {
  const [settings, { refetch, mutate }] = createResource(() =>
    Promise.all([api.call("getSlotTemplate"), api.call("getPointsRule")]),
  );
  return (
    <AsyncView resource={settings} retry={refetch}>
      {(value) => (
        <RulesForms template={value()[0]} rule={value()[1]} onSaved={(rule) => mutate([value()[0], rule])} />
      )}
    </AsyncView>
  );
}

function RulesForms(props: {
  template: SlotTemplateSettings;
  rule: PointsRule;
  onSaved: (rule: PointsRule) => void;
}) {
  const consultants = createActiveConsultants();
  const [draft, setDraft] = createSignal(pointsDraftOf(props.rule));
  const checked = createMemo(() => {
    const result = pointsRuleSchema.safeParse(pointsInputOf(draft()));
    return result.success ? { data: result.data, errors: {} } : { errors: pathErrors(result.error) };
  });
  let lastValid = props.rule;
  const previewRule = createMemo(() => {
    const data = checked().data;
    if (data) lastValid = data;
    return lastValid;
  });
  const template = (): SlotTemplate => withTimeZone(props.template, timeZone());
  const [previewRules, setPreviewRules] = createSignal<PreviewRules>({});
  const update = (change: Partial<PointsDraft>) => {
    setDraft({ ...draft(), ...change });
    setServerErrors({});
  };
  const form = createFieldErrors(checked);
  const { submit, showErrors, setServerErrors, error } = form;

  const save = (event: SubmitEvent) =>
    form.save(event, async (data) => {
      props.onSaved(await api.call("putPointsRule", { body: data }));
      toast(t("admin.points.saved"));
    });

  const numberField = (
    id: string,
    label: string,
    value: string,
    path: string,
    onValue: (value: string) => void,
  ): JSX.Element => (
    <TextField
      id={id}
      label={label}
      type="number"
      inputmode="numeric"
      min="0"
      error={error(path)}
      value={value}
      onValue={onValue}
    />
  );

  return (
    <div class="settings-layout">
      <form class="form card points-form" onSubmit={save} noValidate aria-busy={submit.busy()}>
        <h2>{t("admin.points.title")}</h2>
        <FormError
          message={
            submit.failure() ?? (showErrors() && !checked().data ? t("admin.template.invalid") : undefined)
          }
        />
        <fieldset>
          <legend>{t("admin.points.tiers")}</legend>
          <Index each={draft().tiers}>
            {(tier, index) => {
              const set = (change: Partial<PointsDraft["tiers"][number]>) =>
                update({
                  tiers: draft().tiers.map((item, at) => (at === index ? { ...item, ...change } : item)),
                });
              return (
                <div class="settings-row" data-tier={index}>
                  <TextField
                    id={`tier-upTo-${index}`}
                    label={t("admin.points.upTo")}
                    placeholder="1/3"
                    error={error(`tiers.${index}.upTo`)}
                    value={tier().upTo}
                    onValue={(upTo) => set({ upTo })}
                  />
                  {numberField(
                    `tier-points-${index}`,
                    t("admin.points.points"),
                    tier().points,
                    `tiers.${index}.points`,
                    (points) => set({ points }),
                  )}
                  <RemoveRowButton
                    row={index + 1}
                    onClick={() => update({ tiers: draft().tiers.filter((_, at) => at !== index) })}
                  />
                </div>
              );
            }}
          </Index>
          <AddRowButton onClick={() => update({ tiers: [...draft().tiers, { upTo: "", points: "" }] })}>
            {t("admin.points.addTier")}
          </AddRowButton>
          {numberField("points-above", t("admin.points.above"), draft().abovePoints, "abovePoints", (value) =>
            update({ abovePoints: value }),
          )}
        </fieldset>
        <fieldset>
          <legend>{t("admin.points.bonuses")}</legend>
          <Index each={draft().timeBonuses}>
            {(bonus, index) => {
              const set = (change: Partial<PointsDraft["timeBonuses"][number]>) =>
                update({
                  timeBonuses: draft().timeBonuses.map((item, at) =>
                    at === index ? { ...item, ...change } : item,
                  ),
                });
              return (
                <div class="settings-row" data-bonus={index}>
                  <TextField
                    id={`bonus-time-${index}`}
                    label={t("admin.points.bonusTime")}
                    placeholder="11:00"
                    error={error(`timeBonuses.${index}.time`)}
                    value={bonus().time}
                    onValue={(time) => set({ time })}
                  />
                  {numberField(
                    `bonus-points-${index}`,
                    t("admin.points.points"),
                    bonus().points,
                    `timeBonuses.${index}.points`,
                    (points) => set({ points }),
                  )}
                  <RemoveRowButton
                    row={index + 1}
                    onClick={() =>
                      update({ timeBonuses: draft().timeBonuses.filter((_, at) => at !== index) })
                    }
                  />
                </div>
              );
            }}
          </Index>
          <AddRowButton
            onClick={() => update({ timeBonuses: [...draft().timeBonuses, { time: "", points: "2" }] })}
          >
            {t("admin.points.addBonus")}
          </AddRowButton>
        </fieldset>
        <div class="row">
          {numberField(
            "points-recallDivisor",
            t("admin.points.recallDivisor"),
            draft().recallDivisor,
            "recallDivisor",
            (value) => update({ recallDivisor: value }),
          )}
          {numberField(
            "points-recallMinimum",
            t("admin.points.recallMinimum"),
            draft().recallMinimum,
            "recallMinimum",
            (value) => update({ recallMinimum: value }),
          )}
        </div>
        <div class="actions">
          <LoaderButton type="submit" busy={submit.busy()}>
            {t("common.save")}
          </LoaderButton>
        </div>
      </form>
      <BookingRulesForm onDraft={setPreviewRules} />
      <SettingsPreview
        template={template()}
        rule={previewRule()}
        consultants={consultants()}
        rules={previewRules()}
        stale={!checked().data}
      />
    </div>
  );
}
