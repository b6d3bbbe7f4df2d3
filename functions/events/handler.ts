import middy from "@middy/core";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import type { OutboxSubscribers } from "../../shared/events/outbox.ts";
import { createObservability } from "../../shared/http/observability.ts";
import { dispatchStreamEvent } from "./dispatch.ts";

const { logger } = createObservability("slot-booking-events");

/** Features register their reactions to domain events here. */
export const subscribers: OutboxSubscribers = {};

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse, Error, Context>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler((event) =>
    dispatchStreamEvent(event, subscribers, (error, record) =>
      // The record's id only: its images carry customers' personal data.
      logger.error("outbox event failed", {
        error: error instanceof Error ? error : String(error),
        sequenceNumber: record.dynamodb?.SequenceNumber,
      }),
    ),
  );
