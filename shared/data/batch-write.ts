import { BatchWriteCommand, type BatchWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import { mapWithLimit } from "../concurrency.ts";
import { config } from "../config.ts";
import { dynamoClient } from "./clients.ts";

type WriteRequests = NonNullable<BatchWriteCommandInput["RequestItems"]>[string];

const batchSize = 25;
const attempts = 8;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Puts many items in batches of 25 (unprocessed items sent again with
 * backoff). No conditions: for items whose key is derived from their content
 * (history, imports), where writing one twice writes the same.
 */
export async function batchPut(items: readonly Record<string, unknown>[], concurrency = 6): Promise<void> {
  const table = config().TABLE_NAME;
  const chunks: Record<string, unknown>[][] = [];
  for (let start = 0; start < items.length; start += batchSize)
    chunks.push(items.slice(start, start + batchSize));
  await mapWithLimit(chunks, concurrency, async (chunk) => {
    let pending: WriteRequests = chunk.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > attempts) throw new Error(`${pending.length} items left unwritten after retries`);
      if (attempt > 1) await sleep(Math.random() * Math.min(1_000, 50 * 2 ** attempt));
      const result = await dynamoClient().send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = result.UnprocessedItems?.[table] ?? [];
    }
  });
}
