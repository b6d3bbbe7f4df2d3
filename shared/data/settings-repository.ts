import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type * as z from "zod";
import { config } from "../config.ts";
import { dynamoClient } from "./clients.ts";
import { keys } from "./keys.ts";

/** A configuration document stored in the table, validated on read, defaults when absent. */
export async function readSetting<S extends z.ZodType>(
  name: string,
  schema: S,
  defaults: z.output<S>,
): Promise<z.output<S>> {
  const result = await dynamoClient().send(
    new GetCommand({ TableName: config().TABLE_NAME, Key: keys.setting(name) }),
  );
  if (!result.Item) return defaults;
  const parsed = schema.safeParse(result.Item.value);
  return parsed.success ? parsed.data : defaults;
}

export async function writeSetting(name: string, value: unknown): Promise<void> {
  await dynamoClient().send(
    new PutCommand({
      TableName: config().TABLE_NAME,
      Item: { ...keys.setting(name), type: "setting", value, updatedAt: new Date().toISOString() },
    }),
  );
}
