import middy from "@middy/core";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { logMetrics } from "@aws-lambda-powertools/metrics/middleware";
import type { Context } from "aws-lambda";
import { createObservability, type Observability } from "../http/observability.ts";

export interface JobEvent {
  source?: string;
  job?: string;
  time?: string;
}

/** A scheduled job's Lambda handler: Powertools logging and metrics around `run`. */
export function createJobHandler<R>(name: string, run: (event: JobEvent, logger: Observability["logger"]) => Promise<R>) {
  const { logger, metrics } = createObservability(`slot-booking-${name}`);
  return middy<JobEvent, R, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .handler(async (event) => {
      const started = Date.now();
      const result = await run(event, logger);
      logger.info("job finished", { job: name, durationMs: Date.now() - started });
      return result;
    });
}
