import * as z from "zod";
import { reportPeriodSchema } from "../domain/reports/report.ts";

const statusSchema = z.enum(["green", "yellow", "red"]).nullable();

export const reportQuerySchema = z.object({
  period: reportPeriodSchema
    .optional()
    .describe("`2026-W49` (week) or `2026-11` (month); default: last week"),
});

export const reportRowSchema = z
  .object({
    username: z.string(),
    displayName: z.string(),
    goal: z.number(),
    achieved: z.number(),
    rate: z.number().nullable(),
    status: statusSchema,
    vacationWeeks: z.number().int(),
  })
  .meta({ id: "ReportRow" });

export const reportTrendPointSchema = z
  .object({
    isoWeek: z.string(),
    goal: z.number(),
    achieved: z.number(),
    rate: z.number().nullable(),
    status: statusSchema,
    bookings: z.number().int(),
  })
  .meta({ id: "ReportTrendPoint" });

export const reportSchema = z
  .object({
    kind: z.enum(["week", "month"]),
    period: z.string(),
    from: z.string(),
    to: z.string(),
    weeks: z
      .array(z.string())
      .describe("The ISO weeks the period covers (a month: weeks whose Thursday lies in it)"),
    generatedAt: z.string(),
    summary: z.object({
      goal: z.number(),
      achieved: z.number(),
      rate: z.number().nullable(),
      status: statusSchema,
      participants: z.number().int(),
      bookings: z.object({
        total: z.number().int(),
        resolved: z.number().int(),
        shown: z.number().int(),
        noShow: z.number().int(),
        cancelled: z.number().int(),
        showRate: z.number().nullable(),
      }),
    }),
    distribution: z.object({
      top: z.number().int().describe("≥ 90 %"),
      solid: z.number().int().describe("70–89 %"),
      below: z.number().int().describe("< 70 %"),
      none: z.number().int().describe("no goal (vacation or not set)"),
    }),
    team: z.array(reportRowSchema),
    trend: z.array(reportTrendPointSchema).describe("The 4 weeks up to the period's last week, oldest first"),
  })
  .meta({ id: "Report" });

export const reportFileSchema = z
  .object({
    key: z.string(),
    kind: z.enum(["week", "month"]),
    period: z.string(),
    generatedAt: z.string(),
    size: z.number().int(),
    scheduled: z.boolean(),
    url: z.string().describe("Presigned GET, valid 15 minutes"),
    urlExpiresAt: z.string(),
  })
  .meta({ id: "ReportFile" });

export const reportFileListSchema = z.object({ reports: z.array(reportFileSchema) });
export const createReportFileSchema = z.object({ period: reportPeriodSchema });

export type Report = z.infer<typeof reportSchema>;
export type ReportRow = z.infer<typeof reportRowSchema>;
export type ReportFile = z.infer<typeof reportFileSchema>;
