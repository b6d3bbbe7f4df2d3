import * as z from "zod";
import { languageSchema } from "./messages.ts";
import { auditEntrySchema, roleSchema, usernameSchema, userSchema } from "./user-records.ts";

// Users, roles and audit entries as the repositories read them back live apart (user-records.ts), so that
// reading sessions, users or the audit log does not construct the login and user-editing schemas.
export {
  type AuditEntry,
  auditEntrySchema,
  okSchema,
  roleSchema,
  type User,
  usernameParamsSchema,
  usernameSchema,
  userSchema,
} from "./user-records.ts";

export const passwordSchema = z.string().min(10).max(200);

export const sessionUserSchema = z
  .object({
    username: z.string(),
    role: roleSchema,
    displayName: z.string(),
    language: languageSchema
      .optional()
      .describe("The API answers in this language; unset: `Accept-Language`"),
  })
  .meta({ id: "SessionUser" });

/** What signed-in users change about themselves. */
export const updateMeSchema = z.object({ language: languageSchema });

export const loginRequestSchema = z.object({
  username: z.string().trim().toLowerCase().min(1, "user.usernameMissing").max(40),
  password: z.string().min(1, "user.passwordMissing").max(200),
});

export const sessionSchema = z
  .object({ user: sessionUserSchema, csrfToken: z.string() })
  .meta({ id: "Session" });

export const userListSchema = z.object({ users: z.array(userSchema) });

export const createUserSchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1, "field.nameMissing").max(80),
  role: roleSchema,
  password: passwordSchema,
});

export const updateUserSchema = z
  .object({
    displayName: z.string().trim().min(1, "field.nameMissing").max(80).optional(),
    role: roleSchema.optional(),
    active: z.boolean().optional(),
    password: passwordSchema.optional(),
  })
  .refine((value) => Object.keys(value).length > 0, { message: "field.noChange" });

const isoDate = z.iso.date("field.date");

export const auditQuerySchema = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  user: z.string().trim().toLowerCase().max(40).optional(),
});

export const auditListSchema = z.object({ entries: z.array(auditEntrySchema) });

export type SessionUser = z.infer<typeof sessionUserSchema>;
