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
