import { z } from "zod";

/** Jobs an admin may start by hand. */
export const runnableJobs = ["generate-availability", "check-outcomes", "retry-calendar-sync"] as const;

export const jobNameParamsSchema = z.object({ job: z.enum(runnableJobs, "Unbekannter Job") });

const summarySchema = z.record(z.string(), z.unknown());

export const jobRunResultSchema = z.object({ job: z.string(), summary: summarySchema });
export const jobRunListSchema = z.object({
  runs: z.array(z.object({ at: z.string(), summary: summarySchema })),
});

export const jobRunQuerySchema = z.object({
  /** check-outcomes: the local date to read (default today). */
  date: z.iso.date("Datum im Format JJJJ-MM-TT").optional(),
});
