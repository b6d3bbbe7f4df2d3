import { createResource, For, Show } from "solid-js";
import type { QuestView } from "../../../../shared/contracts/quests.ts";
import { api } from "../../api/client.ts";
import { AsyncView } from "../../components/AsyncView.tsx";
import { LoaderButton } from "../../components/LoaderButton.tsx";
import { toast } from "../../components/toast.tsx";
import { errorMessage } from "../../components/ui.tsx";
import { formatDay, formatNumber, t } from "../../i18n/index.ts";
import { coinsText } from "../../i18n/plural.ts";
import { Wheel } from "./Wheel.tsx";
import "./quests.css";

function QuestCard(props: { quest: QuestView; date: string; onClaimed: () => void }) {
  const q = () => props.quest;
  const percent = () => Math.round((q().value / Math.max(q().target, 1)) * 100);
  async function claim() {
    try {
      const result = await api.call("claimQuest", {
        params: { questId: q().id },
        query: { date: props.date },
      });
      toast(
        t("quests.claimedToast", {
          name: q().name,
          coins: coinsText(result.reward.coins),
          xp: formatNumber(result.reward.xp),
        }),
      );
      props.onClaimed();
    } catch (error) {
      toast(errorMessage(error), "error");
    }
  }
  return (
    <li class="quest" classList={{ complete: q().complete, claimed: q().claimed }} data-quest={q().id}>
      <div class="quest-head">
        <span class="quest-emoji" aria-hidden="true">
          {q().emoji}
        </span>
        <div>
          <h3 id={`quest-${q().id}`}>{q().name}</h3>
          <p class="muted">{q().description}</p>
        </div>
      </div>
      <div
        class="quest-bar"
        role="progressbar"
        aria-labelledby={`quest-${q().id}`}
        aria-valuemin={0}
        aria-valuemax={q().target}
        aria-valuenow={q().value}
        aria-valuetext={t("quests.progress", { value: q().value, target: q().target })}
      >
        <span style={{ width: `${percent()}%` }} />
      </div>
      <div class="quest-foot">
        <span class="quest-count" data-testid="quest-progress">
          {t("quests.progress", { value: q().value, target: q().target })}
        </span>
        <span class="quest-reward">
          {t("quests.reward", { coins: coinsText(q().reward.coins), xp: formatNumber(q().reward.xp) })}
          <Show when={q().reward.bonusSpins > 0}> · {t("quests.rewardSpin")}</Show>
        </span>
        <Show when={!q().claimed} fallback={<span class="badge quest-done">✓ {t("quests.claimed")}</span>}>
          <LoaderButton class="button primary small" disabled={!q().complete} onClick={claim}>
            {/* The name starts with the visible text (an aria-label that hid it failed label-content-name-mismatch). */}
            {q().complete ? t("quests.claim") : t("quests.open")}
            <span class="sr-only">{`: ${q().name}`}</span>
          </LoaderButton>
        </Show>
      </div>
    </li>
  );
}

/** The Quests tab: today's four quests with progress and claim, yesterday's leftovers, and the Glücksrad. */
export function QuestsTab() {
  const [quests, { refetch }] = createResource(() => api.call("getQuests"));
  return (
    <div class="quests-page">
      <section class="card" aria-labelledby="quests-title">
        <div class="quests-title-row">
          <h2 id="quests-title">{t("quests.title")}</h2>
          <Show when={quests.latest}>
            {(day) => (
              <span class="badge multiplier" data-testid="quest-multiplier">
                {t("quests.multiplier", { value: formatNumber(day().multiplier) })}
              </span>
            )}
          </Show>
        </div>
        <p class="muted">{t("quests.intro")}</p>
        <AsyncView
          resource={quests}
          retry={refetch}
          empty={t("quests.empty")}
          isEmpty={(day) => day.quests.length === 0}
        >
          {(day) => (
            <>
              <ul class="quest-list">
                <For each={day().quests}>
                  {(quest) => <QuestCard quest={quest} date={day().date} onClaimed={() => void refetch()} />}
                </For>
              </ul>
              <Show when={day().yesterday}>
                {(yesterday) => (
                  <>
                    <h3>
                      {t("quests.yesterday")} ({formatDay(yesterday().date)})
                    </h3>
                    <ul class="quest-list">
                      <For each={yesterday().quests}>
                        {(quest) => (
                          <QuestCard quest={quest} date={yesterday().date} onClaimed={() => void refetch()} />
                        )}
                      </For>
                    </ul>
                  </>
                )}
              </Show>
            </>
          )}
        </AsyncView>
      </section>
      <Wheel onSpun={() => void refetch()} />
    </div>
  );
}
