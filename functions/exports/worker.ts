import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { captureLambdaHandler } from "@aws-lambda-powertools/tracer/middleware";
import middy from "@middy/core";
import type { Context } from "aws-lambda";
import { createObservability } from "../../shared/http/observability.ts";
import { type ExportRunResult, runExport } from "./run-export.ts";

/** What the API and the scheduled-exports job send (InvocationType Event). */
export interface ExportWorkerEvent {
  exportId: string;
}

const { logger, tracer } = createObservability("slot-booking-export-worker");

/**
 * The export worker's Lambda (asynchronous invocations only). A failed export
 * is recorded as failed and answered normally; only an error outside the
 * export (the table unreachable) throws, so Lambda retries and finally sends
 * the event to the on-failure queue, where an alarm sees it.
 */
export const handler = middy<ExportWorkerEvent, ExportRunResult, Error, Context>()
  .use(captureLambdaHandler(tracer, { captureResponse: false }))
  .use(injectLambdaContext(logger, { resetKeys: true, logEvent: false }))
  .handler(async (event) => {
    if (typeof event?.exportId !== "string") throw new Error("export worker event without exportId");
    const result = await runExport(event.exportId);
    logger.info("export finished", {
      exportId: result.id,
      status: result.status,
      rows: result.rows,
      bytes: result.bytes,
      peakRssMiB: Math.round(result.peakRss / 2 ** 20),
    });
    return result;
  });
