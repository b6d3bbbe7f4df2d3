import { createEffect, createResource, createSignal, For, type JSX, onCleanup, Show } from "solid-js";
import type * as z from "zod";
import {
  type ExportSchedule,
  type ExportView,
  exportFrequencies,
  exportRequestSchema,
  exportScheduleInputSchema,
} from "../../../../shared/contracts/exports.ts";
import { outcomeSchema, potentialClassSchema } from "../../../../shared/domain/booking/outcomes.ts";
import { exportDatasets, exportFormats } from "../../../../shared/domain/exports/datasets.ts";
import { api } from "../../api/client.ts";
import { AsyncView } from "../../components/AsyncView.tsx";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { createSubmit, type FieldErrors, issuesByField } from "../../components/form.ts";
import { LoaderButton } from "../../components/LoaderButton.tsx";
import { Table } from "../../components/Table.tsx";
import { TextField } from "../../components/TextField.tsx";
import { toast } from "../../components/toast.tsx";
import { Field, FormError } from "../../components/ui.tsx";
import { addDays, today } from "../../dates.ts";
import { formatDateTime, formatDay, formatNumber, t, tMaybe } from "../../i18n/index.ts";

/** How often a running export is asked for its progress. */
const pollMs = 1000;

type Dataset = (typeof exportDatasets)[number];
type Format = (typeof exportFormats)[number];

function Select<T extends string>(props: {
  id: string;
  label: string;
  value: T | "";
  options: readonly (T | "")[];
  text: (value: T | "") => string;
  onValue: (value: T | "") => void;
  error?: string | undefined;
  disabled?: (value: T | "") => boolean;
}) {
  return (
    <Field id={props.id} label={props.label} error={props.error}>
      <select
        id={props.id}
        value={props.value}
        aria-invalid={Boolean(props.error)}
        onChange={(event) => props.onValue(event.currentTarget.value as T | "")}
      >
        <For each={props.options}>
          {(option) => (
            <option value={option} disabled={props.disabled?.(option) ?? false}>
              {props.text(option)}
            </option>
          )}
        </For>
      </select>
    </Field>
  );
}

const statusText = (status: ExportView["status"]) => t(`exports.status.${status}`);
const datasetText = (dataset: Dataset | "") => (dataset ? t(`exports.dataset.${dataset}`) : "");
const formatText = (format: Format | "") => (format ? t(`exports.format.${format}`) : "");

/** What an export and a schedule both choose: the dataset and its format (PDF only for bookings). */
function createDatasetAndFormat() {
  const [dataset, setDataset] = createSignal<Dataset>("bookings");
  const [format, setFormat] = createSignal<Format>("csv");
  return {
    dataset,
    format,
    setFormat,
    setDataset(value: Dataset) {
      setDataset(value);
      if (value !== "bookings" && format() === "pdf") setFormat("csv");
    },
  };
}

type DatasetAndFormat = ReturnType<typeof createDatasetAndFormat>;

/** The dataset and format choices of both forms, in one row with the form's own fields after them. */
function DatasetAndFormatFields(props: {
  idPrefix: string;
  choice: DatasetAndFormat;
  errors: FieldErrors;
  children: JSX.Element;
}) {
  return (
    <div class="row">
      <Select
        id={`${props.idPrefix}-dataset`}
        label={t("exports.dataset")}
        value={props.choice.dataset()}
        options={exportDatasets}
        text={datasetText}
        onValue={(value) => value && props.choice.setDataset(value)}
        error={props.errors.dataset}
      />
      <Select
        id={`${props.idPrefix}-format`}
        label={t("exports.format")}
        value={props.choice.format()}
        options={exportFormats}
        text={formatText}
        disabled={(value) => value === "pdf" && props.choice.dataset() !== "bookings"}
        onValue={(value) => value && props.choice.setFormat(value)}
        error={props.errors.format}
      />
      {props.children}
    </div>
  );
}

/** One export's state while it runs, and its link when done. */
function ExportProgress(props: { item: ExportView }) {
  return (
    <div class="export-progress" role="status" aria-live="polite" data-status={props.item.status}>
      <Show when={props.item.status === "queued" || props.item.status === "running"}>
        <progress max={100} value={props.item.progress} aria-label={t("exports.col.status")} />
        <span class="muted small">
          {statusText(props.item.status)} ·{" "}
          {t("exports.progress", { progress: props.item.progress, rows: formatNumber(props.item.rows) })}
        </span>
      </Show>
      <Show when={props.item.status === "done"}>
        <div class="notice success">
          <span>{t("exports.done", { rows: formatNumber(props.item.rows) })}</span>{" "}
          <Show when={props.item.downloadUrl}>
            {(url) => (
              <a class="button primary small" href={url()} download={props.item.fileName}>
                {t("exports.download")} ({props.item.fileName})
              </a>
            )}
          </Show>
          <Show when={props.item.linkExpiresAt}>
            {(until) => (
              <small class="muted"> {t("exports.linkValid", { time: formatDateTime(until()) })}</small>
            )}
          </Show>
        </div>
      </Show>
      <Show when={props.item.status === "failed"}>
        <div class="notice error" role="alert">
          {t("exports.failed")} {props.item.error ?? ""}
        </div>
      </Show>
    </div>
  );
}

function NewExport(props: { onFinished: () => void }) {
  const choice = createDatasetAndFormat();
  const { dataset, format } = choice;
  const [from, setFrom] = createSignal(addDays(today(), -30));
  const [to, setTo] = createSignal(today());
  const [semicolon, setSemicolon] = createSignal(true);
  const [agent, setAgent] = createSignal("");
  const [outcome, setOutcome] = createSignal<z.infer<typeof outcomeSchema> | "">("");
  const [potential, setPotential] = createSignal<z.infer<typeof potentialClassSchema> | "">("");
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [current, setCurrent] = createSignal<ExportView>();
  const submit = createSubmit({ onFields: setErrors });

  const running = () => current()?.status === "queued" || current()?.status === "running";
  const timer = setInterval(async () => {
    const item = current();
    if (!item || !running()) return;
    try {
      const { export: latest } = await api.call("getExport", { params: { id: item.id } });
      setCurrent(latest);
    } catch {
      // The next poll tries again; a lasting failure leaves the last state on screen.
    }
  }, pollMs);
  onCleanup(() => clearInterval(timer));
  let announced: string | undefined;
  createEffect(() => {
    const item = current();
    if (!item || running() || announced === item.id) return;
    announced = item.id;
    props.onFinished();
  });

  function body() {
    const bookings = dataset() === "bookings";
    const filters = bookings
      ? {
          ...(agent().trim() ? { agent: agent().trim() } : {}),
          ...(outcome() ? { outcome: outcome() } : {}),
          ...(potential() ? { potential: potential() } : {}),
        }
      : {};
    return {
      dataset: dataset(),
      format: format(),
      from: from(),
      to: to(),
      delimiter: semicolon() ? ";" : ",",
      filters,
    };
  }

  function start(event: Event) {
    event.preventDefault();
    const parsed = exportRequestSchema.safeParse(body());
    if (!parsed.success) {
      setErrors(issuesByField(parsed.error));
      return;
    }
    setErrors({});
    void submit.run(async () => {
      const { export: started } = await api.call("startExport", { body: parsed.data });
      setCurrent(started);
    });
  }

  return (
    <form class="card form" onSubmit={start} novalidate aria-labelledby="new-export-title">
      <h2 id="new-export-title">{t("exports.new")}</h2>
      <DatasetAndFormatFields idPrefix="export" choice={choice} errors={errors()}>
        <TextField
          id="export-from"
          type="date"
          label={t("exports.from")}
          value={from()}
          onValue={setFrom}
          error={errors().from}
        />
        <TextField
          id="export-to"
          type="date"
          label={t("exports.to")}
          value={to()}
          onValue={setTo}
          error={errors().to}
        />
      </DatasetAndFormatFields>
      <Show when={format() === "csv"}>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={semicolon()}
            onChange={(event) => setSemicolon(event.currentTarget.checked)}
          />{" "}
          {t("exports.semicolon")}
        </label>
      </Show>
      {/* The filters narrow bookings; a customers export covers everyone with a booking in the range. */}
      <Show when={dataset() === "bookings"}>
        <fieldset class="row">
          <legend>{t("exports.filters")}</legend>
          <TextField
            id="export-agent"
            label={t("exports.filter.agent")}
            value={agent()}
            onValue={setAgent}
            error={errors().filters}
          />
          <Select
            id="export-outcome"
            label={t("exports.filter.outcome")}
            value={outcome()}
            options={["", ...outcomeSchema.options]}
            text={(value) => (value ? (tMaybe(`outcome.${value}`) ?? value) : t("exports.filter.any"))}
            onValue={setOutcome}
          />
          <Select
            id="export-potential"
            label={t("exports.filter.potential")}
            value={potential()}
            options={["", ...potentialClassSchema.options]}
            text={(value) => (value ? (tMaybe(`potential.${value}`) ?? value) : t("exports.filter.any"))}
            onValue={setPotential}
          />
        </fieldset>
      </Show>
      <FormError message={submit.failure()} />
      <div class="actions">
        <LoaderButton
          type="submit"
          busy={submit.busy() || running()}
          busyLabel={submit.busy() ? t("exports.starting") : statusText(current()?.status ?? "running")}
        >
          {t("exports.start")}
        </LoaderButton>
      </div>
      <Show when={current()}>{(item) => <ExportProgress item={item()} />}</Show>
    </form>
  );
}

function PastExports(props: {
  resource: ReturnType<typeof createResource<ExportView[]>>[0];
  retry: () => void;
}) {
  return (
    <section aria-labelledby="past-exports-title">
      <h2 id="past-exports-title">{t("exports.past")}</h2>
      <AsyncView resource={props.resource} retry={props.retry} empty={t("exports.none")}>
        {(items) => (
          <Table
            columns={[
              t("exports.col.created"),
              t("exports.col.by"),
              t("exports.col.dataset"),
              t("exports.col.range"),
              t("exports.col.rows"),
              t("exports.col.status"),
              t("exports.col.file"),
            ]}
          >
            <For each={items()}>
              {(item) => (
                <tr data-export={item.id}>
                  <td>{formatDateTime(item.createdAt)}</td>
                  <td>
                    {item.createdBy}
                    <Show when={item.scheduleId}> ({t("exports.scheduled")})</Show>
                  </td>
                  <td>
                    {datasetText(item.dataset)} · {item.format.toUpperCase()}
                  </td>
                  <td>
                    {formatDay(item.from)} – {formatDay(item.to)}
                  </td>
                  <td>{formatNumber(item.rows)}</td>
                  <td>
                    {item.status === "running"
                      ? `${statusText(item.status)} ${item.progress} %`
                      : statusText(item.status)}
                  </td>
                  <td>
                    <Show
                      when={item.downloadUrl}
                      fallback={item.status === "done" ? t("exports.expired") : "–"}
                    >
                      {(url) => (
                        <a href={url()} download={item.fileName}>
                          {t("exports.download")}
                        </a>
                      )}
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </Table>
        )}
      </AsyncView>
    </section>
  );
}

function Schedules() {
  const [schedules, { refetch }] = createResource(
    async () => (await api.call("listExportSchedules")).schedules,
  );
  const choice = createDatasetAndFormat();
  const [frequency, setFrequency] = createSignal<(typeof exportFrequencies)[number]>("weekly");
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [deleting, setDeleting] = createSignal<ExportSchedule>();
  const submit = createSubmit({ onFields: setErrors });

  function add(event: Event) {
    event.preventDefault();
    const parsed = exportScheduleInputSchema.safeParse({
      dataset: choice.dataset(),
      format: choice.format(),
      frequency: frequency(),
      delimiter: ";",
    });
    if (!parsed.success) {
      setErrors(issuesByField(parsed.error));
      return;
    }
    setErrors({});
    void submit.run(async () => {
      await api.call("createExportSchedule", { body: parsed.data });
      toast(t("exports.scheduleSaved"));
      await refetch();
    });
  }

  async function toggle(schedule: ExportSchedule) {
    const { id, dataset: d, format: f, delimiter, filters, frequency: q, active } = schedule;
    await api.call("updateExportSchedule", {
      params: { id },
      body: { dataset: d, format: f, delimiter, filters, frequency: q, active: !active },
    });
    await refetch();
  }

  return (
    <section aria-labelledby="schedules-title">
      <h2 id="schedules-title">{t("exports.schedules")}</h2>
      <p class="muted">{t("exports.schedules.intro")}</p>
      <form class="card form" onSubmit={add} novalidate aria-label={t("exports.schedules.add")}>
        <DatasetAndFormatFields idPrefix="schedule" choice={choice} errors={errors()}>
          <Select
            id="schedule-frequency"
            label={t("exports.frequency")}
            value={frequency()}
            options={exportFrequencies}
            text={(value) => (value ? t(`exports.frequency.${value}`) : "")}
            onValue={(value) => value && setFrequency(value)}
            error={errors().frequency}
          />
        </DatasetAndFormatFields>
        <FormError message={submit.failure()} />
        <div class="actions">
          <LoaderButton type="submit" busy={submit.busy()}>
            {t("exports.schedules.add")}
          </LoaderButton>
        </div>
      </form>
      <AsyncView resource={schedules} retry={refetch} empty={t("exports.schedules.none")}>
        {(items) => (
          <Table
            columns={[
              t("exports.col.dataset"),
              t("exports.frequency"),
              t("exports.col.next"),
              t("exports.col.active"),
            ]}
            actions
          >
            <For each={items()}>
              {(schedule) => (
                <tr data-schedule={schedule.id}>
                  <td>
                    {datasetText(schedule.dataset)} · {schedule.format.toUpperCase()}
                  </td>
                  <td>{t(`exports.frequency.${schedule.frequency}`)}</td>
                  <td>{formatDateTime(schedule.nextRunAt)}</td>
                  <td>{schedule.active ? t("exports.yes") : t("exports.no")}</td>
                  <td class="row-actions">
                    <LoaderButton class="button secondary small" onClick={() => toggle(schedule)}>
                      {schedule.active ? t("exports.pause") : t("exports.resume")}
                    </LoaderButton>
                    <button type="button" class="button danger small" onClick={() => setDeleting(schedule)}>
                      {t("exports.delete")}
                    </button>
                  </td>
                </tr>
              )}
            </For>
          </Table>
        )}
      </AsyncView>
      <Show when={deleting()}>
        {(schedule) => (
          <ConfirmDialog
            title={t("exports.deleteTitle")}
            confirmLabel={t("exports.delete")}
            danger
            onClose={() => setDeleting(undefined)}
            onConfirm={async () => {
              await api.call("deleteExportSchedule", { params: { id: schedule().id } });
              setDeleting(undefined);
              toast(t("exports.scheduleDeleted"));
              await refetch();
            }}
          >
            {t("exports.deleteText")}
          </ConfirmDialog>
        )}
      </Show>
    </section>
  );
}

/** Auswertung → Exporte (admins): start an export, follow it, download it; past and scheduled exports. */
export function ExportsPage() {
  const [exports, { refetch }] = createResource(async () => (await api.call("listExports")).exports);
  return (
    <div class="page exports-page">
      <h2>{t("exports.title")}</h2>
      <p class="muted">{t("exports.intro")}</p>
      <NewExport onFinished={() => void refetch()} />
      <PastExports resource={exports} retry={() => void refetch()} />
      <Schedules />
    </div>
  );
}
