import { createResource, For, onCleanup, onMount, Show } from "solid-js";
import { api } from "../../api/client.ts";
import { AsyncView } from "../../components/AsyncView.tsx";
import { toast } from "../../components/toast.tsx";
import { formatNumber, t } from "../../i18n/index.ts";
import { tCountFormatted } from "../../i18n/plural.ts";
import { user } from "../../session.ts";

type Progress = Awaited<ReturnType<typeof loadProgress>>;

function loadProgress(username: string) {
  return api.call("getProgress", { params: { username } });
}

/** Übersicht: level bar (coloured by progress), points with the provisional part marked, streaks, coins. */
export function OverviewTab() {
  const [progress, { refetch }] = createResource(() => user()?.username, loadProgress);
  // Points move with every booking and outcome: refresh while the page is open.
  onMount(() => {
    const timer = setInterval(() => void refetch(), 15_000);
    onCleanup(() => clearInterval(timer));
  });
  // A level-up is shown once: toast, then acknowledged.
  let announced = false;
  const announce = (value: Progress) => {
    if (announced || value.levelUps.length === 0) return;
    announced = true;
    const top = Math.max(...value.levelUps.map((levelUp) => levelUp.level));
    toast(t("progress.levelUp", { level: top }), "success");
    void api
      .call("acknowledgeLevelUps", { params: { username: value.username } })
      .catch(() => (announced = false));
  };
  return (
    <AsyncView resource={progress} retry={refetch}>
      {(value) => {
        announce(value());
        return (
          <div class="progress-overview">
            <section class="card level-card" aria-labelledby="level-heading">
              <h2 id="level-heading">
                {/* From level 11 the title names the level itself ("Level 12 Meister"). */}
                {value().title.startsWith(t("progress.level", { level: value().level }))
                  ? value().title
                  : `${t("progress.level", { level: value().level })} · ${value().title}`}
                <Show when={value().prestige.tier > 0}>
                  <span class="prestige-badge">
                    {t("progress.prestige", { tier: value().prestige.tier })}
                  </span>
                </Show>
              </h2>
              <div
                class={`level-bar level-${value().progress.colour}`}
                role="progressbar"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={value().progress.percent}
                aria-label={t("progress.levelBar", {
                  next: value().nextLevel.level,
                  percent: formatNumber(value().progress.percent),
                })}
                data-colour={value().progress.colour}
              >
                <div class="level-fill" style={{ width: `${value().progress.percent}%` }} />
              </div>
              <p class="muted">
                {t("progress.xpToNext", {
                  xp: formatNumber(value().xp),
                  remaining: formatNumber(value().nextLevel.remaining),
                  next: value().nextLevel.level,
                })}
              </p>
              <Show when={value().season}>
                {(season) => (
                  <p class="season-note">
                    {t("progress.season", {
                      name: season().name,
                      xp: formatNumber(season().xpMultiplier),
                      coins: formatNumber(season().coinMultiplier),
                    })}
                  </p>
                )}
              </Show>
            </section>

            <section class="card" aria-labelledby="points-heading">
              <h2 id="points-heading">{t("progress.points")}</h2>
              <p class="big-number" data-testid="points-total">
                {formatNumber(value().points.total)}
              </p>
              <p>
                <span class="points-confirmed" data-testid="points-confirmed">
                  {formatNumber(value().points.confirmed)} {t("progress.pointsConfirmed")}
                </span>
                {" · "}
                <span class="points-provisional provisional" data-testid="points-provisional">
                  {formatNumber(value().points.provisional)} {t("progress.pointsProvisional")}
                </span>
              </p>
              <p class="muted small">{t("progress.provisionalHint")}</p>
              <Show when={value().points.total === 0}>
                <p class="empty">{t("progress.empty")}</p>
              </Show>
              <dl class="period-list">
                <dt>{t("progress.today")}</dt>
                <dd>
                  {tCountFormatted(
                    "plural.points",
                    value().today.pointsConfirmed + value().today.pointsProvisional,
                  )}{" "}
                  · {tCountFormatted("plural.bookings", value().today.bookings)}
                </dd>
                <dt>{t("progress.thisMonth")}</dt>
                <dd>
                  {tCountFormatted(
                    "plural.points",
                    value().month.pointsConfirmed + value().month.pointsProvisional,
                  )}{" "}
                  · {tCountFormatted("plural.bookings", value().month.bookings)}
                </dd>
              </dl>
            </section>

            <section class="card" aria-labelledby="streaks-heading">
              <h2 id="streaks-heading">{t("progress.streaks")}</h2>
              <dl class="stat-grid">
                <For
                  each={
                    [
                      ["progress.streak.work", value().streaks.work],
                      ["progress.streak.booking", value().streaks.booking],
                      ["progress.streak.points", value().streaks.points],
                      ["progress.streak.best", value().streaks.best],
                    ] as const
                  }
                >
                  {([label, days]) => (
                    <div>
                      <dt>{t(label)}</dt>
                      <dd>{tCountFormatted("plural.days", days)}</dd>
                    </div>
                  )}
                </For>
              </dl>
            </section>

            <section class="card" aria-labelledby="coins-heading">
              <h2 id="coins-heading">{t("progress.coins")}</h2>
              <p class="big-number" data-testid="coins">
                🪙 {formatNumber(value().coins)}
              </p>
              <h3>{t("progress.inventory")}</h3>
              <dl class="stat-grid">
                <div>
                  <dt>{t("progress.bonusSpins")}</dt>
                  <dd>{value().inventory.bonusSpins}</dd>
                </div>
                <div>
                  <dt>{t("progress.streakShields")}</dt>
                  <dd>{value().inventory.streakShields}</dd>
                </div>
                <div>
                  <dt>{t("progress.badgeTokens")}</dt>
                  <dd>{value().inventory.badgeTokens}</dd>
                </div>
              </dl>
            </section>
          </div>
        );
      }}
    </AsyncView>
  );
}
