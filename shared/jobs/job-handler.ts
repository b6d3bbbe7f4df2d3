import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { logMetrics } from "@aws-lambda-powertools/metrics/middleware";
import middy from "@middy/core";
import type { Context } from "aws-lambda";
import { createObservability, type Observability } from "../http/observability.ts";

export interface JobEvent {
  source?: string;
  job?: string;
  time?: string;
}

/** A scheduled job's Lambda handler: Powertools logging and metrics around `run`. */
export function createJobHandler<R>(
  name: string,
  run: (event: JobEvent, logger: Observability["logger"]) => Promise<R>,
) {
  const { logger, metrics } = createObservability(`slot-booking-${name}`);
  return middy<JobEvent, R, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true, logEvent: false }))
    .use(logMetrics(metrics))
    .handler(async (event) => {
      const started = Date.now();
      const result = await run(event, logger);
      const durationMs = Date.now() - started;
      metrics.addMetric("JobDuration", MetricUnit.Milliseconds, durationMs);
      logger.info("job finished", { job: name, durationMs });
      return result;
    });
}
