import { Duration } from "aws-cdk-lib";
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  type Metric,
  TreatMissingData,
} from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import { type MetricName, metricNames, metricsNamespace } from "../shared/http/observability.ts";

const period = Duration.minutes(5);

function alarm(
  scope: Construct,
  id: string,
  topic: ITopic,
  metric: IMetric,
  threshold: number,
  description: string,
  evaluationPeriods = 1,
): Alarm {
  const created = new Alarm(scope, id, {
    metric,
    threshold,
    evaluationPeriods,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
    alarmDescription: description,
  });
  created.addAlarmAction(new SnsAction(topic));
  created.addOkAction(new SnsAction(topic));
  return created;
}

/** Any error or throttle of a function within five minutes. */
export function functionAlarms(scope: Construct, fn: IFunction, topic: ITopic): void {
  alarm(scope, "ErrorsAlarm", topic, fn.metricErrors({ period, statistic: "Sum" }), 1, "The function failed");
  alarm(
    scope,
    "ThrottlesAlarm",
    topic,
    fn.metricThrottles({ period, statistic: "Sum" }),
    1,
    "The function was throttled",
  );
}

/** A dead-letter queue holds anything at all: something was given up on and needs a look. */
export function queueDepthAlarm(scope: Construct, id: string, queue: IQueue, topic: ITopic): Alarm {
  const visible: Metric = queue.metricApproximateNumberOfMessagesVisible({ period, statistic: "Maximum" });
  const created = new Alarm(scope, id, {
    metric: visible,
    threshold: 0,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
    alarmDescription: "Messages in a dead-letter queue: failed work that was given up on",
  });
  created.addAlarmAction(new SnsAction(topic));
  created.addOkAction(new SnsAction(topic));
  return created;
}

/** 5xx responses as a share of all requests, over five minutes, when there is traffic at all. */
export function errorRateAlarm(
  scope: Construct,
  id: string,
  topic: ITopic,
  metrics: { errors: IMetric; requests: IMetric },
  thresholdPercent: number,
): Alarm {
  const rate = new MathExpression({
    expression: "IF(requests > 0, 100 * errors / requests, 0)",
    usingMetrics: { errors: metrics.errors, requests: metrics.requests },
    period,
    label: "5xx rate (%)",
  });
  return alarm(
    scope,
    id,
    topic,
    rate,
    thresholdPercent,
    `More than ${thresholdPercent}% of API requests failed with 5xx`,
  );
}

/** Stream records waiting longer than `maxAge`: the outbox consumer is falling behind or stuck. */
export function iteratorAgeAlarm(
  scope: Construct,
  id: string,
  fn: IFunction,
  topic: ITopic,
  maxAge: Duration,
): Alarm {
  const age = fn.metric("IteratorAge", { period, statistic: "Maximum" });
  return alarm(
    scope,
    id,
    topic,
    age,
    maxAge.toMilliseconds(),
    `Outbox stream records are older than ${maxAge.toHumanString()}`,
  );
}

/** An alarm on one of the app's own metrics (shared/http/observability.ts `metricNames`). */
export interface AppMetricAlarm {
  id: string;
  metric: MetricName;
  statistic: "SUM" | "MAX";
  period: Duration;
  threshold: number;
  description: string;
}

/**
 * Failures the app counts itself: nothing else would notice them (a failed
 * calendar sync only marks the booking; a failed calendar read only drops
 * that consultant's slots).
 */
export const appMetricAlarms: readonly AppMetricAlarm[] = [
  {
    id: "CalendarSyncFailedAlarm",
    metric: metricNames.calendarSyncFailed,
    statistic: "SUM",
    period,
    threshold: 1,
    description:
      "A booking could not be written to the central calendar (retried; consultants may not see it)",
  },
  {
    id: "AvailabilityConsultantFailedAlarm",
    metric: metricNames.availabilityConsultantFailed,
    statistic: "SUM",
    // One value per hourly run: an hour keeps the alarm in its state until the next run.
    period: Duration.hours(1),
    threshold: 1,
    description: "Availability could not read a consultant's calendar: that consultant offers no slots",
  },
  {
    id: "OldestSyncRetryAgeAlarm",
    metric: metricNames.oldestSyncRetryAge,
    statistic: "MAX",
    period: Duration.minutes(15),
    threshold: Duration.hours(1).toSeconds(),
    description: "A calendar sync has been waiting for a retry for more than an hour",
  },
  {
    id: "LoginFailureSpikeAlarm",
    metric: metricNames.loginFailed,
    statistic: "SUM",
    period,
    threshold: 30,
    description: "Unusually many failed logins (password guessing or a lockout wave)",
  },
];

/**
 * Sums (or maxes) the metric over the whole namespace with a Metrics Insights
 * query, so the alarm holds whichever function emits it and with whatever
 * `service` dimension.
 */
export function appMetricAlarm(scope: Construct, topic: ITopic, spec: AppMetricAlarm): Alarm {
  const query = new MathExpression({
    expression: `SELECT ${spec.statistic}(${spec.metric}) FROM ${metricsNamespace}`,
    period: spec.period,
    label: spec.metric,
  });
  return alarm(scope, spec.id, topic, query, spec.threshold, spec.description);
}

/** Share of a function's timeout at which a run counts as "near its timeout". */
export const nearTimeoutShare = 0.8;

/**
 * A run took more than 80 % of the timeout: the next data growth turns it into
 * a timeout. Lambda's own Duration metric, so a run that timed out counts too.
 */
export function durationNearTimeoutAlarm(
  scope: Construct,
  id: string,
  fn: IFunction,
  timeout: Duration,
  topic: ITopic,
): Alarm {
  const limitMs = Math.round(timeout.toMilliseconds() * nearTimeoutShare);
  return alarm(
    scope,
    id,
    topic,
    fn.metricDuration({ period, statistic: "Maximum" }),
    limitMs,
    `A run took more than ${nearTimeoutShare * 100}% of the ${timeout.toHumanString()} timeout`,
  );
}
