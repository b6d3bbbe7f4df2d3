import * as z from "zod";
import { languageSchema } from "./messages.ts";

/**
 * Roles, users and audit entries as the API shows them and as the
 * repositories read them back from the table, apart from the login and
 * user-editing schemas of the auth contract (auth.ts re-exports these): every
 * function reads sessions, many read users or write the audit log.
 */

export const roleSchema = z.enum(["agent", "admin"]);

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(40)
  .regex(/^[a-z0-9._-]+$/, "user.usernameChars");

export const usernameParamsSchema = z.object({ username: usernameSchema });

export const okSchema = z.object({ ok: z.literal(true) });

export const userSchema = z
  .object({
    username: z.string(),
    displayName: z.string(),
    role: roleSchema,
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    lastLoginAt: z.string().optional(),
    language: languageSchema.optional(),
  })
  .meta({ id: "User" });

export const auditEntrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    target: z.string().optional(),
    detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  })
  .meta({ id: "AuditEntry" });

export type User = z.infer<typeof userSchema>;
export type AuditEntry = z.infer<typeof auditEntrySchema>;
