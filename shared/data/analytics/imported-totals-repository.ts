import { config } from "../../config.ts";
import type { ImportedDay } from "../../domain/imports/rows.ts";
import { batchPut } from "../batch-write.ts";
import { keys } from "../keys.ts";
import { queryAll } from "../query.ts";

export type { ImportedDay };

const table = () => config().TABLE_NAME;

/**
 * Imported daily totals (the old app's history exists only as these), one
 * item per date: importing a date again replaces its totals, so the same file
 * twice gives the same state.
 */
export async function putImportedDays(days: readonly ImportedDay[]): Promise<void> {
  await batchPut(days.map((day) => ({ ...keys.importedDay(day.date), type: "imported-day", ...day })));
}

/** The imported days from..to (inclusive, local dates), in date order: one Query. */
export async function listImportedDays(from: string, to: string): Promise<ImportedDay[]> {
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
    ExpressionAttributeValues: { ":pk": keys.importedDaysPartition(), ":from": from, ":to": to },
  });
  return items.map((item) => ({
    date: String(item.date),
    slots: Number(item.slots ?? 0),
    completed: Number(item.completed ?? 0),
    no_show: Number(item.no_show ?? 0),
    ghost: Number(item.ghost ?? 0),
    cancelled: Number(item.cancelled ?? 0),
    rescheduled: Number(item.rescheduled ?? 0),
    overhang: Number(item.overhang ?? 0),
  }));
}
