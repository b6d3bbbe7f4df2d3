import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { logMetrics } from "@aws-lambda-powertools/metrics/middleware";
import { captureLambdaHandler } from "@aws-lambda-powertools/tracer/middleware";
import middy from "@middy/core";
import type { Context } from "aws-lambda";
import { config } from "../config.ts";
import type { JobEvent } from "../contracts/jobs.ts";
import { seedConsultants } from "../data/consultants-repository.ts";
import { backfillCustomerNames, backfillCustomers } from "../data/customers-repository.ts";
import { createObservability, metricNames, type Observability } from "../http/observability.ts";
import { type JobRunControl, runWithRecord } from "./job-run.ts";

export type { JobEvent } from "../contracts/jobs.ts";

type JobPreparation = (logger: Observability["logger"]) => Promise<void>;

let consultantsSeeded = false;

/**
 * Bookings made before customers existed get theirs once (a marker guards it,
 * so later runs cost one Get). Runs at local start-up too: the platform's
 * first availability run goes through this handler. A failure is logged and
 * retried next run, never blocking availability.
 */
async function customersBackfilled(logger: Observability["logger"]): Promise<void> {
  try {
    const done = await backfillCustomers();
    if (done > 0) logger.info("customers backfilled", { bookings: done });
    // The name search's index for customers from before it existed (a marker, like the above).
    const named = await backfillCustomerNames();
    if (named > 0) logger.info("customer names indexed", { names: named });
  } catch (error) {
    logger.warn("customer backfill failed; retried next run", { error: String(error) });
  }
}

/**
 * Work a job needs done before its own, by job name. Availability needs
 * consultants: those given at deploy (`-c consultants=…`, in this job's
 * environment only) are seeded on AWS as the local platform seeds them at start.
 */
const preparations = new Map<string, JobPreparation>([
  [
    "generate-availability",
    async (logger) => {
      await customersBackfilled(logger);
      if (consultantsSeeded) return;
      const seeded = await seedConsultants(config().CONSULTANTS);
      if (seeded > 0) logger.info("consultants seeded from CONSULTANTS", { seeded });
      consultantsSeeded = true;
    },
  ],
]);

/**
 * A job's Lambda handler (scheduled, or started by an admin): X-Ray tracing
 * (never the result: it can hold customers' data), Powertools logging and
 * metrics around `run`, and the run record admins see in the Jobs tab.
 */
export function createJobHandler<R>(
  name: string,
  run: (event: JobEvent, logger: Observability["logger"], control: JobRunControl) => Promise<R>,
) {
  const { logger, metrics, tracer } = createObservability(`slot-booking-${name}`);
  return middy<JobEvent, R, Error, Context>()
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(injectLambdaContext(logger, { resetKeys: true, logEvent: false }))
    .use(logMetrics(metrics))
    .handler(async (event) => {
      const started = Date.now();
      const result = await runWithRecord(name, event, async (control) => {
        // A job's bundle keeps only its own preparation: esbuild replaces BUNDLED_JOB with the job's
        // name (stacks/bundling.ts), so for every other job this folds to false and the customer and
        // consultant code it would load is left out.
        if ((process.env.BUNDLED_JOB ?? name) === "generate-availability") {
          await preparations.get(name)?.(logger);
        }
        return run(event, logger, control);
      });
      const durationMs = Date.now() - started;
      metrics.addMetric(metricNames.jobDuration, MetricUnit.Milliseconds, durationMs);
      logger.info("job finished", { job: name, durationMs });
      return result;
    });
}
