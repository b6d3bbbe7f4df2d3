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

const days = 269;
const perDay = 100;
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
 * figures computed by scanning every booking of 269 days × 100 a day.
 */
export async function benchAnalytics(): Promise<void> {
  const today = localDate(new Date(), config().TIMEZONE);
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
  for (let index = 0; index < items.length; index += 25) {
    let pending: unknown[] | undefined = items
      .slice(index, index + 25)
      .map((Item) => ({ PutRequest: { Item } }));
    while (pending?.length) {
      const result: { UnprocessedItems?: Record<string, unknown[]> } = await dynamoClient().send(
        new BatchWriteCommand({ RequestItems: { [config().TABLE_NAME]: pending as never } }),
      );
      pending = result.UnprocessedItems?.[config().TABLE_NAME];
    }
  }
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
      consultants: [...byValue(rows.get("consultant") ?? [], window)].map(([, counts]) => rates(counts)),
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
  if (JSON.stringify(await fromAggregatesAll()) !== JSON.stringify(await byScanning()))
    throw new Error("aggregates and scanning disagree");
  const median = async (run: () => Promise<unknown>, times = 5) => {
    const durations: number[] = [];
    for (let index = 0; index < times; index++) {
      const started = performance.now();
      await run();
      durations.push(performance.now() - started);
    }
    return durations.sort((a, b) => a - b)[Math.floor(times / 2)]!;
  };
  const fromAggregates = await median(fromAggregatesAll);
  const kpisPage = await median(() => kpis());
  const scanning = await median(byScanning, 3);
  console.log(`\nAnalytics dashboard, ${days} days × ${perDay} bookings/day (${items.length} bookings)`);
  console.table([
    {
      what: `KPI figures over ${days} days from aggregates`,
      medianMs: fromAggregates.toFixed(1),
    },
    { what: "same figures by scanning every booking", medianMs: scanning.toFixed(1) },
    { what: "GET /api/analytics/kpis work (30 days + capacity)", medianMs: kpisPage.toFixed(1) },
  ]);
  console.log(
    `aggregates ×${(scanning / fromAggregates).toFixed(1)} faster; seeding ${seedMs} ms, rebuild job ${rebuildMs} ms (${rebuild.rows} rows from ${rebuild.bookings} bookings)`,
  );
}
