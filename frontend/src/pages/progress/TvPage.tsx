import { createResource, createSignal, For, onCleanup, onMount, Show } from "solid-js";
import { api } from "../../api/client.ts";
import { AsyncView } from "../../components/AsyncView.tsx";
import { formatTime, t } from "../../i18n/index.ts";
import { scoreText } from "./board.ts";
import "./progress.css";

const refreshMs = 30_000;

/**
 * TV mode for the office screen: the month's points board in large type over
 * the whole viewport, refreshed every 30 seconds; names and scores only.
 */
export function TvPage() {
  const [updatedAt, setUpdatedAt] = createSignal(new Date().toISOString());
  const [board, { refetch }] = createResource(() =>
    api.call("getLeaderboard", { query: { category: "points", period: "month" } }).then((value) => {
      setUpdatedAt(new Date().toISOString());
      return value;
    }),
  );
  onMount(() => {
    const timer = setInterval(() => void refetch(), refreshMs);
    onCleanup(() => clearInterval(timer));
  });
  return (
    <div class="tv-mode" data-testid="tv">
      <header class="tv-header">
        <h1>
          🏆 {t("tv.heading")} · {t("leaderboard.period.month")}
        </h1>
        <p class="tv-updated">{t("tv.updated", { time: formatTime(updatedAt()) })}</p>
      </header>
      <AsyncView resource={board} retry={refetch}>
        {(value) => (
          <Show when={value().entries.length > 0} fallback={<p class="tv-empty">{t("leaderboard.empty")}</p>}>
            <ol class="tv-list">
              <For each={value().entries.slice(0, 10)}>
                {(entry) => (
                  <li class={`tv-row place-${entry.rank}`}>
                    <span class="tv-rank">{["🥇", "🥈", "🥉"][entry.rank - 1] ?? entry.rank}</span>
                    <span class="tv-name">{entry.displayName}</span>
                    <span class="tv-score">{scoreText("points", entry.score)}</span>
                  </li>
                )}
              </For>
            </ol>
          </Show>
        )}
      </AsyncView>
    </div>
  );
}
