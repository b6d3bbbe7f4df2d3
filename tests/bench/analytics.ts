import { BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import { kpis } from "../../functions/analytics/dashboards.ts";
import { config } from "../../shared/config.ts";
import { readAggregates, rebuildAggregates } from "../../shared/data/analytics/aggregates-repository.ts";
import { scanBookings } from "../../shared/data/bookings-repository.ts";
import { dynamoClient } from "../../shared/data/clients.ts";
import { keys } from "../../shared/data/keys.ts";
import { aggregateBookings, parseRowId } from "../../shared/domain/analytics/counts.ts";
import {
  byValue,
  dailySeries,
  heatmap,
  type Row,
  rates,
  rateTrend,
} from "../../shared/domain/analytics/dashboards.ts";
import { addDays, localDate } from "../../shared/domain/booking/local-date.ts";
import { type BenchContext, type BenchRow, concurrently, median, repeat, timed } from "./table.ts";

const outcomes = [
  "completed",
  "completed",
  "completed",
  "overhang",
  "no_show",
  "ghost",
  "cancelled",
  "rescheduled",
] as const;
const times = ["09:00", "11:00", "14:00", "16:00", "18:00", "20:00"];

/**
 * Dashboard latency: the admin KPIs read from the aggregates vs the same
 * figures computed by scanning every booking of 269 days × 100 a day (the
 * scan also reads whatever bookings earlier modules wrote).
 */
export async function benchAnalytics(ctx: BenchContext): Promise<BenchRow[]> {
  const days = ctx.quick ? 30 : 269;
  const perDay = ctx.quick ? 20 : 100;
  // Days that are over: today's later bookings would count as not yet resolved in one path and not the other.
  const today = addDays(localDate(new Date(), config().TIMEZONE), -1);
  const first = addDays(today, -(days - 1));
  const items: Record<string, unknown>[] = [];
  for (let day = 0; day < days; day++) {
    const date = addDays(first, day);
    for (let index = 0; index < perDay; index++) {
      const id = `${String(day).padStart(4, "0")}${String(index).padStart(4, "0")}${"b".repeat(24)}`;
      const time = times[index % times.length]!;
      const start = `${date}T${time}:00.000Z`;
      items.push({
        ...keys.booking(id),
        ...keys.bookingOfAgent(`agent${index % 8}`, start, id),
        ...keys.bookingOnDay(date, time, id),
        type: "booking",
        id,
        eventId: `ev${id}`,
        date,
        time,
        start,
        end: start,
        firstName: "Bench",
        lastName: "Mark",
        phone: "+4915112345678",
        agent: `agent${index % 8}`,
        consultant: `consultant${index % 5}`,
        status: "booked",
        outcome: outcomes[(index * 7 + day) % outcomes.length],
        potentialClass: "standard",
        points: 1 + (index % 5),
        sync: { state: "synced", attempts: 0 },
        createdAt: start,
        updatedAt: start,
      });
    }
  }
  const seeded = Date.now();
  // 8 BatchWrites in flight (unprocessed items sent again).
  await concurrently(Math.ceil(items.length / 25), 8, async (batch) => {
    let pending: unknown[] | undefined = items
      .slice(batch * 25, batch * 25 + 25)
      .map((Item) => ({ PutRequest: { Item } }));
    while (pending?.length) {
      const result: { UnprocessedItems?: Record<string, unknown[]> } = await dynamoClient().send(
        new BatchWriteCommand({ RequestItems: { [config().TABLE_NAME]: pending as never } }),
      );
      pending = result.UnprocessedItems?.[config().TABLE_NAME];
    }
  });
  const seedMs = Date.now() - seeded;
  const rebuildStarted = Date.now();
  const rebuild = await rebuildAggregates();
  const rebuildMs = Date.now() - rebuildStarted;

  const window = { from: first, to: today };
  // The KPIs page's figures over the whole window: per day, 7-day trend, by consultant, heatmap.
  const figures = (rows: Map<string, Row[]>) => {
    const dayRows = rows.get("day") ?? [];
    return {
      perDay: dailySeries(dayRows, window).length,
      trend: rateTrend(dayRows, today),
      // By name: the two sources list consultants in different orders.
      consultants: [...byValue(rows.get("consultant") ?? [], window)]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([value, counts]) => [value, rates(counts)]),
      heatmap: heatmap(rows.get("slotTime") ?? [], window),
    };
  };
  const dimensions = ["day", "consultant", "slotTime"] as const;
  const fromAggregatesAll = async () => {
    const read = await Promise.all(
      dimensions.map((dimension) => readAggregates({ from: first, to: today, dimension })),
    );
    return figures(new Map(dimensions.map((dimension, index) => [dimension, read[index]!])));
  };
  const byScanning = async () => {
    const bookings = (await scanBookings()).filter(
      (booking) => booking.date >= first && booking.date <= today,
    );
    const rows = new Map<string, Row[]>();
    for (const [id, counts] of aggregateBookings(bookings)) {
      const { dimension, date, value } = parseRowId(id);
      rows.set(dimension, [...(rows.get(dimension) ?? []), { date, value, ...counts }]);
    }
    return figures(rows);
  };
  // Both paths must give the same figures, or the comparison means nothing.
  const [stored, scanned] = await Promise.all([fromAggregatesAll(), byScanning()]);
  for (const part of Object.keys(stored) as (keyof typeof stored)[]) {
    const a = JSON.stringify(stored[part]);
    const b = JSON.stringify(scanned[part]);
    if (a !== b) {
      const at = [...a].findIndex((char, index) => char !== b[index]);
      throw new Error(
        `aggregates and scanning disagree on ${part}: …${a.slice(Math.max(0, at - 80), at + 80)}… vs …${b.slice(Math.max(0, at - 80), at + 80)}…`,
      );
    }
  }
  const runs = await repeat(ctx.runs, async () => ({
    // One read is short: the median of 5 stands for the run.
    aggregates: median(await repeat(5, () => timed(fromAggregatesAll))),
    kpis: median(await repeat(5, () => timed(() => kpis()))),
    scanning: await timed(byScanning),
  }));
  const size = `${days} days × ${perDay} bookings/day`;
  return [
    {
      figure: `dashboard figures over ${size} from aggregates`,
      unit: "ms",
      samples: runs.map((run) => run.aggregates),
      baseline: {
        name: `same figures by scanning all ${items.length} bookings`,
        samples: runs.map((run) => run.scanning),
      },
    },
    {
      figure: "GET /api/analytics/kpis work (30 days + capacity), handler function",
      unit: "ms",
      samples: runs.map((run) => run.kpis),
    },
    {
      figure: `rebuild-aggregates job, ${size} (${rebuild.rows} rows)`,
      unit: "ms",
      samples: [rebuildMs],
      note: `1 run; seeding took ${(seedMs / 1000).toFixed(0)} s`,
    },
  ];
}
