import type { ExportSchedule } from "../../shared/contracts/exports.ts";
import { claimScheduleRun, listExportSchedules } from "../../shared/data/exports-repository.ts";
import { type ExportFrequency, nextRunDate, scheduledRange } from "../../shared/domain/exports/schedule.ts";
import { newExportId, queueExport } from "./queue.ts";

/** Deliveries happen early in the (UTC) morning of their day; the hourly job picks them up. */
const deliveryHourUtc = "04:00:00.000Z";

function runAtOf(date: string): string {
  return `${date}T${deliveryHourUtc}`;
}

/** A new schedule's first delivery: the next Monday (weekly) or the next 1st (monthly) after today. */
export function firstRunAt(frequency: ExportFrequency, now: Date): string {
  return runAtOf(nextRunDate(frequency, now.toISOString().slice(0, 10)));
}

export interface ScheduledExportsRun {
  schedules: number;
  due: number;
  delivered: number;
  exportIds: string[];
}

/**
 * Every active schedule whose delivery is due gets one export of its range
 * (the previous week or month) into the bucket, listed with the others. The
 * schedule moves to its next date first, conditionally, so overlapping or
 * repeated runs deliver once; a job down for weeks catches up one period per run.
 */
export async function runDueSchedules(now = new Date()): Promise<ScheduledExportsRun> {
  const schedules = await listExportSchedules();
  const due = schedules.filter((schedule) => schedule.active && schedule.nextRunAt <= now.toISOString());
  const exportIds: string[] = [];
  for (const schedule of due) {
    const id = await deliver(schedule, now);
    if (id) exportIds.push(id);
  }
  return { schedules: schedules.length, due: due.length, delivered: exportIds.length, exportIds };
}

async function deliver(schedule: ExportSchedule, now: Date): Promise<string | undefined> {
  const runDate = schedule.nextRunAt.slice(0, 10);
  const id = newExportId();
  const claimed = await claimScheduleRun(schedule.id, schedule.nextRunAt, {
    nextRunAt: runAtOf(nextRunDate(schedule.frequency, runDate)),
    lastRunAt: now.toISOString(),
    lastExportId: id,
  });
  if (!claimed) return undefined;
  const range = scheduledRange(schedule.frequency, runDate);
  await queueExport(
    {
      dataset: schedule.dataset,
      format: schedule.format,
      delimiter: schedule.delimiter,
      filters: schedule.filters,
      ...range,
    },
    schedule.createdBy,
    { id, scheduleId: schedule.id, now },
  );
  return id;
}
