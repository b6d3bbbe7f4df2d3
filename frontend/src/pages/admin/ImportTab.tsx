import { createResource, createSignal, For, Show } from "solid-js";
import type * as z from "zod";
import type { importReportSchema } from "../../../../shared/contracts/imports.ts";
import { api } from "../../api/client.ts";
import { LoaderButton } from "../../components/LoaderButton.tsx";
import { ResourceTable, Table } from "../../components/Table.tsx";
import { errorMessage, Field, FormError } from "../../components/ui.tsx";
import { formatDateTime, t } from "../../i18n/index.ts";

type Report = z.output<typeof importReportSchema>;

const summary = (report: Report) =>
  t("import.result", {
    kind: t(report.kind === "bookings" ? "import.kind.bookings" : "import.kind.dailyTotals"),
    imported: report.imported,
    rows: report.rows,
    rejected: report.rejected.length,
  });

/** Verwaltung → Import: a CSV or JSON history file, the validation report per rejected row, past imports. */
export function ImportTab() {
  let input: HTMLInputElement | undefined;
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [report, setReport] = createSignal<Report>();
  const [past, { refetch }] = createResource(() => api.call("listImports"));
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const file = input?.files?.[0];
    if (!file) {
      setError(t("import.noFile"));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const content = await file.text();
      const format = file.name.toLowerCase().endsWith(".json") ? "json" : "csv";
      setReport(await api.call("createImport", { body: { format, content, fileName: file.name } }));
      void refetch();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="import-tab">
      <p class="muted">{t("import.intro")}</p>
      <form class="inline-form" onSubmit={(event) => void submit(event)}>
        <Field id="import-file" label={t("import.file")}>
          <input id="import-file" type="file" accept=".csv,.json,text/csv,application/json" ref={input} />
        </Field>
        <LoaderButton type="submit" busy={busy()}>
          {t("import.submit")}
        </LoaderButton>
      </form>
      <FormError message={error()} />
      <Show when={report()}>
        {(value) => (
          <section class="card import-report" aria-live="polite">
            <p>
              <strong>{summary(value())}</strong>
            </p>
            <Show when={value().rejected.length > 0}>
              {/* Each reason names its field ("completed: keine ganze Zahl ≥ 0"). */}
              <Table columns={[t("import.col.row"), t("import.col.reason")]}>
                <For each={value().rejected}>
                  {(rejection) => (
                    <tr>
                      <td>{rejection.row}</td>
                      <td>{rejection.reason}</td>
                    </tr>
                  )}
                </For>
              </Table>
            </Show>
          </section>
        )}
      </Show>
      <h3>{t("import.past")}</h3>
      <ResourceTable
        resource={past}
        retry={refetch}
        rows={(value) => value.imports}
        columns={[t("import.col.at"), t("import.col.file"), t("import.col.result")]}
        empty={t("import.none")}
      >
        {(entry) => (
          <tr>
            <td>{formatDateTime(entry.at)}</td>
            <td>{entry.fileName ?? "–"}</td>
            <td>{summary(entry)}</td>
          </tr>
        )}
      </ResourceTable>
    </section>
  );
}
