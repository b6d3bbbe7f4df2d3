import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import {
  type OutboxEvent,
  type OutboxSubscribers,
  outboxPartitionPrefix,
} from "../../shared/events/outbox.ts";

/** The outbox event a stream record carries, if it is a newly written outbox item. */
export function outboxEventOf(record: DynamoDBRecord): OutboxEvent | undefined {
  // Decide by the key alone: other items are none of this handler's business.
  const pk = record.dynamodb?.Keys?.pk?.S;
  if (record.eventName !== "INSERT" || !pk?.startsWith(outboxPartitionPrefix) || !record.dynamodb?.NewImage) {
    return undefined;
  }
  const item = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>);
  return {
    id: String(item.eventId),
    type: String(item.eventType),
    occurredAt: String(item.occurredAt),
    payload: item.payload,
  };
}

/**
 * Runs each record's subscribers in order. On the first failure it reports
 * that record and every later one (partial batch response), so the stream
 * retries from there and keeps per-key ordering.
 */
export async function dispatchStreamEvent(
  event: DynamoDBStreamEvent,
  subscribers: OutboxSubscribers,
  onError: (error: unknown, record: DynamoDBRecord) => void,
): Promise<DynamoDBBatchResponse> {
  for (const [index, record] of event.Records.entries()) {
    try {
      const outboxEvent = outboxEventOf(record);
      if (!outboxEvent) continue;
      for (const subscriber of subscribers[outboxEvent.type] ?? []) await subscriber(outboxEvent);
    } catch (error) {
      onError(error, record);
      return {
        batchItemFailures: event.Records.slice(index).map((failed) => ({
          itemIdentifier: failed.dynamodb?.SequenceNumber ?? "",
        })),
      };
    }
  }
  return { batchItemFailures: [] };
}
