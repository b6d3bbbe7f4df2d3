import { Duration, Validations } from "aws-cdk-lib";
import type { Alarm } from "aws-cdk-lib/aws-cloudwatch";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { SqsDestination } from "aws-cdk-lib/aws-lambda-destinations";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { exportWorkerVariable } from "../functions/exports/start-worker.ts";
import { durationNearTimeoutAlarm, queueDepthAlarm } from "./alarms.ts";
import { AppFunction } from "./app-function.ts";
import { lambdaSpecs } from "./functions.ts";
import type { Resources } from "./permissions.ts";
import type { StageConfig } from "./stage.ts";

export interface ExportWorkerProps {
  config: StageConfig;
  resources: Resources;
  alarmTopic: ITopic;
}

/** The worker's limits: a 100k-row CSV takes well under a minute; memory stays flat whatever the size. */
export const exportWorkerLimits = {
  timeout: Duration.minutes(15),
  memorySize: 1024,
  /** Lambda's retries of a failed invocation (the export itself records a failure and returns). */
  retryAttempts: 1,
  maxEventAge: Duration.hours(1),
} as const;

/**
 * The export worker: its own Lambda, invoked asynchronously (`Event`) by the
 * exports API and the scheduled-exports job. S3 rights under `exports/` only
 * (stacks/permissions.ts); an invocation that still fails after Lambda's
 * retries lands in a dead-letter queue (on-failure destination) with an alarm.
 */
export class ExportWorker extends Construct {
  readonly worker: AppFunction;
  readonly deadLetters: Queue;
  readonly deadLettersAlarm: Alarm;

  constructor(scope: Construct, id: string, props: ExportWorkerProps) {
    super(scope, id);
    const { config, resources, alarmTopic } = props;
    const spec = lambdaSpecs.find((candidate) => candidate.kind === "worker");
    if (!spec) throw new Error("no export worker spec");

    this.worker = new AppFunction(this, "Worker", {
      spec,
      config,
      resources,
      alarmTopic,
      timeout: exportWorkerLimits.timeout,
      memorySize: exportWorkerLimits.memorySize,
      description: `slot-booking ${config.stage} export worker: streams export files into the exports bucket`,
    });
    durationNearTimeoutAlarm(
      this,
      "NearTimeoutAlarm",
      this.worker.function,
      exportWorkerLimits.timeout,
      alarmTopic,
    );

    this.deadLetters = new Queue(this, "DeadLetters", {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: config.removalPolicy,
    });
    Validations.of(this.deadLetters).acknowledge({
      id: "AwsSolutions-SQS3",
      reason: "This queue is itself a dead-letter queue (alarmed on depth); it needs none of its own.",
    });
    this.worker.function.configureAsyncInvoke({
      retryAttempts: exportWorkerLimits.retryAttempts,
      maxEventAge: exportWorkerLimits.maxEventAge,
      onFailure: new SqsDestination(this.deadLetters),
    });
    this.deadLettersAlarm = queueDepthAlarm(this, "DeadLettersAlarm", this.deadLetters, alarmTopic);
  }

  get function(): IFunction {
    return this.worker.function;
  }
}

/** Lets `starter` start the worker: its name in the environment, invoke on exactly that function. */
export function allowStartingExports(starter: AppFunction, worker: IFunction): void {
  starter.function.addEnvironment(exportWorkerVariable, worker.functionName);
  starter.function.addToRolePolicy(
    new PolicyStatement({ actions: ["lambda:InvokeFunction"], resources: [worker.functionArn] }),
  );
}
