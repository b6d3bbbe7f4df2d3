import { Duration, Stack, type StackProps, TimeZone, Validations } from "aws-cdk-lib";
import { Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { type CfnFunction, FilterCriteria, FilterRule, StartingPosition } from "aws-cdk-lib/aws-lambda";
import { SqsDestination } from "aws-cdk-lib/aws-lambda-destinations";
import { DynamoEventSource, SqsDlq } from "aws-cdk-lib/aws-lambda-event-sources";
import {
  ContextAttribute,
  Schedule,
  ScheduleExpression,
  ScheduleTargetInput,
} from "aws-cdk-lib/aws-scheduler";
import { LambdaInvoke } from "aws-cdk-lib/aws-scheduler-targets";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import { outboxPartitionPrefix } from "../shared/events/outbox.ts";
import { eventBridgeCron, scheduledJobs, scheduleTimeZone } from "../shared/schedules.ts";
import {
  appMetricAlarm,
  appMetricAlarms,
  durationNearTimeoutAlarm,
  iteratorAgeAlarm,
  queueDepthAlarm,
} from "./alarms.ts";
import { AppFunction } from "./app-function.ts";
import { allowStartingExports, ExportWorker } from "./export-worker.ts";
import { type JobName, lambdaSpecs } from "./functions.ts";
import type { Resources } from "./permissions.ts";
import type { StageConfig } from "./stage.ts";

export interface JobsStackProps extends StackProps {
  config: StageConfig;
  resources: Resources;
  alarmTopic: ITopic;
}

/** Delivery limits for asynchronous work; nothing retries for a day by default any more. */
export const delivery = {
  /** EventBridge Scheduler → Lambda: retries of the invocation itself (throttling, service errors). */
  scheduleRetryAttempts: 2,
  scheduleMaxEventAge: Duration.hours(1),
  /** Lambda's async retries of a failed job run (function errors), then the on-failure queue. */
  asyncRetryAttempts: 2,
  asyncMaxEventAge: Duration.hours(1),
  /** The outbox consumer: bisect a failing batch, retry a few times, then park the record. */
  streamRetryAttempts: 10,
  streamMaxRecordAge: Duration.hours(6),
  streamBatchSize: 25,
  iteratorAgeAlarm: Duration.minutes(15),
} as const;

/** Job runtime limits; availability generation reads every consultant's calendar for 56 days. */
const jobTimeout: Partial<Record<JobName, Duration>> = {
  "generate-availability": Duration.minutes(5),
  "check-outcomes": Duration.minutes(5),
  // Reads every booking and ledger entry: the longest job.
  "rebuild-gamification": Duration.minutes(15),
};

/** Variables only some jobs need. */
const jobEnvironment: Partial<Record<JobName, (config: StageConfig) => Record<string, string>>> = {
  // The availability job seeds consultants given at deploy while the table has none (shared/jobs/job-handler.ts).
  "generate-availability": (config) => ({ CONSULTANTS: config.consultants }),
};

function deadLetterQueue(scope: Construct, id: string, config: StageConfig): Queue {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
    removalPolicy: config.removalPolicy,
  });
  Validations.of(queue).acknowledge({
    id: "AwsSolutions-SQS3",
    reason: "This queue is itself a dead-letter queue (alarmed on depth); it needs none of its own.",
  });
  return queue;
}

/**
 * Background work: EventBridge Scheduler runs each job of `scheduledJobs` in
 * its own Lambda; the table's stream feeds outbox items to the events Lambda.
 * Every failure path ends in a dead-letter queue with an alarm on its depth.
 */
export class JobsStack extends Stack {
  readonly jobs = new Map<JobName, AppFunction>();
  readonly events: AppFunction;
  readonly scheduleDlq: Queue;
  readonly jobFailures: Queue;
  readonly streamFailures: Queue;
  readonly exportWorker: ExportWorker;

  constructor(scope: Construct, id: string, props: JobsStackProps) {
    super(scope, id, props);
    const { config, resources, alarmTopic } = props;

    // Schedules that could not invoke their function (EventBridge Scheduler's own DLQ).
    this.scheduleDlq = deadLetterQueue(this, "ScheduleDeadLetters", config);
    // Job runs that failed after Lambda's async retries (the scheduler's DLQ does not see function errors).
    this.jobFailures = deadLetterQueue(this, "JobFailures", config);
    // Outbox records the events function gave up on (metadata only: shard, sequence numbers).
    this.streamFailures = deadLetterQueue(this, "StreamFailures", config);
    for (const [queueId, queue] of [
      ["ScheduleDeadLettersAlarm", this.scheduleDlq],
      ["JobFailuresAlarm", this.jobFailures],
      ["StreamFailuresAlarm", this.streamFailures],
    ] as const) {
      queueDepthAlarm(this, queueId, queue, alarmTopic);
    }

    // One role for all schedules, instead of one generated role per target.
    const schedulerRole = new Role(this, "SchedulerRole", {
      assumedBy: new ServicePrincipal("scheduler.amazonaws.com", {
        conditions: { StringEquals: { "aws:SourceAccount": this.account } },
      }),
      description: "EventBridge Scheduler: invoke the job functions, dead-letter undeliverable runs",
    });

    for (const spec of lambdaSpecs) {
      if (spec.kind !== "job") continue;
      const job = scheduledJobs.find((candidate) => candidate.name === spec.name);
      if (!job) throw new Error(`no scheduled job named ${spec.name}`);
      const timeout = jobTimeout[spec.name] ?? Duration.minutes(2);
      const fn = new AppFunction(this, `Job-${spec.name}`, {
        spec,
        config,
        resources,
        alarmTopic,
        timeout,
        environment: jobEnvironment[spec.name]?.(config),
        description: `slot-booking ${config.stage} job ${spec.name}: ${job.description}`,
      });
      durationNearTimeoutAlarm(fn, "NearTimeoutAlarm", fn.function, timeout, alarmTopic);
      fn.function.configureAsyncInvoke({
        retryAttempts: delivery.asyncRetryAttempts,
        maxEventAge: delivery.asyncMaxEventAge,
        onFailure: new SqsDestination(this.jobFailures),
      });
      new Schedule(this, `Schedule-${spec.name}`, {
        description: job.description,
        // UTC, or the app's zone for jobs that name it (scheduleExpressionTimezone: 06:00 local across DST).
        schedule: ScheduleExpression.expression(
          eventBridgeCron(job.cron),
          "timeZone" in job ? TimeZone.of(scheduleTimeZone(job, config.timezone)) : TimeZone.ETC_UTC,
        ),
        target: new LambdaInvoke(fn.function, {
          role: schedulerRole,
          deadLetterQueue: this.scheduleDlq,
          retryAttempts: delivery.scheduleRetryAttempts,
          maxEventAge: delivery.scheduleMaxEventAge,
          // shared/jobs/job-handler.ts JobEvent: which job, and the time it was scheduled for.
          input: ScheduleTargetInput.fromObject({
            source: "slot-booking.scheduler",
            job: spec.name,
            time: ContextAttribute.scheduledTime,
          }),
        }),
      });
      this.jobs.set(spec.name, fn);
      // grantInvoke also allows the function's versions and aliases (`<arn>:*`): still this one function.
      const functionLogicalId = this.getLogicalId(fn.function.node.defaultChild as CfnFunction);
      Validations.of(schedulerRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${functionLogicalId}.Arn>:*]`,
        reason: `lambda:InvokeFunction on the versions and aliases of ${spec.name}'s own function only.`,
      });
    }

    // Exports: the worker (async, own DLQ and alarm); the scheduled-exports job starts it.
    this.exportWorker = new ExportWorker(this, "Exports", { config, resources, alarmTopic });
    const scheduledExports = this.jobs.get("run-scheduled-exports");
    if (!scheduledExports) throw new Error("no scheduled-exports job");
    allowStartingExports(scheduledExports, this.exportWorker.function);

    const eventsSpec = lambdaSpecs.find((spec) => spec.kind === "events");
    if (!eventsSpec) throw new Error("no events function");
    this.events = new AppFunction(this, "Events", {
      spec: eventsSpec,
      config,
      resources,
      alarmTopic,
      timeout: Duration.minutes(1),
      description: `slot-booking ${config.stage} outbox consumer (calendar sync, gamification, aggregates)`,
    });
    this.events.function.addEventSource(
      new DynamoEventSource(resources.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: delivery.streamBatchSize,
        maxBatchingWindow: Duration.seconds(1),
        bisectBatchOnError: true,
        retryAttempts: delivery.streamRetryAttempts,
        maxRecordAge: delivery.streamMaxRecordAge,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.streamFailures),
        // Only new outbox items invoke the function (the handler ignores everything else anyway).
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual("INSERT"),
            dynamodb: { Keys: { pk: { S: FilterRule.beginsWith(outboxPartitionPrefix) } } },
          }),
        ],
      }),
    );
    // The app's own failure counters, whichever function emits them (login failures included).
    for (const spec of appMetricAlarms) appMetricAlarm(this, alarmTopic, spec);

    iteratorAgeAlarm(
      this,
      "EventsIteratorAgeAlarm",
      this.events.function,
      alarmTopic,
      delivery.iteratorAgeAlarm,
    );
  }
}
