import { createResource, createSignal, For, Show } from "solid-js";
import type { GoalTemplateView, GoalView } from "../../../../shared/contracts/goals.ts";
import { type GoalTemplateId, goalInputSchema } from "../../../../shared/domain/gamification/goals.ts";
import { api } from "../../api/client.ts";
import { AsyncView } from "../../components/AsyncView.tsx";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { createSubmit, type FieldErrors, issuesByField } from "../../components/form.ts";
import { LoaderButton } from "../../components/LoaderButton.tsx";
import { TextField } from "../../components/TextField.tsx";
import { toast } from "../../components/toast.tsx";
import { errorMessage, Field, FormError } from "../../components/ui.tsx";
import { formatDay, formatNumber, t } from "../../i18n/index.ts";
import { coinsText } from "../../i18n/plural.ts";
import "./quests.css";

const templateName = (id: GoalTemplateId) => t(`goals.t.${id}`);

function GoalForm(props: { templates: GoalTemplateView[]; onCreated: () => void }) {
  const [template, setTemplate] = createSignal<GoalTemplateId>(props.templates[0]?.id ?? "dailyPoints");
  const current = () => props.templates.find((candidate) => candidate.id === template());
  const [target, setTarget] = createSignal(String(current()?.defaultTarget ?? ""));
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const submit = createSubmit({ onFields: setErrors });
  function choose(id: GoalTemplateId) {
    setTemplate(id);
    setTarget(String(props.templates.find((candidate) => candidate.id === id)?.defaultTarget ?? ""));
    setErrors({});
  }
  async function create(event: Event) {
    event.preventDefault();
    const input = { template: template(), target: target().trim() === "" ? Number.NaN : Number(target()) };
    const parsed = goalInputSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(issuesByField(parsed.error));
      return;
    }
    setErrors({});
    await submit.run(async () => {
      await api.call("createGoal", { body: parsed.data });
      toast(t("goals.created"));
      props.onCreated();
    });
  }
  return (
    <form class="goal-form" onSubmit={(event) => void create(event)} novalidate>
      <Field id="goal-template" label={t("goals.template")}>
        <select
          id="goal-template"
          value={template()}
          onChange={(event) => choose(event.currentTarget.value as GoalTemplateId)}
        >
          <For each={props.templates}>
            {(option) => (
              <option value={option.id} selected={option.id === template()}>
                {templateName(option.id)} ({t(`goals.deadline.${option.deadline}`)},{" "}
                {t("goals.multiplier", { value: formatNumber(option.multiplier) })})
              </option>
            )}
          </For>
        </select>
      </Field>
      <TextField
        id="goal-target"
        label={t("goals.target")}
        type="number"
        inputmode="numeric"
        min={current()?.min}
        max={current()?.max}
        value={target()}
        onValue={setTarget}
        error={errors().target}
        hint={
          current()
            ? t("goals.targetHint", { min: current()?.min ?? 0, max: current()?.max ?? 0 })
            : undefined
        }
      />
      <LoaderButton type="submit" busy={submit.busy()}>
        {t("goals.create")}
      </LoaderButton>
      <FormError message={submit.failure()} />
    </form>
  );
}

function GoalCard(props: { goal: GoalView; onChanged: () => void }) {
  const g = () => props.goal;
  const [confirming, setConfirming] = createSignal(false);
  const valueText = () => {
    if (g().value === null) return t("goals.valueUnknown");
    return g().template === "rank"
      ? t("goals.valueRank", { value: formatNumber(g().value ?? 0), target: g().target })
      : t("goals.value", { value: formatNumber(g().value ?? 0), target: formatNumber(g().target) });
  };
  async function claim() {
    try {
      await api.call("claimGoal", { params: { id: g().id } });
      toast(t("goals.claimed", { xp: formatNumber(g().reward.xp), coins: coinsText(g().reward.coins) }));
      props.onChanged();
    } catch (error) {
      toast(errorMessage(error), "error");
    }
  }
  return (
    <li class={`goal ${g().status}`} data-goal={g().template}>
      <h3 id={`goal-${g().id}`}>{templateName(g().template)}</h3>
      <div class="goal-meta">
        <span class="goal-status">{t(`goals.status.${g().status}`)}</span> ·{" "}
        {t("goals.deadline", { date: formatDay(g().deadline) })}
      </div>
      <div
        class="goal-bar"
        role="progressbar"
        aria-labelledby={`goal-${g().id}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(g().fraction * 100)}
        aria-valuetext={valueText()}
      >
        <span style={{ width: `${Math.round(g().fraction * 100)}%` }} />
      </div>
      <div class="goal-foot">
        <span data-testid="goal-value">{valueText()}</span>
        <span class="goal-meta">
          {t("goals.reward", { xp: formatNumber(g().reward.xp), coins: coinsText(g().reward.coins) })}
        </span>
      </div>
      <div class="goal-actions">
        <Show when={g().status === "reached"}>
          <LoaderButton class="button primary small" onClick={claim}>
            {t("goals.claim")}
          </LoaderButton>
        </Show>
        <button
          type="button"
          class="button secondary small"
          aria-label={t("goals.deleteFor", { name: templateName(g().template) })}
          onClick={() => setConfirming(true)}
        >
          {t("goals.delete")}
        </button>
      </div>
      <Show when={confirming()}>
        <ConfirmDialog
          title={t("goals.delete")}
          confirmLabel={t("goals.delete")}
          danger
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            try {
              await api.call("deleteGoal", { params: { id: g().id } });
              toast(t("goals.deleted"));
              setConfirming(false);
              props.onChanged();
            } catch (error) {
              toast(errorMessage(error), "error");
            }
          }}
        >
          {t("goals.deleteConfirm")}
        </ConfirmDialog>
      </Show>
    </li>
  );
}

/** The Ziele tab: set a goal from a template, see progress toward it, claim it once reached. */
export function GoalsTab() {
  const [goals, { refetch }] = createResource(() => api.call("listGoals"));
  return (
    <div class="goals-page">
      <AsyncView resource={goals} retry={refetch}>
        {(data) => (
          <>
            <section class="card" aria-labelledby="goals-new">
              <h2 id="goals-new">{t("goals.new")}</h2>
              <p class="muted">{t("goals.intro")}</p>
              <GoalForm templates={data().templates} onCreated={() => void refetch()} />
            </section>
            <section class="card" aria-labelledby="goals-title">
              <h2 id="goals-title">{t("goals.title")}</h2>
              <Show when={data().goals.length > 0} fallback={<div class="empty">{t("goals.empty")}</div>}>
                <ul class="goal-list">
                  <For each={data().goals}>
                    {(goal) => <GoalCard goal={goal} onChanged={() => void refetch()} />}
                  </For>
                </ul>
              </Show>
            </section>
          </>
        )}
      </AsyncView>
    </div>
  );
}
