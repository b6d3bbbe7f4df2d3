import { createResource, createSignal, For, Show } from "solid-js";
import { api } from "../../api/client.ts";
import { AsyncView } from "../../components/AsyncView.tsx";
import { t } from "../../i18n/index.ts";
import { leaderboardPollMs } from "../../live/intervals.ts";
import { createLivePoll } from "../../live/poll.ts";
import { user } from "../../session.ts";
import { boardPeriods, categories, rankChangeText, scoreText } from "./board.ts";

/** Rangliste: category and period pickers, podium, the full list with rank change; provisional points marked. */
export function LeaderboardTab() {
  const [category, setCategory] = createSignal<(typeof categories)[number]>("points");
  const [period, setPeriod] = createSignal<(typeof boardPeriods)[number]>("month");
  /** The ETag of the board on screen: a check that finds it unchanged costs a 304. */
  let etag: string | undefined;
  const [board, { refetch, mutate }] = createResource(
    () => ({ category: category(), period: period() }),
    async (query) => {
      const answer = await api.callIfChanged("getLeaderboard", { query }, undefined);
      if (!answer) throw new Error("unexpected 304");
      etag = answer.etag;
      return answer.result;
    },
  );
  // Live while the tab is visible: points others earn move the ranks without a reload.
  createLivePoll({
    intervalMs: leaderboardPollMs,
    check: async () => {
      const query = { category: category(), period: period() };
      if (board.loading || !etag) return undefined;
      const answer = await api.callIfChanged("getLeaderboard", { query }, etag);
      // The agent picked another board meanwhile: its own load answers for it.
      if (!answer || query.category !== category() || query.period !== period()) return undefined;
      etag = answer.etag;
      return answer;
    },
    onChange: (value) => mutate(() => value),
  });
  return (
    <div class="leaderboard">
      <div class="board-pickers">
        <label>
          {t("leaderboard.category")}
          <select
            value={category()}
            onChange={(event) => setCategory(event.currentTarget.value as (typeof categories)[number])}
          >
            <For each={categories}>
              {(name) => <option value={name}>{t(`leaderboard.category.${name}`)}</option>}
            </For>
          </select>
        </label>
        <label>
          {t("leaderboard.period")}
          <select
            value={period()}
            onChange={(event) => setPeriod(event.currentTarget.value as (typeof boardPeriods)[number])}
          >
            <For each={boardPeriods}>
              {(name) => <option value={name}>{t(`leaderboard.period.${name}`)}</option>}
            </For>
          </select>
        </label>
      </div>
      <AsyncView resource={board} retry={refetch}>
        {(value) => (
          <>
            <Show when={value().champion}>
              {(champion) => (
                <p class="champion">
                  🏆{" "}
                  {t("leaderboard.champion", {
                    month: champion().month,
                    name: champion().displayName,
                    score: scoreText("points", champion().score),
                  })}
                </p>
              )}
            </Show>
            <Show
              when={value().entries.length > 0}
              fallback={<div class="empty">{t("leaderboard.empty")}</div>}
            >
              <ol class="podium" aria-label={t("leaderboard.podium")}>
                <For each={value().podium}>
                  {(entry) => (
                    <li class={`podium-place place-${entry.rank}`}>
                      <span class="podium-medal" aria-hidden="true">
                        {["🥇", "🥈", "🥉"][entry.rank - 1]}
                      </span>
                      <span class="podium-name">{entry.displayName}</span>
                      <span class="podium-score">{scoreText(value().category, entry.score)}</span>
                    </li>
                  )}
                </For>
              </ol>
              <table class="table board-table">
                <thead>
                  <tr>
                    <th scope="col">{t("leaderboard.rank")}</th>
                    <th scope="col">{t("leaderboard.name")}</th>
                    <th scope="col">{t("leaderboard.level")}</th>
                    <th scope="col" class="num">
                      {t("leaderboard.score")}
                    </th>
                    <th scope="col">{t("leaderboard.change")}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={value().entries}>
                    {(entry) => (
                      <tr classList={{ mine: entry.username === user()?.username }}>
                        <td>{entry.rank}</td>
                        <td>
                          {entry.displayName}
                          <Show when={entry.username === user()?.username}>
                            <span class="you"> ({t("leaderboard.you")})</span>
                          </Show>
                        </td>
                        <td>
                          {entry.level} · {entry.title}
                        </td>
                        <td class="num">
                          {scoreText(value().category, entry.score)}
                          <Show when={(entry.provisional ?? 0) > 0}>
                            <small class="provisional">
                              {" "}
                              ({t("leaderboard.provisional", { count: entry.provisional ?? 0 })})
                            </small>
                          </Show>
                        </td>
                        <td
                          class={`rank-change ${(entry.rankChange ?? 0) > 0 ? "up" : (entry.rankChange ?? 0) < 0 ? "down" : ""}`}
                        >
                          {rankChangeText(entry.rankChange)}
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
          </>
        )}
      </AsyncView>
    </div>
  );
}
