import { Duration, Validations } from "aws-cdk-lib";
import { Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Architecture, Runtime, Tracing } from "aws-cdk-lib/aws-lambda";
import { type BundlingOptions, NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup } from "aws-cdk-lib/aws-logs";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import { Construct } from "constructs";
import { metricsNamespace } from "../shared/http/observability.ts";
import { functionAlarms } from "./alarms.ts";
import { bundlingOptions, pdfkitBundling, rendersPdf } from "./bundling.ts";
import { type LambdaSpec, projectRoot } from "./functions.ts";
import { grantNeeds, needsOf, type Resources } from "./permissions.ts";
import type { StageConfig } from "./stage.ts";

export interface AppFunctionProps {
  spec: LambdaSpec;
  config: StageConfig;
  resources: Resources;
  alarmTopic: ITopic;
  memorySize?: number;
  timeout?: Duration;
  description?: string;
  /** Variables only this function needs, on top of the common environment. */
  environment?: Record<string, string>;
  /** Replaces the common bundling (e.g. to ship data files a dependency loads at run time). */
  bundling?: BundlingOptions;
}

/**
 * One Lambda as every function of the app is built: Node 24 on arm64, bundled
 * by esbuild (stacks/bundling.ts), its own log group and role (writes to that
 * log group only, plus exactly the needs of stacks/permissions.ts), the common
 * environment, X-Ray tracing, and error/throttle alarms.
 */
export class AppFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    const { spec, config, resources } = props;

    this.logGroup = new LogGroup(this, "Logs", {
      retention: config.logRetention,
      removalPolicy: config.removalPolicy,
    });
    // Own role instead of AWSLambdaBasicExecutionRole: logs go to this function's log group only.
    this.role = new Role(this, "Role", {
      assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
      description: `slot-booking ${config.stage} ${spec.kind} ${spec.name}`,
    });
    this.logGroup.grantWrite(this.role);
    const secretArns = grantNeeds(this.role, needsOf(spec), resources);

    this.function = new NodejsFunction(this, "Function", {
      description: props.description ?? `slot-booking ${spec.kind} ${spec.name}`,
      entry: `${projectRoot}/${spec.entry}`,
      handler: "handler",
      projectRoot,
      depsLockFilePath: `${projectRoot}/package-lock.json`,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      bundling: props.bundling ?? (rendersPdf.has(props.spec.name) ? pdfkitBundling : bundlingOptions),
      environment: {
        TABLE_NAME: resources.table.tableName,
        EXPORT_BUCKET: resources.exportsBucket.bucketName,
        TIMEZONE: config.timezone,
        CENTRAL_CALENDAR_ID: config.centralCalendarId,
        ...(config.googleCalendarApiUrl ? { GOOGLE_CALENDAR_API_URL: config.googleCalendarApiUrl } : {}),
        APP_VERSION: config.appVersion,
        NODE_OPTIONS: "--enable-source-maps",
        POWERTOOLS_SERVICE_NAME: `slot-booking-${spec.name}`,
        POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
        // Traces must not hold responses (session cookies, CSRF tokens, customers' data) nor
        // outgoing HTTP URLs (Google Calendar URLs name consultants' addresses). The code says
        // the same (shared/http/observability.ts); these keep it so if an option is dropped.
        POWERTOOLS_TRACER_CAPTURE_RESPONSE: "false",
        POWERTOOLS_TRACER_CAPTURE_HTTPS_REQUESTS: "false",
        ...props.environment,
        ...secretArns,
      },
    });
    // tests/infra/iam.test.ts holds every `Resource: *` statement to exactly these actions.
    Validations.of(this.role).acknowledge({
      id: "AwsSolutions-IAM5[Resource::*]",
      reason:
        "Only actions without resource-level permissions use '*': xray:PutTraceSegments/PutTelemetryRecords (Tracing.ACTIVE) and, for the stream consumer, dynamodb:ListStreams.",
    });

    functionAlarms(this, this.function, props.alarmTopic);
  }
}
