import { randomBytes } from "node:crypto";
import { config } from "../../shared/config.ts";
import type { ExportSchedule, ExportScheduleInput } from "../../shared/contracts/exports.ts";
import { writeAudit } from "../../shared/data/audit-repository.ts";
import {
  deleteExportSchedule,
  getExport,
  getExportSchedule,
  listExportSchedules,
  listExports,
  putExportSchedule,
} from "../../shared/data/exports-repository.ts";
import { localDate } from "../../shared/domain/booking/local-date.ts";
import { HttpError } from "../../shared/http/errors.ts";
import { createFeatureHandler } from "../../shared/http/pipeline.ts";
import { pipelineOptions } from "../../shared/http/pipeline-options.ts";
import { exportView, queueExport } from "./queue.ts";
import { firstRunAt } from "./schedules.ts";

/** How many past exports the list shows. */
const listedExports = 50;

async function started(spec: Parameters<typeof queueExport>[0], username: string) {
  try {
    return { export: await exportView(await queueExport(spec, username)) };
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError("unavailable", "exports.startFailed");
  }
}

function scheduleFrom(
  input: ExportScheduleInput,
  base: Pick<ExportSchedule, "id" | "createdBy" | "createdAt" | "nextRunAt"> & Partial<ExportSchedule>,
  now: Date,
): ExportSchedule {
  return {
    ...base,
    dataset: input.dataset,
    format: input.format,
    delimiter: input.delimiter,
    filters: input.filters,
    frequency: input.frequency,
    active: input.active,
    updatedAt: now.toISOString(),
  };
}

/** Admins' exports: start, follow, download; the old app's URL; scheduled deliveries. */
export const handler = createFeatureHandler(
  "exports",
  {
    async startExport({ body, principal, response }) {
      response.status = 202;
      return started(body, principal.username);
    },

    async legacyExportBookings({ query, principal }) {
      // The old app exported from start_date on; without an end, up to today.
      const to = query.end_date ?? localDate(new Date(), config().TIMEZONE);
      if (to < query.start_date) {
        throw new HttpError("invalid", "error.invalid", {
          fields: { "query.end_date": "exports.rangeOrder" },
        });
      }
      return started(
        {
          dataset: "bookings",
          format: query.format === "pdf" ? "pdf" : query.format,
          from: query.start_date,
          to,
          delimiter: query.delimiter ?? ",",
          filters: {},
        },
        principal.username,
      );
    },

    async getExport({ params }) {
      const record = await getExport(params.id);
      if (!record) throw new HttpError("not_found", "exports.unknown");
      return { export: await exportView(record) };
    },

    async listExports() {
      const records = await listExports(listedExports);
      const now = new Date();
      return { exports: await Promise.all(records.map((record) => exportView(record, now))) };
    },

    async listExportSchedules() {
      return { schedules: await listExportSchedules() };
    },

    async createExportSchedule({ body, principal, response }) {
      const now = new Date();
      const schedule = scheduleFrom(
        body,
        {
          id: randomBytes(16).toString("hex"),
          createdBy: principal.username,
          createdAt: now.toISOString(),
          nextRunAt: firstRunAt(body.frequency, now),
        },
        now,
      );
      await putExportSchedule(schedule);
      await writeAudit({
        actor: principal.username,
        action: "export.scheduleCreated",
        target: schedule.id,
        detail: { dataset: schedule.dataset, format: schedule.format, frequency: schedule.frequency },
      });
      response.status = 201;
      return { schedule };
    },

    async updateExportSchedule({ params, body, principal }) {
      const existing = await getExportSchedule(params.id);
      if (!existing) throw new HttpError("not_found", "exports.scheduleUnknown");
      const now = new Date();
      const nextRunAt =
        existing.frequency === body.frequency ? existing.nextRunAt : firstRunAt(body.frequency, now);
      const schedule = scheduleFrom(body, { ...existing, nextRunAt }, now);
      await putExportSchedule(schedule);
      await writeAudit({
        actor: principal.username,
        action: "export.scheduleChanged",
        target: schedule.id,
        detail: { frequency: schedule.frequency, active: schedule.active },
      });
      return { schedule };
    },

    async deleteExportSchedule({ params, principal }) {
      if (!(await deleteExportSchedule(params.id)))
        throw new HttpError("not_found", "exports.scheduleUnknown");
      await writeAudit({ actor: principal.username, action: "export.scheduleDeleted", target: params.id });
      return { deleted: true as const };
    },
  },
  pipelineOptions(),
);
