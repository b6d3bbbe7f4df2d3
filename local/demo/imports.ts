import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { config } from "../../shared/config.ts";
import { dynamoClient } from "../../shared/data/clients.ts";
import { applyImport } from "../../shared/data/imports-repository.ts";
import { keys } from "../../shared/data/keys.ts";
import { localDate, weekdayOf } from "../../shared/domain/booking/slot-template.ts";
import { parseImport, totalsColumns } from "../../shared/domain/imports/rows.ts";
import { seededRandom } from "./random.ts";

const markerKey = keys.marker("demo-imported-totals-v1");
export const importedDays = 270;

/**
 * The old app's history as it exists: daily totals only, for the 270 days
 * before the demo's booking history (weekdays; weekends closed), as a CSV
 * file the import reads. Seeded, so it is the same file every time.
 */
export function demoTotalsCsv(endBefore: string, days = importedDays): string {
  const next = seededRandom(20250301);
  const lines = [totalsColumns.join(",")];
  const end = Date.parse(`${endBefore}T12:00:00Z`);
  for (let back = days; back >= 1; back--) {
    const date = new Date(end - back * 86_400_000).toISOString().slice(0, 10);
    const weekday = weekdayOf(date);
    const open = weekday !== "sat" && weekday !== "sun";
    const slots = open ? (weekday === "fri" ? 3 : 6) * 8 : 0;
    const booked = Math.floor(slots * (0.45 + next() * 0.4));
    const cancelled = Math.floor(booked * next() * 0.1);
    const rescheduled = Math.floor(booked * next() * 0.04);
    const resolved = booked - cancelled - rescheduled;
    const noShowRate = 0.14 + next() * 0.1;
    const noShow = Math.floor(resolved * noShowRate * 0.85);
    const ghost = Math.floor(resolved * noShowRate * 0.15);
    const overhang = Math.floor((resolved - noShow - ghost) * next() * 0.08);
    const completed = resolved - noShow - ghost - overhang;
    lines.push([date, slots, completed, noShow, ghost, cancelled, rescheduled, overhang].join(","));
  }
  return `${lines.join("\n")}\n`;
}

/** Imports the 270-day file once per data directory (a marker guards it). Returns the days imported. */
export async function seedDemoImportedTotals(now = new Date(), historyDays = 120): Promise<number> {
  const table = config().TABLE_NAME;
  const marker = await dynamoClient().send(new GetCommand({ TableName: table, Key: markerKey }));
  if (marker.Item) return 0;
  const today = localDate(now, config().TIMEZONE);
  const firstBookingDay = new Date(Date.parse(`${today}T12:00:00Z`) - historyDays * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const parsed = parseImport(demoTotalsCsv(firstBookingDay), "csv", today);
  const report = await applyImport(parsed, "demo", "demo-daily-totals.csv");
  await dynamoClient().send(
    new PutCommand({ TableName: table, Item: { ...markerKey, at: now.toISOString() } }),
  );
  return report.imported;
}
