import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { Tracer } from "@aws-lambda-powertools/tracer";

/**
 * One set per Lambda (feature); the service name tags logs, metrics and traces.
 * Handlers pass `logEvent: false` explicitly: events carry customers' names,
 * phone numbers and passwords, and the explicit option wins over
 * POWERTOOLS_LOGGER_LOG_EVENT.
 */
export function createObservability(serviceName: string) {
  return {
    logger: new Logger({ serviceName }),
    metrics: new Metrics({ namespace: "SlotBooking", serviceName }),
    tracer: new Tracer({ serviceName }),
  };
}

export type Observability = ReturnType<typeof createObservability>;
