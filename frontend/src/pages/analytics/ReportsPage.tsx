import { createResource, createSignal, For, Show } from "solid-js";
import type { Report } from "../../../../shared/contracts/reports.ts";
import { reportPeriodSchema } from "../../../../shared/domain/reports/report.ts";
import { shiftWeek } from "../../../../shared/domain/telefonie/week.ts";
import { api } from "../../api/client.ts";
import { AsyncView } from "../../components/AsyncView.tsx";
import { createSubmit } from "../../components/form.ts";
import { LoaderButton } from "../../components/LoaderButton.tsx";
import { ResourceTable, Table } from "../../components/Table.tsx";
import { toast } from "../../components/toast.tsx";
import { Field, FormError } from "../../components/ui.tsx";
import { today } from "../../dates.ts";
import { formatDateTime, formatDay, formatNumber, issueText, t } from "../../i18n/index.ts";
import { currentWeek, formatRate, points, StatusPill, TrendChart } from "../admin/TelefonieParts.tsx";

function Summary(props: { report: Report }) {
  const bookings = () => props.report.summary.bookings;
  return (
    <div class="report-grid">
      <section class="card" aria-labelledby="report-summary">
        <h2 id="report-summary">{t("reports.summary")}</h2>
        <p>
          <StatusPill status={props.report.summary.status} />{" "}
          {t("reports.teamRate", {
            achieved: formatNumber(props.report.summary.achieved),
            goal: formatNumber(props.report.summary.goal),
            rate: formatRate(props.report.summary.rate),
          })}
        </p>
        <h3>{t("reports.bookings")}</h3>
        <p>
          {t("reports.bookingsLine", {
            total: bookings().total,
            shown: bookings().shown,
            noShow: bookings().noShow,
            showRate: formatRate(bookings().showRate),
          })}
        </p>
      </section>
      <section class="card" aria-labelledby="report-distribution">
        <h2 id="report-distribution">{t("reports.distribution")}</h2>
        <ul class="distribution">
          <li class="status-green">
            <strong>{props.report.distribution.top}</strong>
            {t("reports.top")}
          </li>
          <li class="status-yellow">
            <strong>{props.report.distribution.solid}</strong>
            {t("reports.solid")}
          </li>
          <li class="status-red">
            <strong>{props.report.distribution.below}</strong>
            {t("reports.below")}
          </li>
          <li class="status-none">
            <strong>{props.report.distribution.none}</strong>
            {t("reports.none")}
          </li>
        </ul>
      </section>
    </div>
  );
}

function StoredReports(props: { period: string }) {
  const [files, { refetch }] = createResource(() => api.call("listReportFiles"));
  const submit = createSubmit({});
  return (
    <section aria-labelledby="report-files">
      <h2 id="report-files">{t("reports.files")}</h2>
      <p class="muted">{t("reports.filesIntro")}</p>
      <div class="toolbar">
        <LoaderButton
          busy={submit.busy()}
          onClick={() =>
            submit.run(async () => {
              await api.call("createReportFile", { body: { period: props.period } });
              toast(t("reports.generated"));
              await refetch();
            })
          }
        >
          {t("reports.generate")}
        </LoaderButton>
      </div>
      <FormError message={submit.failure()} />
      <ResourceTable
        resource={files}
        retry={refetch}
        rows={(value) => value.reports}
        empty={t("reports.noFiles")}
        columns={[t("reports.period"), t("reports.generatedAt"), t("reports.origin"), t("reports.size"), ""]}
      >
        {(file) => (
          <tr data-report={file.key}>
            <th scope="row">{file.period}</th>
            <td>{formatDateTime(file.generatedAt)}</td>
            <td>{t(file.scheduled ? "reports.origin.scheduled" : "reports.origin.manual")}</td>
            <td>{formatNumber(Math.round(file.size / 1024))} KB</td>
            <td>
              <a class="button secondary small" href={file.url} download={`report-${file.period}.pdf`}>
                {t("reports.download")}
              </a>
            </td>
          </tr>
        )}
      </ResourceTable>
    </section>
  );
}

/** Auswertung → Berichte (admins): the executive report of a week or month, and the stored PDFs. */
export function ReportsPage() {
  const [kind, setKind] = createSignal<"week" | "month">("week");
  const [period, setPeriod] = createSignal(shiftWeek(currentWeek(), -1));
  const [input, setInput] = createSignal(period());
  const [error, setError] = createSignal<string>();
  const [report, { refetch }] = createResource(period, (value) =>
    api.call("getReport", { query: { period: value } }),
  );
  const show = (event: SubmitEvent) => {
    event.preventDefault();
    const checked = reportPeriodSchema.safeParse(input());
    if (!checked.success) {
      setError(issueText(checked.error.issues[0]!));
      return;
    }
    setError(undefined);
    setPeriod(checked.data);
  };
  return (
    <section aria-labelledby="reports-title">
      <h2 id="reports-title">{t("reports.title")}</h2>
      <p class="muted">{t("reports.intro")}</p>
      <form class="filters card" onSubmit={show} noValidate>
        <Field id="report-kind" label={t("reports.kind")}>
          <select
            id="report-kind"
            value={kind()}
            onChange={(event) => {
              const next = event.currentTarget.value === "month" ? "month" : "week";
              setKind(next);
              setInput(next === "month" ? today().slice(0, 7) : shiftWeek(currentWeek(), -1));
            }}
          >
            <option value="week">{t("reports.kind.week")}</option>
            <option value="month">{t("reports.kind.month")}</option>
          </select>
        </Field>
        <Field id="report-period" label={t("reports.period")} error={error()}>
          <input
            id="report-period"
            type={kind() === "month" ? "month" : "week"}
            value={input()}
            aria-invalid={Boolean(error())}
            aria-describedby={error() ? "report-period-error" : undefined}
            onInput={(event) => setInput(event.currentTarget.value)}
          />
        </Field>
        <button type="submit" class="button secondary">
          {t("reports.show")}
        </button>
      </form>
      <AsyncView resource={report} retry={refetch}>
        {(value) => (
          <>
            <p class="muted">
              {value().period}: {formatDay(value().from)} – {formatDay(value().to)}
            </p>
            <Summary report={value()} />
            <h2>{t("reports.team")}</h2>
            <Show when={value().team.length > 0} fallback={<div class="empty">{t("reports.noData")}</div>}>
              <Table
                columns={[
                  t("telefonie.participant"),
                  t("telefonie.goal"),
                  t("telefonie.achieved"),
                  t("telefonie.rate"),
                  t("telefonie.status"),
                  t("reports.vacationWeeks"),
                ]}
              >
                <For each={value().team}>
                  {(row) => (
                    <tr data-report-row={row.username}>
                      <th scope="row">{row.displayName}</th>
                      <td>{row.goal > 0 ? points(row.goal) : "–"}</td>
                      <td>{points(row.achieved)}</td>
                      <td>{formatRate(row.rate)}</td>
                      <td>
                        <StatusPill status={row.status} />
                      </td>
                      <td>{row.vacationWeeks}</td>
                    </tr>
                  )}
                </For>
              </Table>
            </Show>
            <h2>{t("reports.trend")}</h2>
            <TrendChart
              trend={value().trend}
              caption={t("reports.trendChart")}
              bookings={value().trend.map((point) => point.bookings)}
            />
          </>
        )}
      </AsyncView>
      <StoredReports period={period()} />
    </section>
  );
}
