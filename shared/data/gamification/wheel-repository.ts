import { randomInt as cryptoRandomInt, randomUUID } from "node:crypto";
import { BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import { config } from "../../config.ts";
import {
  drawPrize,
  type RandomInt,
  type SpinPayment,
  spinCost,
  spinDeltas,
  spinsKept,
  type WheelPrize,
} from "../../domain/gamification/wheel.ts";
import { dynamoClient } from "../clients.ts";
import { keys } from "../keys.ts";
import { queryAll } from "../query.ts";
import type { TransactItem } from "../transactions.ts";
import { applyLedgerEntry, getAccount } from "./ledger-repository.ts";

const table = () => config().TABLE_NAME;

export interface SpinRecord {
  id: string;
  at: string;
  prizeId: string;
  kind: WheelPrize["kind"];
  amount: number;
  payment: SpinPayment;
  /** The cosmetic a mystery box granted. */
  itemId?: string | undefined;
}

/** How the spin is paid when the caller does not say: a bonus spin if there is one, else coins. */
export type PaymentChoice = SpinPayment | "auto";

/**
 * A mystery box's cosmetic: the shop decides which common items exist and
 * writes the ownership item, in the spin's own transaction.
 */
export interface MysteryBoxGrant {
  pick(
    username: string,
    randomInt: RandomInt,
  ): Promise<{ itemId: string; items: TransactItem[] } | undefined>;
}

export class NoSpinPaymentError extends Error {}

/**
 * One spin, in one ledger transaction: the cost (10 coins or a bonus spin,
 * never below zero), the prize (coins, XP, shield, token, a cosmetic), the
 * `spins` counter and the spin's own record. `randomInt` is `crypto.randomInt`
 * unless a caller (a test) forces the draw.
 */
export async function spinWheel(
  username: string,
  options: { now: Date; payment?: PaymentChoice; randomInt?: RandomInt; mysteryBox?: MysteryBoxGrant },
): Promise<SpinRecord> {
  const randomInt = options.randomInt ?? ((max: number) => cryptoRandomInt(max));
  let payment = options.payment ?? "auto";
  if (payment === "auto") payment = (await getAccount(username)).bonusSpins > 0 ? "bonusSpin" : "coins";
  const prize = drawPrize(randomInt);
  const deltas = spinDeltas(prize, payment);
  const mystery = deltas.mysteryBox ? await options.mysteryBox?.pick(username, randomInt) : undefined;
  const at = options.now.toISOString();
  const record: SpinRecord = {
    id: randomUUID().replaceAll("-", ""),
    at,
    prizeId: prize.id,
    kind: prize.kind,
    amount: prize.amount,
    payment,
    ...(mystery ? { itemId: mystery.itemId } : {}),
  };
  const inventory = {
    ...(deltas.bonusSpins ? { bonusSpins: deltas.bonusSpins } : {}),
    ...(deltas.streakShields ? { streakShields: deltas.streakShields } : {}),
    ...(deltas.badgeTokens ? { badgeTokens: deltas.badgeTokens } : {}),
  };
  await applyLedgerEntry(
    {
      username,
      eventKey: `wheel:${record.id}`,
      occurredAt: at,
      kind: "wheel",
      ...(deltas.coins !== 0 ? { coins: deltas.coins } : {}),
      ...(deltas.xp ? { xp: deltas.xp } : {}),
      ...(Object.keys(inventory).length > 0 ? { inventory } : {}),
      counters: { spins: 1 },
      detail: { prizeId: prize.id, payment, ...(mystery ? { itemId: mystery.itemId } : {}) },
    },
    [
      {
        Put: {
          TableName: table(),
          Item: { ...keys.wheelSpin(username, at, record.id), type: "wheelSpin", ...record },
        },
      },
      ...(mystery?.items ?? []),
    ],
  );
  await trimSpins(username);
  return record;
}

/** Spins beyond the last `spinsKept` are deleted (best effort: a later spin trims again). */
async function trimSpins(username: string): Promise<void> {
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
    ExpressionAttributeValues: {
      ":pk": keys.wheelSpinsPartition(username),
      ":prefix": keys.wheelSpinsPrefix(),
    },
    ProjectionExpression: "pk, sk",
    ScanIndexForward: false,
  });
  const old = items.slice(spinsKept);
  for (let index = 0; index < old.length; index += 25) {
    await dynamoClient().send(
      new BatchWriteCommand({
        RequestItems: {
          [table()]: old
            .slice(index, index + 25)
            .map((item) => ({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } })),
        },
      }),
    );
  }
}

/** The agent's last spins, newest first. */
export async function listSpins(username: string, limit = spinsKept): Promise<SpinRecord[]> {
  const items = await queryAll(
    {
      TableName: table(),
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: {
        ":pk": keys.wheelSpinsPartition(username),
        ":prefix": keys.wheelSpinsPrefix(),
      },
      ScanIndexForward: false,
      Limit: limit,
    },
    limit,
  );
  return items.map((item) => ({
    id: String(item.id),
    at: String(item.at),
    prizeId: String(item.prizeId),
    kind: item.kind as SpinRecord["kind"],
    amount: Number(item.amount),
    payment: item.payment as SpinPayment,
    ...(typeof item.itemId === "string" ? { itemId: item.itemId } : {}),
  }));
}

/** Spins in [fromIso, toIso). */
export async function countSpinsBetween(username: string, fromIso: string, toIso: string): Promise<number> {
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
    ExpressionAttributeValues: {
      ":pk": keys.wheelSpinsPartition(username),
      ":from": keys.wheelSpin(username, fromIso, "0").sk,
      ":to": keys.wheelSpin(username, toIso, "0").sk,
    },
    ProjectionExpression: "sk",
    ConsistentRead: true,
  });
  return items.length;
}

export { spinCost };
