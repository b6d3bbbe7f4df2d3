import * as z from "zod";
import { usernameParamsSchema } from "./user-records.ts";

export { usernameParamsSchema };

const rate = z.number().nullable().describe("Fraction 0..1; null when there is nothing to divide by");
const windowSchema = z
  .object({ from: z.string(), to: z.string() })
  .describe("Local slot dates, inclusive")
  .meta({ id: "AnalyticsWindow" });

/** Where a figure comes from: kept aggregates, slot items, bookings, imported daily totals or Telefonie. */
const sourceSchema = z.enum(["aggregates", "slots", "bookings", "imported", "telefonie"]);

export const ratesSchema = z
  .object({
    bookings: z.number().int(),
    resolved: z.number().int().describe("completed + overhang + no_show + ghost"),
    completed: z.number().int(),
    overhang: z.number().int(),
    noShows: z.number().int(),
    ghosts: z.number().int(),
    cancelled: z.number().int(),
    rescheduled: z.number().int(),
    consultantChanges: z.number().int(),
    pending: z.number().int(),
    points: z.number(),
    pointsConfirmed: z.number(),
    showRate: rate.describe("(completed + overhang) / resolved"),
    noShowRate: rate.describe("(no_show + ghost) / resolved"),
    cancellationRate: rate.describe("cancelled / all bookings in the window"),
    qualityScore: rate.describe("Σ weight / (n × 100), floored at 0"),
  })
  .meta({ id: "AnalyticsRates" });

export const periodSchema = z.enum(["7d", "30d", "90d", "all"], { error: "analytics.periodUnknown" });
export const periodQuerySchema = z.object({ period: periodSchema.default("30d") });

const dailySchema = ratesSchema.extend({ date: z.string() });

export const performanceSchema = ratesSchema
  .extend({
    username: z.string(),
    period: periodSchema,
    window: windowSchema,
    previousWindow: windowSchema.nullable(),
    source: sourceSchema,
    trend: z
      .object({
        bookings: z.number().nullable().describe("Relative change vs the previous window"),
        points: z.number().nullable(),
        showRatePoints: z.number().nullable().describe("Change in percentage points"),
        noShowRatePoints: z.number().nullable(),
        previous: ratesSchema,
      })
      .nullable(),
    bestSlotTimes: z.array(ratesSchema.extend({ time: z.string() })),
    slotTimes: z.array(ratesSchema.extend({ time: z.string() })),
    rank: z.object({ position: z.number().int().nullable(), of: z.number().int(), by: z.literal("points") }),
    daily: z.array(dailySchema),
  })
  .meta({ id: "Performance" });

export const teamSchema = z
  .object({
    period: periodSchema,
    window: windowSchema,
    source: sourceSchema,
    telefonie: z.object({ available: z.boolean(), source: sourceSchema }),
    agents: z.array(
      ratesSchema.extend({
        username: z.string(),
        displayName: z.string(),
        rank: z.number().int(),
        telefonieEntries: z.number().nullable(),
        activity: z.number(),
        consistency: z.number(),
        telefonieFallback: z
          .boolean()
          .describe("No Telefonie data: activity 0, consistency 50 (the fallbacks)"),
        combined: z.number().describe("0.75 × show rate + 0.10 × activity + 0.15 × consistency"),
        class: z.enum(["high", "medium", "low"]),
      }),
    ),
    consultants: z.array(ratesSchema.extend({ id: z.string(), name: z.string() })),
  })
  .meta({ id: "TeamPerformance" });

const importedDaySchema = z.object({
  date: z.string(),
  slots: z.number().optional(),
  completed: z.number().optional(),
  no_show: z.number().optional(),
  ghost: z.number().optional(),
  cancelled: z.number().optional(),
  rescheduled: z.number().optional(),
  overhang: z.number().optional(),
});

export const kpisSchema = z
  .object({
    today: z.string(),
    window: windowSchema,
    source: sourceSchema,
    bookingsPerDay: z.array(dailySchema),
    trend: z.object({
      last7: ratesSchema.extend(windowSchema.shape),
      previous7: ratesSchema.extend(windowSchema.shape),
      showRatePoints: z.number().nullable(),
      noShowRatePoints: z.number().nullable(),
    }),
    byConsultant: z.array(ratesSchema.extend({ id: z.string(), name: z.string() })),
    bySlotTime: z.array(ratesSchema.extend({ time: z.string() })),
    heatmap: z.array(
      z.object({
        weekday: z.number().int().describe("ISO weekday, 1 = Monday"),
        time: z.string(),
        bookings: z.number().int(),
        resolved: z.number().int(),
        showRate: rate,
      }),
    ),
    capacity: z.object({
      window: windowSchema,
      source: sourceSchema,
      weeks: z.array(
        z.object({
          week: z.string(),
          capacity: z.number().int(),
          booked: z.number().int(),
          slots: z.number().int(),
          use: rate,
        }),
      ),
    }),
    telefonie: z.object({
      available: z.boolean(),
      source: sourceSchema,
      weeks: z.array(
        z.object({ week: z.string(), goal: z.number(), achieved: z.number(), achievement: rate }),
      ),
    }),
    imported: z.object({
      available: z.boolean(),
      source: sourceSchema,
      window: windowSchema,
      days: z.array(importedDaySchema),
    }),
  })
  .meta({ id: "AnalyticsKpis" });

export const alertSchema = z
  .object({
    kind: z.enum(["noShowRate", "consultantRising", "slotRising", "overCapacity"]),
    level: z.enum(["warning", "high"]),
    subject: z.string().optional(),
    subjectName: z.string().optional(),
    rate: rate.optional(),
    previousRate: rate.optional(),
    count: z.number().int().optional(),
    window: windowSchema,
    previousWindow: windowSchema.optional(),
    source: sourceSchema,
  })
  .meta({ id: "AnalyticsAlert" });

export const insightsSchema = z
  .object({
    today: z.string(),
    thresholds: z.object({
      noShowWarning: z.number(),
      noShowHigh: z.number(),
      risePoints: z.number(),
      riseMinResolved: z.number(),
    }),
    alerts: z.array(alertSchema),
  })
  .meta({ id: "AnalyticsInsights" });

export const dashboardWidgetIds = ["summary", "daily", "outcomes", "slotTimes", "rank"] as const;

export const dashboardLayoutSchema = z
  .object({
    widgets: z
      .array(z.object({ id: z.enum(dashboardWidgetIds), hidden: z.boolean() }))
      .max(dashboardWidgetIds.length)
      .refine((widgets) => new Set(widgets.map((widget) => widget.id)).size === widgets.length, {
        message: "analytics.layoutDuplicate",
      })
      .describe("In display order"),
  })
  .meta({ id: "DashboardLayout" });

export type DashboardLayout = z.infer<typeof dashboardLayoutSchema>;
export type Performance = z.infer<typeof performanceSchema>;
export type TeamPerformance = z.infer<typeof teamSchema>;
export type AnalyticsKpis = z.infer<typeof kpisSchema>;
export type AnalyticsInsights = z.infer<typeof insightsSchema>;
export type AnalyticsAlert = z.infer<typeof alertSchema>;
