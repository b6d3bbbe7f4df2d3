import { AssetHashType, DockerImage, Duration, Validations } from "aws-cdk-lib";
import { Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Architecture, Code, Function as LambdaFunction, Runtime, Tracing } from "aws-cdk-lib/aws-lambda";
import { LogGroup } from "aws-cdk-lib/aws-logs";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import { Construct } from "constructs";
import { metricsNamespace } from "../shared/http/observability.ts";
import { functionAlarms } from "./alarms.ts";
import { bundleFunction, bundleSettings } from "./bundling.ts";
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
}

/**
 * The function's code: bundled locally by `bundleFunction` (ESM with lazily
 * loaded chunks, which NodejsFunction's single-file esbuild call cannot
 * produce), hashed by its output like NodejsFunction's assets.
 */
function bundledCode(spec: LambdaSpec): Code {
  return Code.fromAsset(projectRoot, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never used: local bundling always succeeds (esbuild is a dev dependency), offline, without Docker.
      image: DockerImage.fromRegistry("public.ecr.aws/docker/library/node:24"),
      local: {
        tryBundle(outputDir: string) {
          bundleFunction(spec, outputDir);
          return true;
        },
      },
    },
  });
}

/**
 * One Lambda as every function of the app is built: Node 24 on arm64, bundled
 * by esbuild (stacks/bundling.ts), its own log group and role (writes to that
 * log group only, plus exactly the needs of stacks/permissions.ts), the common
 * environment, X-Ray tracing, and error/throttle alarms.
 */
export class AppFunction extends Construct {
  readonly function: LambdaFunction;
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

    this.function = new LambdaFunction(this, "Function", {
      description: props.description ?? `slot-booking ${spec.kind} ${spec.name}`,
      code: bundledCode(spec),
      handler: "index.handler",
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      environment: {
        TABLE_NAME: resources.table.tableName,
        EXPORT_BUCKET: resources.exportsBucket.bucketName,
        TIMEZONE: config.timezone,
        CENTRAL_CALENDAR_ID: config.centralCalendarId,
        ...(config.googleCalendarApiUrl ? { GOOGLE_CALENDAR_API_URL: config.googleCalendarApiUrl } : {}),
        APP_VERSION: config.appVersion,
        ...(bundleSettings.nodeOptions ? { NODE_OPTIONS: bundleSettings.nodeOptions } : {}),
        POWERTOOLS_SERVICE_NAME: `slot-booking-${spec.name}`,
        POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
        // Traces must not hold responses (session cookies, CSRF tokens, customers' data) nor
        // outgoing HTTP URLs (Google Calendar URLs name consultants' addresses). The code says
        // the same (shared/http/observability.ts); these keep it so if an option is dropped.
        // The X-Ray SDK is only loaded where this is "true" (shared/http/observability.ts).
        POWERTOOLS_TRACE_ENABLED: String(config.traceAwsCalls),
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
