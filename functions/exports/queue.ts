import { randomBytes } from "node:crypto";
import type { ExportView } from "../../shared/contracts/exports.ts";
import { writeAudit } from "../../shared/data/audit-repository.ts";
import { createExport, finishExport, type StoredExport } from "../../shared/data/exports-repository.ts";
import { exportFileName } from "../../shared/domain/exports/datasets.ts";
import {
  exportObjectKey,
  exportRetentionDays,
  linkLifetimeSeconds,
  presignExport,
} from "../../shared/storage/exports-bucket.ts";
import { startExportWorker } from "./start-worker.ts";

export function newExportId(): string {
  return randomBytes(16).toString("hex");
}

export type ExportSpec = Pick<StoredExport, "dataset" | "format" | "from" | "to" | "delimiter" | "filters">;

/**
 * Records a queued export (audited: who exported what) and starts the worker
 * on it. If the worker cannot be started the export is marked failed, so
 * nobody waits for it, and the error goes up.
 */
export async function queueExport(
  spec: ExportSpec,
  createdBy: string,
  options: { id?: string; scheduleId?: string; now?: Date } = {},
): Promise<StoredExport> {
  const id = options.id ?? newExportId();
  const createdAt = (options.now ?? new Date()).toISOString();
  const fileName = exportFileName(spec);
  const record = await createExport({
    id,
    ...spec,
    createdBy,
    createdAt,
    fileName,
    key: exportObjectKey(id, fileName),
    ...(options.scheduleId ? { scheduleId: options.scheduleId } : {}),
  });
  await writeAudit({
    actor: createdBy,
    action: "export.requested",
    target: id,
    detail: {
      dataset: spec.dataset,
      format: spec.format,
      from: spec.from,
      to: spec.to,
      ...(options.scheduleId ? { schedule: options.scheduleId } : {}),
      ...Object.fromEntries(
        Object.entries(spec.filters).map(([name, value]) => [`filter.${name}`, String(value)]),
      ),
    },
  });
  try {
    await startExportWorker(id);
  } catch (error) {
    const reason = "the worker could not be started";
    await finishExport(id, { status: "failed", rows: 0, error: reason }, createdAt);
    throw error;
  }
  return record;
}

const day = 24 * 60 * 60 * 1000;

/**
 * An export as the API shows it: never the object key or memory figures; a
 * fresh presigned link while the file is done and still in the bucket.
 */
export async function exportView(record: StoredExport, now = new Date()): Promise<ExportView> {
  const { key, peakRss: _rss, peakHeapUsed: _heap, ...shown } = record;
  const view: ExportView = {
    id: shown.id,
    dataset: shown.dataset,
    format: shown.format,
    from: shown.from,
    to: shown.to,
    delimiter: shown.delimiter,
    filters: shown.filters,
    status: shown.status,
    progress: Math.round(shown.progress),
    rows: shown.rows,
    createdBy: shown.createdBy,
    createdAt: shown.createdAt,
    fileName: shown.fileName,
    ...(shown.startedAt ? { startedAt: shown.startedAt } : {}),
    ...(shown.finishedAt ? { finishedAt: shown.finishedAt } : {}),
    ...(shown.bytes !== undefined ? { bytes: shown.bytes } : {}),
    ...(shown.scheduleId ? { scheduleId: shown.scheduleId } : {}),
    ...(shown.error ? { error: shown.error } : {}),
  };
  if (record.status !== "done" || !record.finishedAt) return view;
  const fileExpiresAt = new Date(Date.parse(record.finishedAt) + exportRetentionDays * day);
  view.fileExpiresAt = fileExpiresAt.toISOString();
  if (fileExpiresAt <= now) return view;
  view.downloadUrl = await presignExport(key, record.fileName);
  view.linkExpiresAt = new Date(now.getTime() + linkLifetimeSeconds * 1000).toISOString();
  return view;
}
