import { QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { dynamoClient } from "./clients.ts";
import type { IndexName } from "./table.ts";

/** A Query whose index, if any, is one the table definition declares. */
export type QueryInput = Omit<QueryCommandInput, "IndexName"> & { IndexName?: IndexName };

/** Every item of a query, following LastEvaluatedKey, up to `limit`. */
export async function queryAll(
  input: QueryInput,
  limit = Number.POSITIVE_INFINITY,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await dynamoClient().send(new QueryCommand({ ...input, ExclusiveStartKey: cursor }));
    items.push(...(page.Items ?? []));
    cursor = page.LastEvaluatedKey;
  } while (cursor && items.length < limit);
  return items.slice(0, limit);
}
