import * as z from "zod";

export const dependencyCheckSchema = z.object({
  status: z.enum(["ok", "error"]),
  latencyMs: z.number(),
  detail: z.string().optional(),
});

export const healthSchema = z
  .object({
    status: z.enum(["ok", "degraded"]),
    version: z.string(),
    time: z.string(),
    checks: z.object({
      table: dependencyCheckSchema,
      bucket: dependencyCheckSchema,
      calendar: dependencyCheckSchema,
    }),
  })
  .meta({ id: "Health" });

export type Health = z.infer<typeof healthSchema>;
export type DependencyCheck = z.infer<typeof dependencyCheckSchema>;

/** The OpenAPI document is generated, so its schema is deliberately open. */
export const openApiDocumentSchema = z.looseObject({ openapi: z.string() });
