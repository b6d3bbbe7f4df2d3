import { createMemo, createSignal } from "solid-js";
import { type PointsRule, pointsRuleSchema } from "../../../../shared/domain/booking/points.ts";
import {
  type SlotTemplate,
  type SlotTemplateSettings,
  withTimeZone,
} from "../../../../shared/domain/booking/slot-template.ts";
import { api } from "../../api/client.ts";
import { TextField } from "../../components/TextField.tsx";
import { toast } from "../../components/toast.tsx";
import { timeZone } from "../../dates.ts";
import { t } from "../../i18n/index.ts";
import { BookingRulesForm } from "./BookingRulesForm.tsx";
import { type PreviewRules, SettingsPreview } from "./SettingsPreview.tsx";
import { createActiveConsultants, createFieldErrors, numberOrUndefined, pathErrors } from "./settingsForm.ts";
import { NumberField, RowList, SettingsForm, SettingsLoader } from "./settingsParts.tsx";

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
  return (
    <SettingsLoader>
      {(settings, saved) => (
        <RulesForms
          template={settings().template}
          rule={settings().rule}
          onSaved={(rule) => saved({ rule })}
        />
      )}
    </SettingsLoader>
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
  const { setServerErrors, error } = form;

  const save = (event: SubmitEvent) =>
    form.save(event, async (data) => {
      props.onSaved(await api.call("putPointsRule", { body: data }));
      toast(t("admin.points.saved"));
    });

  return (
    <div class="settings-layout">
      <SettingsForm
        class="points-form"
        form={form}
        valid={Boolean(checked().data)}
        onSubmit={save}
        intro={<h2>{t("admin.points.title")}</h2>}
      >
        <fieldset>
          <legend>{t("admin.points.tiers")}</legend>
          <RowList
            name="tier"
            rows={draft().tiers}
            onRows={(tiers) => update({ tiers })}
            newRow={() => ({ upTo: "", points: "" })}
            addLabel={t("admin.points.addTier")}
          >
            {(tier, index, set) => (
              <>
                <TextField
                  id={`tier-upTo-${index}`}
                  label={t("admin.points.upTo")}
                  placeholder="1/3"
                  error={error(`tiers.${index}.upTo`)}
                  value={tier().upTo}
                  onValue={(upTo) => set({ upTo })}
                />
                <NumberField
                  id={`tier-points-${index}`}
                  label={t("admin.points.points")}
                  error={error(`tiers.${index}.points`)}
                  value={tier().points}
                  onValue={(points) => set({ points })}
                />
              </>
            )}
          </RowList>
          <NumberField
            id="points-above"
            label={t("admin.points.above")}
            error={error("abovePoints")}
            value={draft().abovePoints}
            onValue={(value) => update({ abovePoints: value })}
          />
        </fieldset>
        <fieldset>
          <legend>{t("admin.points.bonuses")}</legend>
          <RowList
            name="bonus"
            rows={draft().timeBonuses}
            onRows={(timeBonuses) => update({ timeBonuses })}
            newRow={() => ({ time: "", points: "2" })}
            addLabel={t("admin.points.addBonus")}
          >
            {(bonus, index, set) => (
              <>
                <TextField
                  id={`bonus-time-${index}`}
                  label={t("admin.points.bonusTime")}
                  placeholder="11:00"
                  error={error(`timeBonuses.${index}.time`)}
                  value={bonus().time}
                  onValue={(time) => set({ time })}
                />
                <NumberField
                  id={`bonus-points-${index}`}
                  label={t("admin.points.points")}
                  error={error(`timeBonuses.${index}.points`)}
                  value={bonus().points}
                  onValue={(points) => set({ points })}
                />
              </>
            )}
          </RowList>
        </fieldset>
        <div class="row">
          <NumberField
            id="points-recallDivisor"
            label={t("admin.points.recallDivisor")}
            error={error("recallDivisor")}
            value={draft().recallDivisor}
            onValue={(value) => update({ recallDivisor: value })}
          />
          <NumberField
            id="points-recallMinimum"
            label={t("admin.points.recallMinimum")}
            error={error("recallMinimum")}
            value={draft().recallMinimum}
            onValue={(value) => update({ recallMinimum: value })}
          />
        </div>
      </SettingsForm>
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
