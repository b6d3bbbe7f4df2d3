import { randomUUID } from "node:crypto";
import { checkCalendarReadable } from "../../shared/calendar/calendar-check.ts";
import { writeAudit } from "../../shared/data/audit-repository.ts";
import {
  createConsultant,
  getConsultant,
  listConsultants,
  putConsultant,
} from "../../shared/data/consultants-repository.ts";
import { latestJobRuns } from "../../shared/data/job-runs-repository.ts";
import { HttpError, invalidRequest } from "../../shared/http/errors.ts";
import { createFeatureHandler } from "../../shared/http/pipeline.ts";
import { pipelineOptions } from "../../shared/http/pipeline-options.ts";

/*
 * Consultant management is its own feature (and Lambda) because saving a
 * consultant asks Google whether the calendar exists: the Google client stays
 * out of the admin bundle, which serves users, settings, jobs and the audit log.
 */

/** A calendar id that Google says does not exist or cannot be read is refused before it is stored. */
async function assertCalendarReadable(calendarId: string | undefined): Promise<void> {
  if (calendarId === undefined) return;
  const check = await checkCalendarReadable(calendarId);
  if (!check.ok) throw invalidRequest({ "body.calendarId": check.message });
}

/** A consultant whose calendar failed in the latest finished availability run, by id. */
async function failedInLastRun(): Promise<Map<string, { at: string; reason: string }>> {
  const runs = await latestJobRuns("generate-availability", 5);
  const last = runs.find((run) => run.status !== "running");
  const failed = last?.summary?.failedConsultants;
  const at = last?.finishedAt ?? last?.startedAt ?? "";
  const byId = new Map<string, { at: string; reason: string }>();
  if (!Array.isArray(failed)) return byId;
  for (const entry of failed) {
    if (entry && typeof entry === "object" && "id" in entry) {
      const { id, reason } = entry as { id: unknown; reason?: unknown };
      byId.set(String(id), { at, reason: String(reason ?? "") });
    }
  }
  return byId;
}

export const handler = createFeatureHandler(
  "consultants",
  {
    async listConsultantsAdmin() {
      const [consultants, failed] = await Promise.all([listConsultants(), failedInLastRun()]);
      return consultants
        .sort((a, b) => a.name.localeCompare(b.name, "de"))
        .map((consultant) => {
          const failure = failed.get(consultant.id);
          return failure ? { ...consultant, lastRunFailed: failure } : consultant;
        });
    },

    async createConsultant({ body, principal, response }) {
      await assertCalendarReadable(body.calendarId);
      const consultant = { id: randomUUID().slice(0, 8), ...body };
      if (!(await createConsultant(consultant))) {
        throw new HttpError("conflict", "consultant.exists");
      }
      await writeAudit({ actor: principal.username, action: "consultant.created", target: consultant.id });
      response.status = 201;
      return consultant;
    },

    async updateConsultant({ params, body, principal }) {
      const current = await getConsultant(params.id);
      if (!current) throw new HttpError("not_found", "consultant.notFound");
      if (body.calendarId !== undefined && body.calendarId !== current.calendarId)
        await assertCalendarReadable(body.calendarId);
      const consultant = await putConsultant({
        ...current,
        ...Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)),
      });
      if (!consultant) throw new HttpError("not_found", "consultant.notFound");
      await writeAudit({ actor: principal.username, action: "consultant.updated", target: consultant.id });
      return consultant;
    },
  },
  pipelineOptions(),
);
