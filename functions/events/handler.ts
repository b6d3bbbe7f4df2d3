import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { captureLambdaHandler } from "@aws-lambda-powertools/tracer/middleware";
import middy from "@middy/core";
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import { createObservability } from "../../shared/http/observability.ts";
import { dispatchStreamEvent } from "./dispatch.ts";
import { subscribers } from "./subscribers.ts";

const { logger, tracer } = createObservability("slot-booking-events");

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse, Error, Context>()
  // Traced, but never the response: only record ids, yet kept consistent with every other handler.
  .use(captureLambdaHandler(tracer, { captureResponse: false }))
  .use(injectLambdaContext(logger, { resetKeys: true, logEvent: false }))
  .handler((event) =>
    dispatchStreamEvent(event, subscribers, (error, record) =>
      // The record's id only: its images carry customers' personal data.
      logger.error("outbox event failed", {
        error: error instanceof Error ? error : String(error),
        sequenceNumber: record.dynamodb?.SequenceNumber,
      }),
    ),
  );
