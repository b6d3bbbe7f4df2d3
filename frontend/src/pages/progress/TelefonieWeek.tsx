import { useSearchParams } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { api } from "../../api/client.ts";
import { AsyncView } from "../../components/AsyncView.tsx";
import { Table } from "../../components/Table.tsx";
import { t } from "../../i18n/index.ts";
import { user } from "../../session.ts";
import {
  currentWeek,
  formatRate,
  points,
  StatusPill,
  TrendChart,
  WeekPicker,
} from "../admin/TelefonieParts.tsx";

/** "Meine Telefonie-Woche": the signed-in agent's week as admins entered it, and the last 4 weeks. */
export function TelefonieWeekPage() {
  const [search, setSearch] = useSearchParams<{ woche?: string }>();
  const week = () => (search.woche && /^\d{4}-W\d{2}$/.test(search.woche) ? search.woche : currentWeek());
  const [data, { refetch }] = createResource(
    () => ({ isoWeek: week(), username: user()?.username ?? "" }),
    (params) => api.call("getTelefonieWeek", { params }),
  );
  return (
    <section aria-labelledby="my-telefonie-title">
      <h2 id="my-telefonie-title">{t("telefonie.my.title")}</h2>
      <p class="muted">{t("telefonie.my.intro")}</p>
      <WeekPicker week={week()} onChange={(next) => setSearch({ woche: next })} id="my-telefonie-week" />
      <AsyncView resource={data} retry={refetch}>
        {(value) => (
          <>
            <section class="card participant-card">
              <h3>
                {value().isoWeek} <StatusPill status={value().status} />
              </h3>
              <Show when={value().vacation}>
                <p>{t("telefonie.vacationWeek")}</p>
              </Show>
              <Show when={!value().vacation && value().goal === undefined}>
                <p class="muted">{t("telefonie.my.noGoal")}</p>
              </Show>
              <ul class="figures">
                <li>
                  {t("telefonie.goal")}
                  <strong>{points(value().goal)}</strong>
                </li>
                <li>
                  {t("telefonie.achieved")}
                  <strong>{points(value().achieved)}</strong>
                </li>
                <li>
                  {t("telefonie.remaining")}
                  <strong>{points(value().remaining)}</strong>
                </li>
                <li>
                  {t("telefonie.balance")}
                  <strong>{points(value().balance)}</strong>
                </li>
                <li>
                  {t("telefonie.rate")}
                  <strong>{formatRate(value().rate)}</strong>
                </li>
              </ul>
              <Show
                when={value().entries.length > 0}
                fallback={<p class="muted">{t("telefonie.noEntries")}</p>}
              >
                <Table columns={[t("telefonie.kind"), t("telefonie.points"), t("telefonie.note")]}>
                  <For each={value().entries}>
                    {(entry) => (
                      <tr>
                        <td>{entry.kind}</td>
                        <td>{points(entry.points)}</td>
                        <td class="muted">{entry.note ?? ""}</td>
                      </tr>
                    )}
                  </For>
                </Table>
              </Show>
            </section>
            <h3>{t("telefonie.trend")}</h3>
            <TrendChart trend={value().trend} caption={t("reports.trendChart")} />
          </>
        )}
      </AsyncView>
    </section>
  );
}
