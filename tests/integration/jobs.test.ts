import { beforeAll, describe, expect, it } from "vitest";
import type { JobRun } from "../../shared/contracts/jobs.ts";
import { clearCalendarFaults, injectCalendarFaults } from "../support/booking.ts";
import { demoAdmin, signedIn, type TestClient } from "../support/http.ts";
import { runJobAndWait } from "../support/jobs.ts";

let admin: TestClient;
beforeAll(async () => {
  admin = await signedIn(demoAdmin);
});

const runsOf = async (job: string) =>
  (await admin.request<{ runs: JobRun[] }>("GET", `/api/admin/jobs/${job}/runs`)).body.runs;

describe("jobs started by admins", () => {
  it("answer 202 with a running record at once; the job records its end, summary and duration", async () => {
    const before = Date.now();
    const started = await admin.request<{ run: JobRun }>("POST", "/api/admin/jobs/generate-availability/run");
    // The request only starts the job: it returns long before a calendar run could finish.
    expect(started.status).toBe(202);
    expect(Date.now() - before).toBeLessThan(3_000);
    expect(started.body.run).toEqual({
      id: expect.any(String),
      job: "generate-availability",
      status: "running",
      startedAt: expect.any(String),
    });
    let run: JobRun | undefined;
    for (let attempt = 0; attempt < 300 && run?.status !== "succeeded"; attempt++) {
      run = (await runsOf("generate-availability")).find((candidate) => candidate.id === started.body.run.id);
      if (run?.status === "failed") break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(run).toMatchObject({ status: "succeeded", summary: { consultants: expect.any(Number) } });
    expect(Date.parse(run!.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(run!.startedAt));
  });

  it("lists scheduled runs in the same shape (the start-up run)", async () => {
    const runs = await runsOf("generate-availability");
    expect(runs.length).toBeGreaterThanOrEqual(2);
    for (const run of runs)
      expect(run).toMatchObject({ job: "generate-availability", id: expect.any(String) });
  });

  it("records a failed run with a reason free of request data", async () => {
    await injectCalendarFaults({ status: 500, count: 1000 });
    try {
      const run = await runJobAndWait(admin, "check-outcomes");
      expect(run.status).toBe("failed");
      expect(run.error).toMatch(/500/);
      expect(run.error).not.toMatch(/http|calendars\//);
    } finally {
      await clearCalendarFaults();
    }
  });
});
