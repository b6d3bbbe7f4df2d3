import { createEffect, createResource, createSignal, For, onCleanup, Show } from "solid-js";
import { runnableJobs } from "../../../../shared/contracts/jobs.ts";
import { type Job, type JobRun, listRuns, startRun } from "../../api/jobRuns.ts";
import { AsyncView } from "../../components/AsyncView.tsx";
import { LoaderButton } from "../../components/LoaderButton.tsx";
import { Table } from "../../components/Table.tsx";
import { toast } from "../../components/toast.tsx";
import { errorMessage } from "../../components/ui.tsx";
import { apiText, formatDateTime, formatDay, formatNumber, t, tMaybe } from "../../i18n/index.ts";

/** How often the tab asks for the runs while one is running. */
const pollMs = 1500;

function summaryValue(value: unknown): string {
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "boolean") return value ? t("admin.users.yes") : t("admin.users.no");
  if (typeof value === "string") return /^\d{4}-\d\d-\d\dT/.test(value) ? formatDateTime(value) : value;
  if (Array.isArray(value)) return formatNumber(value.length);
  return JSON.stringify(value);
}

function Summary(props: { summary: Record<string, unknown> }) {
  return (
    <dl class="summary">
      <For each={Object.entries(props.summary)}>
        {([key, value]) => (
          <div>
            <dt>{tMaybe(`admin.jobs.key.${key}`) ?? key}</dt>
            <dd>{summaryValue(value)}</dd>
          </div>
        )}
      </For>
    </dl>
  );
}

interface LostSlot {
  date: string;
  time: string;
  booked: number;
}

function lostSlotsOf(summary: Record<string, unknown> | undefined): LostSlot[] {
  const value = summary?.lostSlots;
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is LostSlot =>
      typeof item === "object" &&
      item !== null &&
      typeof (item as LostSlot).date === "string" &&
      typeof (item as LostSlot).time === "string",
  );
}

/** A run in progress: its share done when the job reports one, else an indeterminate bar. */
function RunProgress(props: { run: JobRun }) {
  return (
    <Show
      when={props.run.progress}
      fallback={
        <div class="progress" aria-hidden="true">
          <span />
        </div>
      }
    >
      {(progress) => (
        <div class="run-progress">
          <progress max={progress().total} value={progress().done} />
          <span class="muted small">{t("admin.jobs.progress", progress())}</span>
        </div>
      )}
    </Show>
  );
}

function RunResult(props: { run: JobRun }) {
  return (
    <Show
      when={props.run.status !== "failed"}
      fallback={
        <div class="notice error" role="alert">
          {t("admin.jobs.failed", { job: t(`admin.jobs.${props.run.job}`) })} {apiText(props.run.error ?? "")}
        </div>
      }
    >
      <Show when={props.run.summary}>
        {(summary) => (
          <div class="job-result" role="status">
            <h3>{t("admin.jobs.result")}</h3>
            <Summary summary={summary()} />
          </div>
        )}
      </Show>
    </Show>
  );
}

function LostSlots(props: { runs: JobRun[] }) {
  const latestLost = () => lostSlotsOf(props.runs.find((run) => run.status !== "running")?.summary);
  return (
    <Show
      when={latestLost().length > 0}
      fallback={<div class="notice success">{t("admin.jobs.lostNone")}</div>}
    >
      <div class="notice warning" role="alert">
        <div>
          <strong>{t("admin.jobs.lostIntro", { count: latestLost().length })}</strong>
          <ul class="lost-list">
            <For each={latestLost()}>
              {(slot) => (
                <li>
                  {t("admin.jobs.lostSlot", {
                    day: formatDay(slot.date),
                    time: slot.time,
                    booked: slot.booked,
                  })}
                </li>
              )}
            </For>
          </ul>
        </div>
      </div>
    </Show>
  );
}

function RecentRuns(props: { runs: JobRun[] }) {
  const value = (run: JobRun, key: string) => summaryValue(run.summary?.[key] ?? "–");
  return (
    <Show when={props.runs.length > 0}>
      <h3>{t("admin.jobs.recentRuns")}</h3>
      <Table
        columns={[
          t("admin.audit.at"),
          t("admin.jobs.key.slots"),
          t("admin.jobs.key.changedSlots"),
          t("admin.jobs.key.lostSlots"),
          t("admin.jobs.key.failedConsultants"),
        ]}
      >
        <For each={props.runs.slice(0, 10)}>
          {(run) => (
            <tr>
              <td>{formatDateTime(run.startedAt)}</td>
              <td>{value(run, "slots")}</td>
              <td>{value(run, "changedSlots")}</td>
              <td>{lostSlotsOf(run.summary).length}</td>
              <td>
                {Array.isArray(run.summary?.failedConsultants) ? run.summary.failedConsultants.length : "–"}
              </td>
            </tr>
          )}
        </For>
      </Table>
    </Show>
  );
}

export function JobsTab() {
  const [runs, { refetch }] = createResource(async () => {
    const lists = await Promise.all(runnableJobs.map(listRuns));
    return Object.fromEntries(runnableJobs.map((job, index) => [job, lists[index] ?? []])) as Record<
      Job,
      JobRun[]
    >;
  });
  /** The runs started from this tab; the polled list replaces them by id as they progress. */
  const [started, setStarted] = createSignal<Partial<Record<Job, JobRun>>>({});
  const [posting, setPosting] = createSignal<Job>();
  const announced = new Set<string>();

  const listed = (job: Job) => (runs.error ? [] : (runs.latest?.[job] ?? []));
  /** The run a job's card shows: the one started here, or one running now (started elsewhere). */
  const shown = (job: Job): JobRun | undefined => {
    const own = started()[job];
    if (own) return listed(job).find((run) => run.id === own.id) ?? own;
    const latest = listed(job)[0];
    return latest?.status === "running" ? latest : undefined;
  };
  const isRunning = (job: Job) => posting() === job || shown(job)?.status === "running";
  const anyRunning = () => runnableJobs.some(isRunning);

  const timer = setInterval(() => {
    if (runnableJobs.some((job) => shown(job)?.status === "running") && !runs.loading) void refetch();
  }, pollMs);
  onCleanup(() => clearInterval(timer));

  // Says once when a run started here has ended.
  createEffect(() => {
    for (const job of runnableJobs) {
      const run = shown(job);
      if (!run || run.status === "running" || started()[job]?.id !== run.id || announced.has(run.id))
        continue;
      announced.add(run.id);
      const name = t(`admin.jobs.${job}`);
      if (run.status === "failed") toast(t("admin.jobs.failed", { job: name }), "error");
      else toast(t("admin.jobs.done", { job: name }));
      void refetch();
    }
  });

  async function run(job: Job) {
    setPosting(job);
    try {
      const begun = await startRun(job);
      setStarted({ ...started(), [job]: begun });
    } catch (error) {
      toast(errorMessage(error), "error");
    } finally {
      setPosting(undefined);
    }
  }

  return (
    <>
      <div class="cards">
        <For each={runnableJobs}>
          {(job) => (
            <article class="card job" data-job={job} aria-busy={isRunning(job)}>
              <h2>{t(`admin.jobs.${job}`)}</h2>
              <p class="muted small">{t(`admin.jobs.${job}.hint`)}</p>
              <LoaderButton
                busy={isRunning(job)}
                busyLabel={t("admin.jobs.running")}
                disabled={anyRunning()}
                onClick={() => run(job)}
              >
                {t("admin.jobs.run")}
              </LoaderButton>
              <Show when={shown(job)}>
                {(current) => (
                  <Show when={current().status === "running"} fallback={<RunResult run={current()} />}>
                    <RunProgress run={current()} />
                  </Show>
                )}
              </Show>
            </article>
          )}
        </For>
      </div>

      <h2>{t("admin.jobs.lostTitle")}</h2>
      <AsyncView resource={runs} retry={refetch}>
        {(all) => (
          <>
            <LostSlots runs={all()["generate-availability"]} />
            <RecentRuns runs={all()["generate-availability"]} />
          </>
        )}
      </AsyncView>
    </>
  );
}
