import { useSearchParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import type { MasteryView, PrestigeView } from "../../../../shared/contracts/badges.ts";
import { api } from "../../api/client.ts";
import { AsyncView } from "../../components/AsyncView.tsx";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { LoaderButton } from "../../components/LoaderButton.tsx";
import { toast } from "../../components/toast.tsx";
import { errorMessage } from "../../components/ui.tsx";
import type { MessageKey } from "../../i18n/de.ts";
import { formatNumber, t } from "../../i18n/index.ts";
import { coinsText, tCountFormatted } from "../../i18n/plural.ts";
import { user } from "../../session.ts";
import "../../styles/badges.css";

const tierName = (tier: number) => t(`prestige.tier.${tier}` as MessageKey);

function PrestigeCard(props: { view: PrestigeView; own: boolean; onPrestige: () => Promise<void> }) {
  const [confirming, setConfirming] = createSignal(false);
  const next = () => props.view.next;
  return (
    <section class="card prestige-card" aria-labelledby="prestige-title">
      <h3 id="prestige-title">{t("prestige.title")}</h3>
      <div class="prestige-current">
        <span class="prestige-insignia" aria-hidden="true">
          {props.view.tiers.find((tier) => tier.tier === props.view.tier)?.emoji ?? "·"}
        </span>
        <div>
          <p class="muted small">{t("prestige.current")}</p>
          <p class="prestige-name">{props.view.tier > 0 ? tierName(props.view.tier) : t("prestige.none")}</p>
          <p>
            {t("prestige.level", { level: props.view.level })} ·{" "}
            {t("prestige.xp", { xp: formatNumber(props.view.xp) })} ·{" "}
            {tCountFormatted("prestige.points", props.view.prestigePoints)}
          </p>
          <p>{t("prestige.bonus", { percent: Math.round((props.view.xpMultiplier - 1) * 100) })}</p>
        </div>
      </div>
      <Show when={next()} fallback={<p class="notice">{t("prestige.maxed")}</p>}>
        {(upcoming) => (
          <>
            <p>{t("prestige.next", { name: tierName(upcoming().tier), level: upcoming().level })}</p>
            <p class="muted">
              {props.view.eligible
                ? t("prestige.ready")
                : t("prestige.notYet", {
                    levels: Math.max(upcoming().level - props.view.level, 0),
                    name: tierName(upcoming().tier),
                  })}
            </p>
            <Show when={props.own}>
              <button
                type="button"
                class="button primary"
                disabled={!props.view.eligible}
                onClick={() => setConfirming(true)}
              >
                {t("prestige.now")}
              </button>
            </Show>
            <Show when={confirming()}>
              <ConfirmDialog
                title={t("prestige.confirmTitle")}
                confirmLabel={t("prestige.now")}
                onClose={() => setConfirming(false)}
                onConfirm={async () => {
                  await props.onPrestige();
                  setConfirming(false);
                }}
              >
                {t("prestige.confirmText", { level: props.view.level, name: tierName(upcoming().tier) })}
              </ConfirmDialog>
            </Show>
          </>
        )}
      </Show>
      <h4>{t("prestige.tiers")}</h4>
      <ol class="prestige-tiers">
        <For each={props.view.tiers}>
          {(tier) => (
            <li classList={{ reached: tier.reached }}>
              <span aria-hidden="true">{tier.emoji}</span> {tierName(tier.tier)}{" "}
              <span class="muted small">{t("prestige.tierAt", { level: tier.level })}</span>
              <Show when={tier.reached}>
                <span class="badge ok">{t("prestige.reached")}</span>
              </Show>
            </li>
          )}
        </For>
      </ol>
    </section>
  );
}

type Track = MasteryView["tracks"][number];

function MasteryTrackCard(props: { track: Track; own: boolean; onClaim: (track: Track) => Promise<void> }) {
  const name = () => t(`mastery.track.${props.track.track}` as MessageKey);
  const nextReward = () => props.track.rewards.find((reward) => reward.level === props.track.claimable);
  const target = () => props.track.nextThreshold ?? props.track.thresholds.at(-1) ?? 1;
  return (
    <li class="card mastery-track" data-track={props.track.track}>
      <h4>
        <span aria-hidden="true">{props.track.emoji} </span>
        {name()}
      </h4>
      <p>{tCountFormatted(`mastery.value.${props.track.track}`, props.track.value)}</p>
      <ol class="mastery-levels" aria-label={t("mastery.level", { level: props.track.claimedLevel })}>
        <For each={props.track.thresholds}>
          {(threshold, index) => (
            <li
              classList={{
                claimed: index() < props.track.claimedLevel,
                reached: index() < props.track.reachedLevel,
              }}
            >
              {formatNumber(threshold)}
            </li>
          )}
        </For>
      </ol>
      <Show
        when={props.track.nextThreshold !== undefined}
        fallback={<p class="muted">{t("mastery.complete")}</p>}
      >
        <div class="badge-progress">
          <progress max={target()} value={Math.min(props.track.value, target())} aria-label={name()} />
          <span class="small">{t("mastery.nextAt", { threshold: formatNumber(target()) })}</span>
        </div>
      </Show>
      <Show when={props.own && nextReward()}>
        {(reward) => (
          <LoaderButton class="button primary small" onClick={() => props.onClaim(props.track)}>
            {t("mastery.claim", { level: reward().level, xp: reward().xp })}
          </LoaderButton>
        )}
      </Show>
    </li>
  );
}

/** The Prestige & Meisterschaft tab: tier, bonus and "prestige now" (after a confirmation); the 5 mastery tracks. */
export function PrestigePage() {
  const [search] = useSearchParams<{ user?: string }>();
  const username = () => (user()?.role === "admin" && search.user) || user()?.username;
  const own = () => username() === user()?.username;
  const [prestige, prestigeControls] = createResource(username, (name) =>
    api.call("getPrestige", { params: { username: name } }),
  );
  const [mastery, masteryControls] = createResource(username, (name) =>
    api.call("getMastery", { params: { username: name } }),
  );

  async function prestigeNow() {
    try {
      const view = await api.call("prestigeNow");
      prestigeControls.mutate(view);
      toast(t("prestige.done", { name: tierName(view.tier) }));
      void masteryControls.refetch();
    } catch (error) {
      toast(errorMessage(error), "error");
      void prestigeControls.refetch();
    }
  }

  async function claim(track: Track) {
    try {
      const result = await api.call("claimMastery", { params: { track: track.track } });
      masteryControls.mutate(result);
      toast(
        t("mastery.claimed", {
          track: t(`mastery.track.${track.track}` as MessageKey),
          level: result.claimed.level,
          xp: formatNumber(result.claimed.xp),
          coins: coinsText(result.claimed.coins),
        }),
      );
      void prestigeControls.refetch();
    } catch (error) {
      toast(errorMessage(error), "error");
      void masteryControls.refetch();
    }
  }

  return (
    <section class="prestige-page" aria-labelledby="prestige-page-title">
      <h2 id="prestige-page-title">{t("progress.tab.prestige")}</h2>
      <AsyncView resource={prestige} retry={prestigeControls.refetch}>
        {(view) => <PrestigeCard view={view()} own={own()} onPrestige={prestigeNow} />}
      </AsyncView>
      <section class="mastery" aria-labelledby="mastery-title">
        <h3 id="mastery-title">{t("mastery.title")}</h3>
        <p class="muted">{t("mastery.intro")}</p>
        <AsyncView resource={mastery} retry={masteryControls.refetch}>
          {(view) => (
            <ul class="mastery-tracks">
              <For each={view().tracks}>
                {(track) => <MasteryTrackCard track={track} own={own()} onClaim={claim} />}
              </For>
            </ul>
          )}
        </AsyncView>
      </section>
    </section>
  );
}
