import { config } from "../config.ts";
import type { ParsedImport } from "../domain/imports/rows.ts";
import { keys } from "./keys.ts";
import { queryAll } from "./query.ts";

/**
 * The reports of past imports, apart from applying an import
 * (imports-repository.ts): listing them needs none of the row parsing, the
 * slot template or the booking writes, so the imports function's cold start
 * loads only this and imports the rest when a file comes.
 */

export interface ImportReport {
  id: string;
  at: string;
  by: string;
  fileName?: string;
  kind: ParsedImport["kind"];
  rows: number;
  imported: number;
  rejected: ParsedImport["rejected"];
}

export async function listImports(limit = 20): Promise<ImportReport[]> {
  const items = await queryAll({
    TableName: config().TABLE_NAME,
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": keys.importRunsPartition() },
    ScanIndexForward: false,
    Limit: limit,
  });
  return items
    .slice(0, limit)
    .flatMap((item) => (typeof item.report === "string" ? [JSON.parse(item.report) as ImportReport] : []));
}
