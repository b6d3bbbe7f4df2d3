import { randomUUID } from "node:crypto";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { DateTime } from "luxon";
import { mapWithLimit } from "../concurrency.ts";
import { config } from "../config.ts";
import type { ImportedBookingRow, ParsedImport } from "../domain/imports/rows.ts";
import { putImportedDays } from "./analytics/imported-totals-repository.ts";
import { currentSlotTemplate } from "./booking-settings.ts";
import { bookingItem, type StoredBooking } from "./bookings-repository.ts";
import { dynamoClient } from "./clients.ts";
import { listConsultants } from "./consultants-repository.ts";
import { customerItems, withCustomerId } from "./customers-repository.ts";
import type { ImportReport } from "./import-runs-repository.ts";
import { keys } from "./keys.ts";
import { transactWrite } from "./transactions.ts";

const table = () => config().TABLE_NAME;
export const importActor = "import";

/**
 * Imported booking rows as real past, resolved bookings (no calendar event,
 * no outbox event: nothing to sync, and every aggregate rebuild reads them as
 * bookings). Each with its customer in one transaction; the id comes from the
 * row's content, so importing it again writes the same items.
 */
export async function writeImportedBookings(rows: readonly ImportedBookingRow[]): Promise<number> {
  const template = await currentSlotTemplate();
  const consultants = await listConsultants();
  const byName = new Map(
    consultants.flatMap((c) => [
      [c.name.toLowerCase(), c.id],
      [c.id.toLowerCase(), c.id],
    ]),
  );
  const written = await mapWithLimit(rows, 4, async (row) => {
    const start = DateTime.fromISO(`${row.date}T${row.time}`, { zone: template.timeZone });
    const startIso = start.toUTC().toISO()!;
    const booking: StoredBooking = withCustomerId({
      id: row.id,
      eventId: `sb${row.id}`,
      date: row.date,
      time: row.time,
      start: startIso,
      end: start.plus({ minutes: template.slotMinutes }).toUTC().toISO()!,
      firstName: row.firstName,
      lastName: row.lastName,
      phone: row.phone,
      agent: row.agent,
      ...(row.consultant ? { consultant: byName.get(row.consultant.toLowerCase()) ?? row.consultant } : {}),
      status: row.outcome === "cancelled" || row.outcome === "rescheduled" ? "cancelled" : "booked",
      outcome: row.outcome,
      potentialClass: row.potentialClass,
      outcomeSource: "manual",
      outcomeHistory: [{ at: startIso, by: importActor, from: "pending", to: row.outcome }],
      points: 0,
      sync: { state: "synced", attempts: 0 },
      createdAt: startIso,
      updatedAt: startIso,
    });
    const result = await transactWrite([
      { Put: { TableName: table(), Item: bookingItem(booking) } },
      ...customerItems(booking),
    ]);
    return result.ok ? 1 : 0;
  });
  return written.reduce<number>((sum, count) => sum + count, 0);
}

/** Writes what the file's valid rows say and keeps the report (listed for admins). */
export async function applyImport(
  parsed: ParsedImport,
  by: string,
  fileName?: string,
): Promise<ImportReport> {
  let imported: number;
  if (parsed.kind === "dailyTotals") {
    await putImportedDays(parsed.accepted);
    imported = parsed.accepted.length;
  } else {
    imported = await writeImportedBookings(parsed.accepted);
  }
  const report: ImportReport = {
    id: randomUUID(),
    at: new Date().toISOString(),
    by,
    ...(fileName ? { fileName } : {}),
    kind: parsed.kind,
    rows: parsed.rows,
    imported,
    rejected: parsed.rejected,
  };
  await dynamoClient().send(
    new PutCommand({
      TableName: table(),
      Item: { ...keys.importRun(report.at, report.id), type: "import-run", report: JSON.stringify(report) },
    }),
  );
  return report;
}
