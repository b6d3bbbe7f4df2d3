import { snapshotLeaderboards } from "../../shared/data/gamification/leaderboards-repository.ts";
import { createJobHandler } from "../../shared/jobs/job-handler.ts";

/** Nightly: the boards' ranks kept for tomorrow's rank change; an ended season's final standings kept. */
export const handler = createJobHandler("snapshot-leaderboards", async (event) =>
  snapshotLeaderboards(event.time ? new Date(event.time) : new Date()),
);
