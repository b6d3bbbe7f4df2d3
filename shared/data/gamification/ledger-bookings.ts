import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { config } from "../../config.ts";
import { localDate } from "../../domain/booking/local-date.ts";
import {
  type BookingCredit,
  creditDelta,
  creditFor,
  isZeroCredit,
  noCredit,
} from "../../domain/gamification/booking-credit.ts";
import { prestigeMultiplier } from "../../domain/gamification/levels.ts";
import { seasonMultipliers } from "../../domain/gamification/periods.ts";
import type { GamificationSettings } from "../../domain/gamification/settings.ts";
import { bookingEvents } from "../../events/booking-events.ts";
import type { OutboxEvent } from "../../events/outbox.ts";
import { slotTimeZone } from "../booking-settings.ts";
import { getBooking, type StoredBooking } from "../bookings-repository.ts";
import { dynamoClient } from "../clients.ts";
import { keys } from "../keys.ts";
import type { TransactItem } from "../transactions.ts";
import { accountFromItem, applyLedger, readAccountItem, tierAt } from "./ledger-repository.ts";
import { gamificationSettings } from "./ledger-settings.ts";
import { refreshStreaks } from "./streaks-repository.ts";

const table = () => config().TABLE_NAME;

/** The booking events that change what a booking credits. */
export const creditEvents = [
  bookingEvents.created,
  bookingEvents.rescheduled,
  bookingEvents.cancelled,
  bookingEvents.outcomeSet,
  bookingEvents.released,
] as const;

/**
 * Effective XP per confirmed point of a booking: the base, the season of its
 * creation day and the prestige tier the agent held then. A function of the
 * booking and the prestige history only, so the rebuild computes the same.
 */
export function xpPerPointFor(
  booking: Pick<StoredBooking, "createdAt">,
  prestigeHistory: { at: string }[],
  settings: GamificationSettings,
  timeZone: string,
): number {
  const date = localDate(new Date(booking.createdAt), timeZone);
  const tier = tierAt({ prestigeHistory }, booking.createdAt);
  return (
    settings.xpPerConfirmedPoint * seasonMultipliers(date, settings).xp * prestigeMultiplier(tier, settings)
  );
}

interface StoredCredit extends BookingCredit {
  version: number;
}

async function readCredit(bookingId: string): Promise<StoredCredit | undefined> {
  const result = await dynamoClient().send(
    new GetCommand({ TableName: table(), Key: keys.bookingCredit(bookingId), ConsistentRead: true }),
  );
  if (!result.Item) return undefined;
  const item = result.Item;
  const n = (name: string) => (typeof item[name] === "number" ? (item[name] as number) : 0);
  return {
    provisional: n("provisional"),
    confirmed: n("confirmed"),
    xp: n("xp"),
    bookings: n("bookings"),
    resolved: n("resolved"),
    shown: n("shown"),
    version: n("version"),
  };
}

export function creditItem(booking: StoredBooking, credit: BookingCredit, version: number) {
  return {
    ...keys.bookingCredit(booking.id),
    type: "bookingCredit",
    bookingId: booking.id,
    username: booking.agent,
    occurredAt: booking.createdAt,
    ...credit,
    version,
  };
}

/** Writes the credit only if nobody else did since it was read (per-booking optimistic lock). */
function creditPut(
  booking: StoredBooking,
  credit: BookingCredit,
  seenVersion: number | undefined,
): TransactItem {
  return {
    Put: {
      TableName: table(),
      Item: creditItem(booking, credit, (seenVersion ?? 0) + 1),
      ...(seenVersion === undefined
        ? { ConditionExpression: "attribute_not_exists(pk)" }
        : { ConditionExpression: "version = :seen", ExpressionAttributeValues: { ":seen": seenVersion } }),
    },
  };
}

export type CreditOutcome = "applied" | "unchanged" | "duplicate" | "missing";

/**
 * Brings a booking's credit to what the booking now deserves, as one ledger
 * entry keyed `booking:<bookingId>:<eventId>`. Points and counters land in the
 * buckets of the booking's creation instant (a reschedule or an outcome moves
 * no points between days). Then the agent's streaks are refreshed.
 */
export async function applyBookingEvent(event: OutboxEvent, now = new Date()): Promise<CreditOutcome> {
  const bookingId = (event.payload as { bookingId?: unknown } | undefined)?.bookingId;
  if (typeof bookingId !== "string") return "missing";
  for (let attempt = 0; attempt < 10; attempt++) {
    const [booking, previous, settings, timeZone] = await Promise.all([
      getBooking(bookingId),
      readCredit(bookingId),
      gamificationSettings(),
      slotTimeZone(),
    ]);
    if (!booking) return "missing";
    const accountItem = await readAccountItem(booking.agent);
    const account = accountFromItem(booking.agent, accountItem, settings);
    const next = creditFor(booking, xpPerPointFor(booking, account.prestigeHistory, settings, timeZone));
    const delta = creditDelta(next, previous ?? noCredit);
    if (isZeroCredit(delta)) return "unchanged";
    const counters: Record<string, number> = {};
    if (delta.bookings !== 0) counters.bookings = delta.bookings;
    if (delta.resolved !== 0) counters.resolved = delta.resolved;
    if (delta.shown !== 0) counters.shown = delta.shown;
    const result = await applyLedger(
      {
        username: booking.agent,
        eventKey: `booking:${booking.id}:${event.id}`,
        occurredAt: booking.createdAt,
        kind:
          event.type === bookingEvents.created || event.type === bookingEvents.rescheduled
            ? "booking"
            : "outcome",
        points: { provisional: delta.provisional, confirmed: delta.confirmed },
        xp: delta.xp,
        counters,
        detail: {
          bookingId: booking.id,
          event: event.type,
          outcome: booking.outcome,
          status: booking.status,
        },
      },
      [creditPut(booking, next, previous?.version)],
      { exactXp: true, accountRead: { item: accountItem } },
    );
    if (result.applied) {
      await refreshStreaks(booking.agent, now);
      return "applied";
    }
    if (result.reason === "duplicate") return "duplicate";
    // Another event of this booking moved the credit meanwhile: read again.
  }
  throw new Error("booking credit kept changing; retried later");
}
