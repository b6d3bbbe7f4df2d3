import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { DescribeTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  type _Record,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  ResourceNotFoundException,
  TrimmedDataAccessException,
} from "@aws-sdk/client-dynamodb-streams";
import type { DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { localRegion } from "./dynamodb-local.ts";
import { eventsHandler } from "./functions.ts";
import { lambdaContext } from "./lambda-context.ts";

export interface StreamPollerOptions {
  dynamo: DynamoDBClient;
  endpoint: string;
  tableName: string;
  /** Where the last processed sequence number per shard is kept across restarts. */
  checkpointFile?: string;
  intervalMs?: number;
  batchSize?: number;
  /** Like the AWS event source mapping: give up on a batch after this many tries. */
  maxRetries?: number;
  log?: (line: string) => void;
}

type Checkpoints = Record<string, string>;

/** Converts a Streams API record into the record shape Lambda delivers. */
export function toLambdaRecord(record: _Record, streamArn: string): DynamoDBRecord {
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? "1.1",
    eventSource: "aws:dynamodb",
    awsRegion: localRegion,
    eventSourceARN: streamArn,
    dynamodb: {
      ApproximateCreationDateTime: record.dynamodb?.ApproximateCreationDateTime
        ? Math.floor(record.dynamodb.ApproximateCreationDateTime.getTime() / 1000)
        : undefined,
      Keys: record.dynamodb?.Keys,
      NewImage: record.dynamodb?.NewImage,
      OldImage: record.dynamodb?.OldImage,
      SequenceNumber: record.dynamodb?.SequenceNumber,
      SizeBytes: record.dynamodb?.SizeBytes,
      StreamViewType: record.dynamodb?.StreamViewType,
    },
  } as DynamoDBRecord;
}

/**
 * Reads DynamoDB Local's stream and calls the events handler with the same
 * `DynamoDBStreamEvent` Lambda gets, honouring partial batch failures.
 */
export function startStreamPoller(options: StreamPollerOptions) {
  const streams = new DynamoDBStreamsClient({
    endpoint: options.endpoint,
    region: localRegion,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const intervalMs = options.intervalMs ?? 250;
  const batchSize = options.batchSize ?? 100;
  const maxRetries = options.maxRetries ?? 10;
  const log = options.log ?? console.log;
  const checkpoints: Checkpoints =
    options.checkpointFile && existsSync(options.checkpointFile)
      ? (JSON.parse(readFileSync(options.checkpointFile, "utf8")) as Checkpoints)
      : {};
  const iterators = new Map<string, string | undefined>();
  const failures = new Map<string, number>();
  let stopped = false;
  let idle: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;

  function saveCheckpoints() {
    if (!options.checkpointFile) return;
    const temporary = `${options.checkpointFile}.tmp`;
    writeFileSync(temporary, JSON.stringify(checkpoints));
    renameSync(temporary, options.checkpointFile);
  }

  async function streamArn(): Promise<string> {
    const table = await options.dynamo.send(new DescribeTableCommand({ TableName: options.tableName }));
    const arn = table.Table?.LatestStreamArn;
    if (!arn) throw new Error(`table ${options.tableName} has no stream`);
    return arn;
  }

  async function iteratorFor(arn: string, shardId: string): Promise<string | undefined> {
    const after = checkpoints[shardId];
    const request = after
      ? { ShardIteratorType: "AFTER_SEQUENCE_NUMBER" as const, SequenceNumber: after }
      : { ShardIteratorType: "TRIM_HORIZON" as const };
    try {
      const result = await streams.send(
        new GetShardIteratorCommand({ StreamArn: arn, ShardId: shardId, ...request }),
      );
      return result.ShardIterator;
    } catch (error) {
      if (!(error instanceof TrimmedDataAccessException) || !after) throw error;
      delete checkpoints[shardId];
      return iteratorFor(arn, shardId);
    }
  }

  async function deliver(records: _Record[], arn: string, shardId: string): Promise<boolean> {
    const event: DynamoDBStreamEvent = { Records: records.map((record) => toLambdaRecord(record, arn)) };
    const handler = await eventsHandler();
    // A handler that throws fails the whole batch, as on AWS.
    const result = await handler(event, lambdaContext("slot-booking-events")).catch((error: unknown) => {
      log(`stream: events handler failed: ${error instanceof Error ? error.message : String(error)}`);
      return { batchItemFailures: [{ itemIdentifier: records[0]?.dynamodb?.SequenceNumber ?? "" }] };
    });
    const failed = result?.batchItemFailures?.[0]?.itemIdentifier;
    const failedAt = failed ? records.findIndex((record) => record.dynamodb?.SequenceNumber === failed) : -1;
    const processed = failed ? records.slice(0, Math.max(0, failedAt)) : records;
    const last = processed.at(-1)?.dynamodb?.SequenceNumber;
    if (last) {
      checkpoints[shardId] = last;
      saveCheckpoints();
    }
    if (!failed) {
      failures.delete(shardId);
      return true;
    }
    const attempts = (failures.get(shardId) ?? 0) + 1;
    failures.set(shardId, attempts);
    if (attempts < maxRetries) return false;
    // Same as the on-failure destination on AWS: skip the poisoned record, keep going.
    log(`stream: giving up on record ${failed} after ${attempts} attempts`);
    checkpoints[shardId] = failed;
    saveCheckpoints();
    failures.delete(shardId);
    return false;
  }

  async function pollOnce(): Promise<number> {
    const arn = await streamArn();
    const description = await streams.send(new DescribeStreamCommand({ StreamArn: arn }));
    let delivered = 0;
    for (const shard of description.StreamDescription?.Shards ?? []) {
      const shardId = shard.ShardId!;
      if (!iterators.has(shardId)) iterators.set(shardId, await iteratorFor(arn, shardId));
      const iterator = iterators.get(shardId);
      if (!iterator) continue; // closed shard, fully read
      let result: GetRecordsCommandOutput;
      try {
        result = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: batchSize }));
      } catch (error) {
        if (error instanceof ExpiredIteratorException || error instanceof ResourceNotFoundException) {
          iterators.delete(shardId);
          continue;
        }
        throw error;
      }
      const records = result.Records ?? [];
      if (records.length === 0) {
        iterators.set(shardId, result.NextShardIterator);
        continue;
      }
      const complete = await deliver(records, arn, shardId);
      delivered += records.length;
      // After a failure, re-read from the checkpoint, as Lambda retries the batch.
      if (complete) iterators.set(shardId, result.NextShardIterator);
      else iterators.delete(shardId);
    }
    return delivered;
  }

  // One poll at a time, so drain() and the timer never deliver a batch twice.
  let running: Promise<unknown> = Promise.resolve();
  function pollSerially(): Promise<number> {
    const next = running.then(pollOnce);
    running = next.catch(() => undefined);
    return next;
  }

  async function loop() {
    if (stopped) return;
    let delivered = 0;
    try {
      delivered = await pollSerially();
    } catch (error) {
      log(`stream: ${error instanceof Error ? error.message : String(error)}`);
    }
    // A backlog is read batch after batch, as Lambda's poller does; the pause is for an idle stream.
    if (stopped) idle?.();
    else timer = setTimeout(loop, delivered > 0 ? 0 : intervalMs);
  }

  timer = setTimeout(loop, 0);
  return {
    /** Reads until nothing new arrives; for tests that wait for effects. */
    async drain(): Promise<void> {
      while ((await pollSerially()) > 0) {}
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await new Promise<void>((resolve) => {
        idle = resolve;
        setTimeout(resolve, intervalMs * 2).unref();
      });
      streams.destroy();
    },
  };
}
