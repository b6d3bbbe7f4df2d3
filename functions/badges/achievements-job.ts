import { runAchievements } from "../../shared/gamification/achievements.ts";
import { createJobHandler } from "../../shared/jobs/job-handler.ts";

/**
 * Daily at 20:00 UTC (after the outcome check): MVP of the last closed week,
 * month and year, and every agent's streak and period badges. An admin's run
 * may name the instant to evaluate (`time`).
 */
export const handler = createJobHandler("achievements", async (event) =>
  runAchievements(event.time ? new Date(event.time) : new Date()),
);
