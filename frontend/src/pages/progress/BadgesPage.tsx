import { useSearchParams } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import type { BadgesView } from "../../../../shared/contracts/badges.ts";
import { rarities, rarityRules } from "../../../../shared/domain/gamification/catalogue/badges.ts";
import { api } from "../../api/client.ts";
import { AsyncView } from "../../components/AsyncView.tsx";
import type { MessageKey } from "../../i18n/de.ts";
import { formatDateTime, formatNumber, locale, t } from "../../i18n/index.ts";
import { coinsText } from "../../i18n/plural.ts";
import { user } from "../../session.ts";
import "../../styles/badges.css";

type BadgeView = BadgesView["badges"][number];
type Progress = NonNullable<BadgeView["progress"]>;

function progressText(progress: Progress): string {
  return t(`badges.progress.${progress.unit}` as MessageKey, {
    current: formatNumber(progress.current),
    target: formatNumber(progress.target),
  });
}

/** A bar with its numbers written out: the bar alone says nothing to a screen reader. */
export function ProgressBar(props: { progress: Progress; label: string }) {
  return (
    <div class="badge-progress">
      <progress max={1} value={props.progress.ratio} aria-label={props.label} />
      <span class="small">{progressText(props.progress)}</span>
    </div>
  );
}

/** Rarity colour as the chip's background; black text on every rarity colour reaches at least 4.96:1. */
function RarityChip(props: { rarity: BadgeView["rarity"] }) {
  return (
    <span class="rarity-chip" style={{ "background-color": rarityRules[props.rarity].colour }}>
      {t(`badges.rarity.${props.rarity}`)}
    </span>
  );
}

function BadgeCard(props: { badge: BadgeView }) {
  const name = () => props.badge.name[locale()];
  return (
    <li
      class="badge-card"
      classList={{ earned: props.badge.earned, locked: !props.badge.earned }}
      style={{ "--rarity": props.badge.colour }}
      data-badge={props.badge.id}
    >
      <span class="badge-emoji" aria-hidden="true">
        {props.badge.emoji}
      </span>
      <div class="badge-body">
        <h4>{name()}</h4>
        <p>{props.badge.description[locale()]}</p>
        <Show
          when={props.badge.earned}
          fallback={
            <>
              <p class="badge-state locked-state">
                <span aria-hidden="true">🔒 </span>
                {t("badges.locked")}
              </p>
              <Show when={props.badge.progress}>
                {(progress) => (
                  <ProgressBar progress={progress()} label={t("badges.progressLabel", { name: name() })} />
                )}
              </Show>
              <Show when={props.badge.category === "mvp"}>
                <p class="muted small">{t("badges.mvpHint")}</p>
              </Show>
            </>
          }
        >
          <p class="badge-state earned-state">
            <span aria-hidden="true">✅ </span>
            {t("badges.earnedOn", { date: formatDateTime(props.badge.earnedAt ?? "") })}
            <Show when={props.badge.timesEarned > 1}>
              {" "}
              · {t("badges.times", { count: props.badge.timesEarned })}
            </Show>
          </p>
        </Show>
        <p class="muted small">
          {t("badges.reward", { xp: formatNumber(props.badge.xp), coins: coinsText(props.badge.coins) })}
        </p>
      </div>
    </li>
  );
}

/** The Abzeichen tab: every badge by rarity, earned or locked with progress, and what comes next. */
export function BadgesPage() {
  const [search] = useSearchParams<{ user?: string }>();
  // Admins may look at an agent's badges with ?user=…; everyone else sees their own.
  const username = () => (user()?.role === "admin" && search.user) || user()?.username;
  const [view, { refetch }] = createResource(username, (name) =>
    api.call("getBadges", { params: { username: name } }),
  );
  const byId = (value: BadgesView) => new Map(value.badges.map((badge) => [badge.id, badge]));

  return (
    <section class="badges-page" aria-labelledby="badges-title">
      <h2 id="badges-title">
        {username() === user()?.username ? t("badges.title") : t("badges.of", { user: username() ?? "" })}
      </h2>
      <AsyncView resource={view} retry={refetch}>
        {(value) => (
          <>
            <p class="badges-summary">
              {t("badges.summary", { earned: value().earnedCount, total: value().total })}
            </p>
            <Show when={value().earnedCount === 0}>
              <div class="empty">{t("badges.none")}</div>
            </Show>
            <Show when={value().next.length > 0}>
              <section class="card badges-next" aria-labelledby="badges-next-title">
                <h3 id="badges-next-title">{t("badges.next")}</h3>
                <ul>
                  <For each={value().next}>
                    {(next) => {
                      const badge = () => byId(value()).get(next.badgeId)!;
                      return (
                        <li>
                          <span class="badge-emoji small-emoji" aria-hidden="true">
                            {badge().emoji}
                          </span>
                          <span class="next-name">
                            <strong>{badge().name[locale()]}</strong>
                            <span class="muted small"> · {t(`badges.category.${next.category}`)}</span>
                          </span>
                          <ProgressBar
                            progress={next.progress}
                            label={t("badges.progressLabel", { name: badge().name[locale()] })}
                          />
                        </li>
                      );
                    }}
                  </For>
                </ul>
              </section>
            </Show>
            <For each={[...rarities]}>
              {(rarity) => {
                const badges = () => value().badges.filter((badge) => badge.rarity === rarity);
                return (
                  <section class="rarity-group" aria-labelledby={`rarity-${rarity}`}>
                    <h3 id={`rarity-${rarity}`}>
                      <RarityChip rarity={rarity} />
                      <span class="muted small">
                        {t("badges.rarityCount", {
                          earned: badges().filter((badge) => badge.earned).length,
                          total: badges().length,
                        })}
                      </span>
                    </h3>
                    <ul class="badge-grid">
                      <For each={badges()}>{(badge) => <BadgeCard badge={badge} />}</For>
                    </ul>
                  </section>
                );
              }}
            </For>
          </>
        )}
      </AsyncView>
    </section>
  );
}
