import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import { config } from "../config.ts";
import { dynamoClient } from "./clients.ts";
import { parseItem } from "./items.ts";
import { keys } from "./keys.ts";
import { queryAll } from "./query.ts";

export interface StoredSlot {
  date: string;
  time: string;
  start: string;
  end: string;
  /** Ids of the consultants offering this slot in the last availability run. */
  consultants: string[];
  /** Places per offering consultant; `capacity` is their sum (what agents see). */
  places: Record<string, number>;
  capacity: number;
  booked: number;
  /** Active bookings per consultant; may exceed `places` for bookings flagged over capacity. */
  bookedBy: Record<string, number>;
  /** Set when the slot lost all its consultants while it had some. */
  lostAllAt?: string;
  updatedAt: string;
}

const countsSchema = z.record(z.string(), z.number().int());

// Slots written before consultants had their own places read as empty maps: the next
// availability run writes their places, the consultant migration their counts.
const storedSlotSchema: z.ZodType<StoredSlot, unknown> = z
  .object({
    date: z.string(),
    time: z.string(),
    start: z.string(),
    end: z.string(),
    consultants: z.array(z.string()),
    places: countsSchema.default({}),
    capacity: z.number().int(),
    booked: z.number().int(),
    bookedBy: countsSchema.default({}),
    lostAllAt: z.string().optional(),
    updatedAt: z.string(),
  })
  .loose();

const table = () => config().TABLE_NAME;

/** The slots of whole days from..to, in order: one Query (paged only past 1 MB). */
export async function listSlots(fromDate: string, toDate: string): Promise<StoredSlot[]> {
  const range = keys.slotRange(fromDate, toDate);
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
    ExpressionAttributeValues: { ":pk": keys.slotsPartition(), ":from": range.from, ":to": range.to },
  });
  return items.map((item) => parseItem("slot", storedSlotSchema, item));
}

export type SlotOffer = Omit<StoredSlot, "booked" | "bookedBy">;

/** One slot, read strongly (assignment re-reads it after a lost race). */
/** A slot item as read from the table (or returned by a failed condition). */
export function slotFromItem(item: Record<string, unknown>): StoredSlot {
  return parseItem("slot", storedSlotSchema, item);
}

export async function getSlot(date: string, time: string): Promise<StoredSlot | undefined> {
  const result = await dynamoClient().send(
    new GetCommand({ TableName: table(), Key: keys.slot(date, time), ConsistentRead: true }),
  );
  return result.Item ? slotFromItem(result.Item) : undefined;
}

/**
 * Writes a slot's offer (consultants, their places, capacity) without touching
 * its booked counts, which bookings change concurrently.
 */
export async function writeSlotOffer(slot: SlotOffer): Promise<void> {
  await dynamoClient().send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.slot(slot.date, slot.time),
      UpdateExpression:
        "SET #type = :type, #date = :date, #time = :time, #start = :start, #end = :end, consultants = :consultants, places = :places, #capacity = :capacity, booked = if_not_exists(booked, :zero), bookedBy = if_not_exists(bookedBy, :empty), updatedAt = :updatedAt" +
        (slot.lostAllAt ? ", lostAllAt = :lostAllAt" : " REMOVE lostAllAt"),
      ExpressionAttributeNames: {
        "#type": "type",
        "#date": "date",
        "#time": "time",
        "#start": "start",
        "#end": "end",
        "#capacity": "capacity",
      },
      ExpressionAttributeValues: {
        ":type": "slot",
        ":date": slot.date,
        ":time": slot.time,
        ":start": slot.start,
        ":end": slot.end,
        ":consultants": slot.consultants,
        ":places": slot.places,
        ":capacity": slot.capacity,
        ":zero": 0,
        ":empty": {},
        ":updatedAt": slot.updatedAt,
        ...(slot.lostAllAt ? { ":lostAllAt": slot.lostAllAt } : {}),
      },
    }),
  );
}

/**
 * Sets a slot's per-consultant counts as the bookings say (the one-off
 * consultant migration): absolute values, so a second run writes the same.
 */
export async function setSlotCounts(
  date: string,
  time: string,
  counts: { booked: number; bookedBy: Record<string, number> },
): Promise<void> {
  await dynamoClient().send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.slot(date, time),
      UpdateExpression: "SET booked = :booked, bookedBy = :bookedBy",
      ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeValues: { ":booked": counts.booked, ":bookedBy": counts.bookedBy },
    }),
  );
}
