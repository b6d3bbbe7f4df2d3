import * as z from "zod";

/** The largest file the import takes in one request (the command sends bigger files in parts). */
export const maxImportBytes = 4 * 1024 * 1024;

export const importRequestSchema = z.object({
  format: z.enum(["csv", "json"]),
  content: z.string().min(1).max(maxImportBytes).describe("The file's text (UTF-8)"),
  fileName: z.string().trim().max(200).optional(),
  rowOffset: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe("Rows before this part of a file sent in parts: row numbers in the report count from here"),
});

const rejectionSchema = z.object({
  row: z.number().int().describe("1-based: the CSV line (header = 1) or the JSON array position"),
  field: z.string(),
  reasonId: z.string(),
  reason: z.string().describe("Why, in the caller's language"),
});

export const importReportSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    by: z.string(),
    fileName: z.string().optional(),
    kind: z.enum(["bookings", "dailyTotals"]),
    rows: z.number().int(),
    imported: z.number().int(),
    rejected: z.array(rejectionSchema),
  })
  .meta({ id: "ImportReport" });

export const importListSchema = z.object({ imports: z.array(importReportSchema) });
