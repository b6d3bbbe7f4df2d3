import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import type { Tracer } from "@aws-lambda-powertools/tracer";

/** The CloudWatch namespace of every metric the app emits (POWERTOOLS_METRICS_NAMESPACE on AWS). */
export const metricsNamespace = "SlotBooking";

/**
 * Metrics that alarms are defined on (stacks/alarms.ts). The alarms sum a name
 * over the whole namespace, whatever the emitting function's `service`
 * dimension, so emit these names exactly, from any function.
 */
export const metricNames = {
  /** A booking's calendar sync failed (count 1 per failed sync, each attempt). */
  calendarSyncFailed: "CalendarSyncFailed",
  /** Consultants whose calendar could not be read in an availability run (count per run). */
  availabilityConsultantFailed: "AvailabilityConsultantFailed",
  /** Age in seconds of the oldest calendar sync still waiting for a retry (one value per retry run). */
  oldestSyncRetryAge: "OldestSyncRetryAge",
  /** A login was refused (wrong password, unknown user, throttled); emitted by the auth feature. */
  loginFailed: "LoginFailed",
  /** How long a job run took, in milliseconds (shared/jobs/job-handler.ts). */
  jobDuration: "JobDuration",
} as const;

export type MetricName = (typeof metricNames)[keyof typeof metricNames];

/**
 * The X-Ray SDK (~120 KB with its dependencies) is loaded only where the
 * deployment asks for subsegments of AWS calls (`POWERTOOLS_TRACE_ENABLED=true`,
 * stage option `traceAwsCalls`); its module is a chunk of its own, so every
 * other cold start neither reads nor compiles it. Lambda's active tracing
 * still records each invocation (init, duration, errors) without it.
 */
const xray = process.env.POWERTOOLS_TRACE_ENABLED === "true" ? await import("./xray-tracer.ts") : undefined;

/**
 * What stands in for the tracer while tracing is off: the handler middleware
 * asks `isTracingEnabled()` before anything else, and clients pass through.
 */
const tracingOff = {
  isTracingEnabled: () => false,
  captureAWSv3Client: <T>(client: T): T => client,
} satisfies Partial<Tracer>;

/**
 * The one tracer of the process (the service name comes from
 * POWERTOOLS_SERVICE_NAME). Every `captureLambdaHandler` passes
 * `captureResponse: false`: responses carry session cookies, CSRF tokens and
 * customers' data (POWERTOOLS_TRACER_CAPTURE_RESPONSE=false on AWS as well). HTTP(S) capture stays off: Google Calendar URLs
 * contain consultants' addresses; AWS SDK clients are captured one by one
 * (shared/data/clients.ts). Outside Lambda (local platform, tests) tracing is
 * off and every capture is a no-op.
 */
export function tracer(): Tracer {
  // Only the two members above are reached while tracing is off (see `tracingOff`).
  return xray?.tracer() ?? (tracingOff as unknown as Tracer);
}

let operationalMetrics: Metrics | undefined;

/**
 * Emits one of `metricNames` at once (a single EMF log line), from any code
 * path, without a handler's `logMetrics` flush: failure counters live deep in
 * shared code that has no metrics instance of its own.
 */
export function emitMetric(
  name: MetricName,
  value = 1,
  unit: (typeof MetricUnit)[keyof typeof MetricUnit] = MetricUnit.Count,
): void {
  operationalMetrics ??= new Metrics({ namespace: metricsNamespace });
  operationalMetrics.singleMetric().addMetric(name, unit, value);
}

/**
 * One set per Lambda (feature); the service name tags logs and metrics.
 * Handlers pass `logEvent: false` explicitly: events carry customers' names,
 * phone numbers and passwords, and the explicit option wins over
 * POWERTOOLS_LOGGER_LOG_EVENT.
 */
export function createObservability(serviceName: string) {
  return {
    logger: new Logger({ serviceName }),
    metrics: new Metrics({ namespace: metricsNamespace, serviceName }),
    tracer: tracer(),
  };
}

export type Observability = ReturnType<typeof createObservability>;
