import type { runnableJobs } from "../../../shared/contracts/jobs.ts";
import { api } from "./client.ts";

export type Job = (typeof runnableJobs)[number];

/** One run of a job as the Jobs tab shows it: "Jetzt ausführen" starts one, the tab polls it until it ends. */
export interface JobRun {
  id: string;
  job: Job;
  status: "running" | "succeeded" | "failed";
  startedAt: string;
  finishedAt?: string;
  progress?: { done: number; total: number };
  summary?: Record<string, unknown>;
  error?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Reads a run of the asynchronous contract (`{ id, status, startedAt, progress?, summary? }`). An
 * answer of the synchronous one (`{ at, summary }`, finished when it answers) reads as a finished run,
 * so the tab works against either server.
 */
function toRun(job: Job, raw: Record<string, unknown>): JobRun {
  const startedAt = String(raw.startedAt ?? raw.at ?? new Date().toISOString());
  const status = raw.status === "running" || raw.status === "failed" ? raw.status : "succeeded";
  const progress = raw.progress;
  return {
    id: String(raw.id ?? startedAt),
    job,
    status,
    startedAt,
    ...(typeof raw.finishedAt === "string" ? { finishedAt: raw.finishedAt } : {}),
    ...(isRecord(progress) && typeof progress.done === "number" && typeof progress.total === "number"
      ? { progress: { done: progress.done, total: progress.total } }
      : {}),
    ...(isRecord(raw.summary) ? { summary: raw.summary } : {}),
    ...(typeof raw.error === "string" ? { error: raw.error } : {}),
  };
}

/** Starts a run; the answer is the run (still running, or already done on a synchronous server). */
export async function startRun(job: Job): Promise<JobRun> {
  const answer: Record<string, unknown> = await api.call("runJob", { params: { job }, query: {} });
  return toRun(job, isRecord(answer.run) ? answer.run : { summary: answer.summary });
}

/** The latest runs of a job, newest first. */
export async function listRuns(job: Job): Promise<JobRun[]> {
  const answer = await api.call("listJobRuns", { params: { job } });
  return answer.runs.map((raw: Record<string, unknown>) => toRun(job, raw));
}

/**
 * Starts a run and polls it (as the Jobs tab does) until it has ended; returns that run, or the run
 * as last seen once a job's longest life (15 minutes) has passed.
 */
export async function runToEnd(job: Job, pollMs = 1_000, giveUpMs = 15 * 60_000): Promise<JobRun> {
  let run = await startRun(job);
  const deadline = Date.now() + giveUpMs;
  while (run.status === "running" && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    run = (await listRuns(job)).find((candidate) => candidate.id === run.id) ?? run;
  }
  return run;
}
