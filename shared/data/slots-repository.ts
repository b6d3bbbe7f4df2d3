import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
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
  capacity: number;
  booked: number;
  /** Set when the slot lost all its consultants while it had some. */
  lostAllAt?: string;
  updatedAt: string;
}

const storedSlotSchema: z.ZodType<StoredSlot> = z
  .object({
    date: z.string(),
    time: z.string(),
    start: z.string(),
    end: z.string(),
    consultants: z.array(z.string()),
    capacity: z.number().int(),
    booked: z.number().int(),
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

/**
 * Writes a slot's offer (consultants, capacity) without touching its booked
 * count, which bookings change concurrently.
 */
export async function writeSlotOffer(slot: Omit<StoredSlot, "booked">): Promise<void> {
  await dynamoClient().send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.slot(slot.date, slot.time),
      UpdateExpression:
        "SET #type = :type, #date = :date, #time = :time, #start = :start, #end = :end, consultants = :consultants, #capacity = :capacity, booked = if_not_exists(booked, :zero), updatedAt = :updatedAt" +
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
        ":capacity": slot.capacity,
        ":zero": 0,
        ":updatedAt": slot.updatedAt,
        ...(slot.lostAllAt ? { ":lostAllAt": slot.lostAllAt } : {}),
      },
    }),
  );
}
