import { randomUUID } from "node:crypto";
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { config } from "../config.ts";
import { type JobRun, jobRunSchema } from "../contracts/jobs.ts";
import { dynamoClient } from "./clients.ts";
import { keys } from "./keys.ts";

const keepDays = 30;
const table = () => config().TABLE_NAME;

/** Sorts by start time; the suffix keeps two runs started in the same millisecond apart. */
export function newJobRunId(startedAt: string): string {
  return `${startedAt}_${randomUUID().slice(0, 8)}`;
}

/** Creates the run's record as `running` (30 days, then TTL removes it). */
export async function startJobRun(job: string, id = newJobRunId(new Date().toISOString())): Promise<JobRun> {
  const startedAt = id.split("_")[0]!;
  const run: JobRun = { id, job, status: "running", startedAt };
  await dynamoClient().send(
    new PutCommand({
      TableName: table(),
      Item: {
        ...keys.jobRun(job, id),
        type: "job-run",
        ...run,
        expiresAt: Math.floor(Date.parse(startedAt) / 1000) + keepDays * 86_400,
      },
    }),
  );
  return run;
}

export async function getJobRun(job: string, id: string): Promise<JobRun | undefined> {
  const result = await dynamoClient().send(new GetCommand({ TableName: table(), Key: keys.jobRun(job, id) }));
  return result.Item ? jobRunSchema.parse(result.Item) : undefined;
}

export async function reportJobProgress(job: string, id: string, done: number, total: number): Promise<void> {
  await dynamoClient().send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.jobRun(job, id),
      UpdateExpression: "SET progress = :progress",
      ExpressionAttributeValues: { ":progress": { done, total } },
    }),
  );
}

export async function finishJobRun(
  job: string,
  id: string,
  outcome:
    | { status: "succeeded"; summary: Record<string, unknown> }
    | { status: "failed"; error: string; summary?: Record<string, unknown> },
): Promise<void> {
  const values: Record<string, unknown> = {
    ":status": outcome.status,
    ":finishedAt": new Date().toISOString(),
    ":summary": outcome.summary ?? {},
  };
  let update = "SET #status = :status, finishedAt = :finishedAt, summary = :summary";
  if (outcome.status === "failed") {
    update += ", #error = :error";
    values[":error"] = outcome.error;
  }
  await dynamoClient().send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.jobRun(job, id),
      UpdateExpression: update,
      ExpressionAttributeNames: {
        "#status": "status",
        ...(outcome.status === "failed" ? { "#error": "error" } : {}),
      },
      ExpressionAttributeValues: values,
    }),
  );
}

/** The latest runs, newest first. */
export async function latestJobRuns(job: string, limit = 10): Promise<JobRun[]> {
  const result = await dynamoClient().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.jobRun(job, "").pk },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  // Runs written before runs had a status carry only `at` and `summary`: they were finished runs.
  return (result.Items ?? []).map((item) =>
    jobRunSchema.parse(
      item.status
        ? item
        : {
            id: String(item.sk),
            job,
            status: "succeeded",
            startedAt: item.at,
            finishedAt: item.at,
            summary: item.summary,
          },
    ),
  );
}
