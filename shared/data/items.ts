import type * as z from "zod";
import { keyAttributes } from "./table.ts";

/**
 * Items are parsed on read against their entity's zod schema, never cast.
 * Zod rather than an entity library (ElectroDB, DynamoDB-Toolbox): the API
 * contracts are zod already, so each stored entity is its contract schema plus
 * its internal fields; keys stay in keys.ts (an entity library would impose
 * its own key format and a data migration) and no dependency is added.
 *
 * Entity schemas are loose: attributes this version does not know (written by
 * a newer deployment during a rollout) are kept, so a read-modify-write does
 * not drop them; every attribute it does know is checked.
 */
export function parseItem<S extends z.ZodType>(entity: string, schema: S, item: Record<string, unknown>) {
  const attributes: Record<string, unknown> = { ...item };
  for (const name of keyAttributes) delete attributes[name];
  const result = schema.safeParse(attributes);
  if (!result.success) {
    // Paths only: values may be personal data.
    const paths = result.error.issues.map((issue) => issue.path.join(".") || "(item)").join(", ");
    throw new Error(`stored ${entity} item does not match its schema at ${paths}`);
  }
  return result.data;
}
