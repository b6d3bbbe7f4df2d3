import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { config } from "../../config.ts";
import { dynamoClient } from "../clients.ts";
import { unlessConditionFails } from "../errors.ts";
import { keys } from "../keys.ts";
import { queryAll } from "../query.ts";

const table = () => config().TABLE_NAME;

export interface LevelUpRecord {
  level: number;
  tier: number;
  at: string;
  seen: boolean;
}

/** The agent's level-up history, oldest first (kept for good; `seen` once shown). */
export async function listLevelUps(username: string): Promise<LevelUpRecord[]> {
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
    ExpressionAttributeValues: {
      ":pk": keys.gamificationPartition(username),
      ":prefix": keys.levelUpsPrefix(),
    },
    ConsistentRead: true,
  });
  return items.map((item) => ({
    level: Number(item.level),
    tier: Number(item.tier ?? 0),
    at: String(item.at),
    seen: item.seen === true,
  }));
}

/** Marks every unseen level-up as shown; answers how many were. */
export async function acknowledgeLevelUps(username: string): Promise<number> {
  const unseen = (await listLevelUps(username)).filter((levelUp) => !levelUp.seen);
  let seen = 0;
  for (const levelUp of unseen) {
    const written = await unlessConditionFails(
      dynamoClient().send(
        new UpdateCommand({
          TableName: table(),
          Key: keys.levelUp(username, levelUp.tier, levelUp.level),
          UpdateExpression: "SET seen = :yes, seenAt = :now",
          ConditionExpression: "attribute_exists(pk) AND seen = :no",
          ExpressionAttributeValues: { ":yes": true, ":no": false, ":now": new Date().toISOString() },
        }),
      ),
    );
    if (written !== undefined) seen++;
  }
  return seen;
}
