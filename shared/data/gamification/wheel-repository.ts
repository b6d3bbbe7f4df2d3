import { randomInt as cryptoRandomInt, randomUUID } from "node:crypto";
import { BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import { config } from "../../config.ts";
import { pickMysteryItem } from "../../domain/gamification/shop.ts";
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
import { applyLedgerEntry, getAccount } from "./ledger-repository.ts";
import { ownershipPut, readInventory } from "./shop-repository.ts";

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

/** When every common cosmetic is owned already, the mystery box pays this many coins instead. */
export const mysteryBoxFallbackCoins = 50;

/**
 * One spin, in one ledger transaction: the cost (10 coins or a bonus spin,
 * never below zero, checked apart from the prize), the prize (coins, XP,
 * shield, token, or a common cosmetic whose ownership item is written in the
 * same transaction), the `spins` counter and the spin's own record.
 * `randomInt` is `crypto.randomInt` unless a caller (a test) forces the draw.
 */
export async function spinWheel(
  username: string,
  options: { now: Date; payment?: PaymentChoice; randomInt?: RandomInt },
): Promise<SpinRecord> {
  const randomInt = options.randomInt ?? ((max: number) => cryptoRandomInt(max));
  let payment = options.payment ?? "auto";
  if (payment === "auto") payment = (await getAccount(username)).bonusSpins > 0 ? "bonusSpin" : "coins";
  const prize = drawPrize(randomInt);
  // A cosmetic bought meanwhile makes its ownership condition fail: draw the box's item again.
  for (let attempt = 1; ; attempt++) {
    const spin = await applySpin(username, prize, payment, options.now, randomInt);
    if (spin) {
      await trimSpins(username);
      return spin;
    }
    if (attempt >= 3) throw new Error("the mystery box kept losing its item to purchases");
  }
}

async function applySpin(
  username: string,
  prize: WheelPrize,
  payment: SpinPayment,
  now: Date,
  randomInt: RandomInt,
): Promise<SpinRecord | undefined> {
  const deltas = spinDeltas(prize, payment);
  const at = now.toISOString();
  const item = deltas.mysteryBox
    ? pickMysteryItem((await readInventory(username)).owned, randomInt(1_000_000) / 1_000_000)
    : undefined;
  const fallbackCoins = deltas.mysteryBox && !item ? mysteryBoxFallbackCoins : 0;
  const record: SpinRecord = {
    id: randomUUID().replaceAll("-", ""),
    at,
    prizeId: prize.id,
    kind: prize.kind,
    amount: prize.amount,
    payment,
    ...(item ? { itemId: item.id } : {}),
  };
  const coins = deltas.coins + fallbackCoins;
  const inventory = {
    ...(deltas.bonusSpins ? { bonusSpins: deltas.bonusSpins } : {}),
    ...(deltas.streakShields ? { streakShields: deltas.streakShields } : {}),
    ...(deltas.badgeTokens ? { badgeTokens: deltas.badgeTokens } : {}),
  };
  const { applied } = await applyLedgerEntry(
    {
      username,
      eventKey: `wheel:${record.id}`,
      occurredAt: at,
      kind: "wheel",
      ...(coins !== 0 ? { coins } : {}),
      // The price is checked on its own: a prize never pays for the spin that wins it.
      ...(payment === "coins" ? { requiresCoins: spinCost.coins } : {}),
      ...(deltas.xp ? { xp: deltas.xp } : {}),
      ...(Object.keys(inventory).length > 0 ? { inventory } : {}),
      counters: { spins: 1 },
      detail: {
        prizeId: prize.id,
        payment,
        ...(item ? { itemId: item.id } : {}),
        ...(fallbackCoins ? { fallbackCoins } : {}),
      },
    },
    [
      {
        Put: {
          TableName: table(),
          Item: { ...keys.wheelSpin(username, at, record.id), type: "wheelSpin", ...record },
        },
      },
      ...(item ? [ownershipPut(username, item.id, "mysteryBox", at)] : []),
    ],
  );
  return applied ? record : undefined;
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
