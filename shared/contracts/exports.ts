import * as z from "zod";
import { isoDateSchema } from "../domain/booking/local-date.ts";
import { outcomeSchema, potentialClassSchema } from "../domain/booking/outcomes.ts";
import { exportDatasets, exportFormats } from "../domain/exports/datasets.ts";

export const exportStatuses = ["queued", "running", "done", "failed"] as const;
export const exportFrequencies = ["weekly", "monthly"] as const;

/** The longest range one export may cover (a year of bookings is ~25k rows; the worker streams either way). */
export const maxExportDays = 400;

export const exportFiltersSchema = z
  .object({
    agent: z.string().trim().toLowerCase().min(1).max(40).optional(),
    consultant: z.string().trim().min(1).max(80).optional().describe("Consultant id"),
    outcome: outcomeSchema.optional(),
    potential: potentialClassSchema.optional(),
  })
  .strict();

const datasetSchema = z.enum(exportDatasets, "exports.datasetUnknown");
const formatSchema = z.enum(exportFormats, "exports.formatUnknown");
const delimiterSchema = z.enum([",", ";"], "exports.delimiter");

/** What an export covers; `from`/`to` are local dates, inclusive. */
const exportSpecShape = {
  dataset: datasetSchema,
  format: formatSchema,
  from: isoDateSchema,
  to: isoDateSchema,
  /** CSV only: `;` for German Excel. */
  delimiter: delimiterSchema.default(","),
  filters: exportFiltersSchema.default({}),
};

function checkRange(value: { from: string; to: string }, ctx: z.RefinementCtx) {
  if (value.to < value.from) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "exports.rangeOrder" });
    return;
  }
  const days = (Date.parse(value.to) - Date.parse(value.from)) / 86_400_000 + 1;
  if (days > maxExportDays) {
    ctx.addIssue({
      code: "custom",
      path: ["to"],
      message: "exports.rangeTooLong",
      params: { max: maxExportDays },
    });
  }
}

function checkPdf(value: { dataset: string; format: string }, ctx: z.RefinementCtx) {
  if (value.format === "pdf" && value.dataset !== "bookings") {
    ctx.addIssue({ code: "custom", path: ["format"], message: "exports.pdfOnlyBookings" });
  }
}

export const exportRequestSchema = z
  .object(exportSpecShape)
  .superRefine(checkRange)
  .superRefine(checkPdf)
  .meta({ id: "ExportRequest" });
export type ExportRequest = z.output<typeof exportRequestSchema>;

export const exportSchema = z
  .object({
    id: z.string(),
    dataset: datasetSchema,
    format: formatSchema,
    from: z.string(),
    to: z.string(),
    delimiter: delimiterSchema,
    filters: exportFiltersSchema,
    status: z.enum(exportStatuses),
    /** 0–100: the share of the range read so far. */
    progress: z.number().int().min(0).max(100),
    rows: z.number().int().min(0),
    createdBy: z.string(),
    createdAt: z.string(),
    startedAt: z.string().optional(),
    finishedAt: z.string().optional(),
    bytes: z.number().int().optional(),
    /** Set for exports a schedule delivered. */
    scheduleId: z.string().optional(),
    /** A short, log-safe reason when the export failed. */
    error: z.string().optional(),
    /** The file's name when downloaded. */
    fileName: z.string(),
    /** Presigned GET (valid `linkExpiresAt`), only while done and still in the bucket. */
    downloadUrl: z.string().optional(),
    linkExpiresAt: z.string().optional(),
    /** When the bucket deletes the file. */
    fileExpiresAt: z.string().optional(),
  })
  .meta({ id: "Export" });
export type ExportView = z.infer<typeof exportSchema>;

export const exportEnvelopeSchema = z.object({ export: exportSchema });
export const exportListSchema = z.object({ exports: z.array(exportSchema) });
export const exportIdParamsSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{32}$/, "exports.unknown"),
});

/** The old app's `GET /api/export/bookings?format=csv&start_date=…`: the same job, bookings only. */
export const legacyExportQuerySchema = z
  .object({
    format: formatSchema.default("csv"),
    start_date: isoDateSchema,
    end_date: isoDateSchema.optional(),
    delimiter: delimiterSchema.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.end_date) checkRange({ from: value.start_date, to: value.end_date }, ctx);
  });

export const exportScheduleInputSchema = z
  .object({
    dataset: datasetSchema,
    format: formatSchema,
    delimiter: delimiterSchema.default(","),
    filters: exportFiltersSchema.default({}),
    /** Weekly: every Monday for the previous ISO week; monthly: on the 1st for the previous month. */
    frequency: z.enum(exportFrequencies, "exports.frequency"),
    active: z.boolean().default(true),
  })
  .superRefine(checkPdf)
  .meta({ id: "ExportScheduleInput" });
export type ExportScheduleInput = z.output<typeof exportScheduleInputSchema>;

export const exportScheduleSchema = z
  .object({
    id: z.string(),
    dataset: datasetSchema,
    format: formatSchema,
    delimiter: delimiterSchema,
    filters: exportFiltersSchema,
    frequency: z.enum(exportFrequencies),
    active: z.boolean(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** The next delivery (UTC instant). */
    nextRunAt: z.string(),
    lastRunAt: z.string().optional(),
    lastExportId: z.string().optional(),
  })
  .meta({ id: "ExportSchedule" });
export type ExportSchedule = z.infer<typeof exportScheduleSchema>;

export const exportScheduleEnvelopeSchema = z.object({ schedule: exportScheduleSchema });
export const exportScheduleListSchema = z.object({ schedules: z.array(exportScheduleSchema) });
export const exportScheduleIdParamsSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{32}$/, "exports.scheduleUnknown"),
});
export const exportScheduleDeletedSchema = z.object({ deleted: z.literal(true) });
