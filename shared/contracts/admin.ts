import * as z from "zod";
import { consultantAdminSchema } from "./booking.ts";
import { auditEntrySchema } from "./user-records.ts";

/** A consultant in the admin list, flagged when its calendar failed in the latest availability run. */
export const consultantAdminListItemSchema = consultantAdminSchema
  .extend({
    lastRunFailed: z.object({ at: z.string(), reason: z.string() }).optional(),
  })
  .meta({ id: "ConsultantAdminListItem" });

export const loginLockSchema = z
  .object({
    username: z.string(),
    /** pair: this user is locked out from this address; user: this username is slowed down everywhere. */
    scope: z.enum(["pair", "user"]),
    address: z.string().optional(),
    failures: z.number().int(),
    until: z.string(),
  })
  .meta({ id: "LoginLock" });

export const loginLockListSchema = z.object({ locks: z.array(loginLockSchema) });
export const loginLocksClearedSchema = z.object({ cleared: z.number().int() });

/**
 * An audit entry with what an admin needs to read it: display names of the actor and the target
 * user or consultant, and for a booking its customer and slot.
 */
export const auditViewEntrySchema = auditEntrySchema
  .extend({
    actorName: z.string().optional(),
    targetName: z.string().optional(),
    booking: z.object({ customer: z.string(), date: z.string(), time: z.string() }).optional(),
  })
  .meta({ id: "AuditViewEntry" });

export const auditViewListSchema = z.object({ entries: z.array(auditViewEntrySchema) });

const isoDate = z.iso.date("field.date");

export const auditFilterSchema = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  user: z.string().trim().toLowerCase().max(40).optional(),
  /** An action (`booking.cancelled`) or a group of them (`booking`). */
  action: z
    .string()
    .trim()
    .max(60)
    .regex(/^[a-z_.]+$/, "field.format")
    .optional(),
});

export type ConsultantAdminListItem = z.infer<typeof consultantAdminListItemSchema>;
export type LoginLockView = z.infer<typeof loginLockSchema>;
export type AuditViewEntry = z.infer<typeof auditViewEntrySchema>;
