import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { config } from "../config.ts";
import { dynamoClient } from "./clients.ts";
import { keys } from "./keys.ts";

const keepDays = 30;

/** Keeps a job run's summary for admins (30 days, then TTL removes it). */
export async function recordJobRun(job: string, at: string, summary: Record<string, unknown>): Promise<void> {
  await dynamoClient().send(
    new PutCommand({
      TableName: config().TABLE_NAME,
      Item: {
        ...keys.jobRun(job, at),
        type: "job-run",
        job,
        at,
        summary,
        expiresAt: Math.floor(Date.parse(at) / 1000) + keepDays * 86_400,
      },
    }),
  );
}

export async function latestJobRuns(
  job: string,
  limit = 10,
): Promise<{ at: string; summary: Record<string, unknown> }[]> {
  const result = await dynamoClient().send(
    new QueryCommand({
      TableName: config().TABLE_NAME,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.jobRun(job, "").pk },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (result.Items ?? []).map((item) => ({
    at: String(item.at),
    summary: item.summary as Record<string, unknown>,
  }));
}
