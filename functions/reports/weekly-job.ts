import { createJobHandler } from "../../shared/jobs/job-handler.ts";
import { generateReportFile } from "./generate.ts";

/**
 * Every Monday 06:00 in the app's zone: last week's executive report as a PDF
 * in the exports bucket (`reports/`), listed for admins.
 */
export const handler = createJobHandler("weekly-report", async (event) => {
  const { report, file } = await generateReportFile({
    scheduled: true,
    now: event.time ? new Date(event.time) : new Date(),
  });
  return { period: report.period, key: file.key, size: file.size, participants: report.team.length };
});
