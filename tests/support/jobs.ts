import { expect } from "vitest";
import type { JobRun } from "../../shared/contracts/jobs.ts";
import type { TestClient } from "./http.ts";

/**
 * An admin's "run now": 202 with the run record at once, then polls the runs
 * list (as the Jobs tab does) until the run has finished; returns that record.
 */
export async function runJobAndWait(
  admin: TestClient,
  job: string,
  query = "",
  timeoutMs = 45_000,
): Promise<JobRun> {
  const started = await admin.request<{ run: JobRun }>("POST", `/api/admin/jobs/${job}/run${query}`);
  expect(started.status).toBe(202);
  expect(started.body.run).toMatchObject({ job, status: "running" });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const runs = await admin.request<{ runs: JobRun[] }>("GET", `/api/admin/jobs/${job}/runs`);
    const run = runs.body.runs.find((candidate) => candidate.id === started.body.run.id);
    if (run && run.status !== "running") return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`job ${job} did not finish within ${timeoutMs} ms`);
}
