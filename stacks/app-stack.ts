import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from "aws-cdk-lib";
import { type CfnStage, HttpApi, HttpMethod } from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import {
  AllowedMethods,
  CachePolicy,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from "aws-cdk-lib/aws-cloudfront";
import { HttpOrigin, S3BucketOrigin } from "aws-cdk-lib/aws-cloudfront-origins";
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import {
  Architecture,
  type CfnFunction,
  FilterCriteria,
  FilterRule,
  Runtime,
  StartingPosition,
  Tracing,
} from "aws-cdk-lib/aws-lambda";
import { SqsDestination } from "aws-cdk-lib/aws-lambda-destinations";
import { DynamoEventSource, SqsDlq } from "aws-cdk-lib/aws-lambda-event-sources";
import { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { BlockPublicAccess, Bucket, BucketEncryption } from "aws-cdk-lib/aws-s3";
import {
  ContextAttribute,
  Schedule,
  ScheduleExpression,
  ScheduleTargetInput,
} from "aws-cdk-lib/aws-scheduler";
import { LambdaInvoke } from "aws-cdk-lib/aws-scheduler-targets";
import { Topic } from "aws-cdk-lib/aws-sns";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import { tableDefinition } from "../shared/data/table.ts";
import { type Feature, features, routeKey } from "../shared/http/route-types.ts";
import { routeEntries } from "../shared/http/routes.ts";
import { contentSecurityPolicy } from "../shared/http/security-headers.ts";
import { eventBridgeCron, scheduledJobs } from "../shared/schedules.ts";
import { bundlingOptions } from "./bundling.ts";
import type { DataStack } from "./data-stack.ts";
import type { Stage } from "./stage.ts";

export interface AppStackProps extends StackProps {
  stage: Stage;
  data: DataStack;
}

/** What each function may touch besides the table (least privilege, by feature). */
interface Needs {
  sessions: boolean;
  calendar: boolean;
  bootstrapUsers?: boolean;
  exportsBucket?: boolean;
}

const featureNeeds: Record<Feature, Needs> = {
  system: { sessions: true, calendar: true, exportsBucket: true },
  auth: { sessions: true, calendar: false, bootstrapUsers: true },
  admin: { sessions: true, calendar: true },
  booking: { sessions: true, calendar: false },
};
const jobNeeds: Needs = { sessions: false, calendar: true };

/** Functions, HTTP API, schedules, stream consumer, alarms, and the site behind CloudFront. */
export class AppStack extends Stack {
  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props);
    const { data, stage } = props;
    const production = stage === "prod";
    const alarms = new Topic(this, "Alarms", {
      displayName: `slot-booking ${stage} alarms`,
      enforceSSL: true,
    });
    const alarmAction = new SnsAction(alarms);
    const functions: NodejsFunction[] = [];
    const deadLetterQueues: Queue[] = [];

    const queue = (name: string) => {
      const created = new Queue(this, name, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      Validations.of(created).acknowledge({
        id: "AwsSolutions-SQS3",
        reason: "This queue is itself a dead-letter queue.",
      });
      deadLetterQueues.push(created);
      return created;
    };

    // Exactly the item operations the repositories use, on the table and its named indexes.
    const tableAccess = new PolicyStatement({
      actions: [
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "dynamodb:DeleteItem",
        "dynamodb:Query",
        "dynamodb:BatchWriteItem",
        "dynamodb:ConditionCheckItem",
      ],
      resources: [
        data.table.tableArn,
        ...tableDefinition.globalSecondaryIndexes.map(
          (index) => `${data.table.tableArn}/index/${index.indexName}`,
        ),
      ],
    });

    const createFunction = (name: string, entry: string, needs: Needs, description: string) => {
      const logGroup = new LogGroup(this, `${name}Logs`, {
        retention: production ? RetentionDays.THREE_MONTHS : RetentionDays.ONE_MONTH,
        removalPolicy: RemovalPolicy.DESTROY,
      });
      const fn = new NodejsFunction(this, name, {
        entry,
        handler: "handler",
        description,
        runtime: Runtime.NODEJS_24_X,
        architecture: Architecture.ARM_64,
        memorySize: 512,
        timeout: Duration.seconds(entry.includes("job") ? 300 : 29),
        tracing: Tracing.ACTIVE,
        logGroup,
        bundling: bundlingOptions,
        environment: {
          NODE_OPTIONS: "--enable-source-maps",
          TABLE_NAME: data.table.tableName,
          EXPORT_BUCKET: data.exportsBucket.bucketName,
          TIMEZONE: "Europe/Berlin",
          CENTRAL_CALENDAR_ID: this.node.tryGetContext("centralCalendarId") ?? "primary",
          POWERTOOLS_SERVICE_NAME: `slot-booking-${name}`,
          POWERTOOLS_METRICS_NAMESPACE: "SlotBooking",
          ...(needs.sessions ? { SESSION_SECRET_ARN: data.sessionSecret.secretArn } : {}),
          ...(needs.calendar ? { GOOGLE_CREDS_SECRET_ARN: data.googleCredentials.secretArn } : {}),
          ...(needs.bootstrapUsers ? { BOOTSTRAP_USERS_SECRET_ARN: data.bootstrapUsers.secretArn } : {}),
        },
      });
      fn.addToRolePolicy(tableAccess);
      if (needs.sessions) data.sessionSecret.grantRead(fn);
      if (needs.calendar) data.googleCredentials.grantRead(fn);
      if (needs.bootstrapUsers) data.bootstrapUsers.grantRead(fn);
      // The health check's HeadBucket needs s3:ListBucket on the bucket, nothing more.
      if (needs.exportsBucket) {
        fn.addToRolePolicy(
          new PolicyStatement({ actions: ["s3:ListBucket"], resources: [data.exportsBucket.bucketArn] }),
        );
      }
      Validations.of(fn).acknowledge({
        id: "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
        reason: "AWSLambdaBasicExecutionRole only lets the function write its own log streams.",
      });
      Validations.of(fn).acknowledge({
        id: "AwsSolutions-IAM5[Resource::*]",
        reason:
          "X-Ray trace writes (and, for the stream consumer, dynamodb:ListStreams) cannot be scoped to a resource.",
      });
      functions.push(fn);
      return fn;
    };

    // HTTP API: one function per feature, one route per route-table entry.
    const accessLogs = new LogGroup(this, "ApiAccessLogs", {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const api = new HttpApi(this, "Api", { description: `slot-booking ${stage}`, createDefaultStage: true });
    const integrations = new Map(
      features.map((feature) => [
        feature,
        new HttpLambdaIntegration(
          `${feature}Integration`,
          createFunction(
            `${feature}Function`,
            `functions/${feature}/handler.ts`,
            featureNeeds[feature],
            `API: ${feature}`,
          ),
        ),
      ]),
    );
    for (const [, route] of routeEntries) {
      api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: integrations.get(route.feature)!,
      });
    }
    const apiStage = api.defaultStage!.node.defaultChild as CfnStage;
    apiStage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: "$context.requestId",
        ip: "$context.identity.sourceIp",
        time: "$context.requestTime",
        routeKey: "$context.routeKey",
        status: "$context.status",
        latency: "$context.responseLatency",
        error: "$context.integrationErrorMessage",
      }),
    };
    apiStage.defaultRouteSettings = { throttlingRateLimit: 200, throttlingBurstLimit: 400 };
    // A JSON map in CloudFormation: keys are written as CloudFormation spells them.
    apiStage.routeSettings = Object.fromEntries(
      routeEntries
        .filter(([, route]) => route.throttle)
        .map(([, route]) => [
          routeKey(route),
          { ThrottlingRateLimit: route.throttle!.rate, ThrottlingBurstLimit: route.throttle!.burst },
        ]),
    );
    Validations.of(api).acknowledge({
      id: "AwsSolutions-APIG4",
      reason:
        "Routes authenticate in the handler pipeline (session cookie + CSRF), declared per route in the route table.",
    });

    // The outbox: the table's stream feeds the events function.
    const events = createFunction(
      "EventsFunction",
      "functions/events/handler.ts",
      jobNeeds,
      "Outbox consumer",
    );
    events.addEventSource(
      new DynamoEventSource(data.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 50,
        bisectBatchOnError: true,
        retryAttempts: 10,
        maxRecordAge: Duration.hours(6),
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(queue("EventsFailures")),
        // Only new outbox items wake the function.
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual("INSERT"),
            dynamodb: { Keys: { pk: { S: FilterRule.beginsWith("OUTBOX#") } } },
          }),
        ],
      }),
    );

    // Scheduled jobs: EventBridge Scheduler → job function, with retries and a dead-letter queue each.
    const jobFunctions: NodejsFunction[] = [];
    for (const job of scheduledJobs) {
      const id = job.name.replace(/(^|-)(\w)/g, (_, __, letter: string) => letter.toUpperCase());
      const fn = createFunction(`${id}Job`, job.module, jobNeeds, job.description);
      jobFunctions.push(fn);
      const failures = queue(`${id}Failures`);
      fn.configureAsyncInvoke({ retryAttempts: 2, onFailure: new SqsDestination(failures) });
      new Schedule(this, `${id}Schedule`, {
        description: job.description,
        schedule: ScheduleExpression.expression(eventBridgeCron(job.cron)),
        target: new LambdaInvoke(fn, {
          deadLetterQueue: failures,
          retryAttempts: 3,
          maxEventAge: Duration.hours(1),
          input: scheduledInput(job.name),
        }),
      });
    }

    // Scheduler roles are created lazily, so their exact findings are acknowledged on the stack.
    for (const fn of jobFunctions) {
      const logicalId = this.resolve(this.getLogicalId(fn.node.defaultChild as CfnFunction));
      Validations.of(this).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`,
        reason:
          "A schedule's role may invoke its job function and that function's versions (ARN with :*), nothing else.",
      });
    }

    // The site: private bucket behind CloudFront; /api/* goes to the API on the same origin (first-party cookies).
    const site = new Bucket(this, "Site", {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: data.accessLogsBucket,
      serverAccessLogsPrefix: "site/",
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    const spaFallback = new CloudFrontFunction(this, "SpaFallback", {
      comment: "Paths without a file extension are routes of the single-page app",
      code: FunctionCode.fromInline(
        "function handler(event){var r=event.request;if(r.uri.indexOf('.')===-1){r.uri='/index.html';}return r;}",
      ),
    });
    const headers = new ResponseHeadersPolicy(this, "SecurityHeaders", {
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
      },
    });
    const apiDomain = `${api.apiId}.execute-api.${this.region}.amazonaws.com`;
    const distribution = new Distribution(this, "Distribution", {
      comment: `slot-booking ${stage}`,
      defaultRootObject: "index.html",
      enableLogging: true,
      logBucket: data.accessLogsBucket,
      logFilePrefix: "cloudfront/",
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(site),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        functionAssociations: [{ function: spaFallback, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        "/api/*": {
          origin: new HttpOrigin(apiDomain),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
        },
      },
    });
    Validations.of(distribution).acknowledge({
      id: "AwsSolutions-CFR1",
      reason: "Agents work from anywhere; sign-in and throttling protect the app, not geography.",
    });
    Validations.of(distribution).acknowledge({
      id: "AwsSolutions-CFR2",
      reason:
        "A WAF web ACL is an account-level choice with its own cost; the API throttles per route and login per user and address.",
    });
    Validations.of(distribution).acknowledge({
      id: "AwsSolutions-CFR4",
      reason:
        "The default CloudFront certificate allows TLSv1 on the *.cloudfront.net name; a custom domain with TLS 1.2 is configured per deployment.",
    });

    // Alarms: errors and throttles per function, anything in a dead-letter queue, API 5xx, stream lag.
    for (const fn of functions) {
      const name = fn.node.id;
      new Alarm(this, `${name}Errors`, {
        metric: fn.metricErrors({ period: Duration.minutes(5) }),
        threshold: 1,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(alarmAction);
      new Alarm(this, `${name}Throttles`, {
        metric: fn.metricThrottles({ period: Duration.minutes(5) }),
        threshold: 1,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(alarmAction);
    }
    for (const dlq of deadLetterQueues) {
      new Alarm(this, `${dlq.node.id}Depth`, {
        metric: dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(alarmAction);
    }
    new Alarm(this, "Api5xx", {
      metric: new Metric({
        namespace: "AWS/ApiGateway",
        metricName: "5xx",
        dimensionsMap: { ApiId: api.apiId },
        statistic: "Sum",
        period: Duration.minutes(5),
      }),
      threshold: 5,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(alarmAction);
    new Alarm(this, "StreamIteratorAge", {
      metric: events.metric("IteratorAge", { statistic: "Maximum", period: Duration.minutes(5) }),
      threshold: Duration.minutes(5).toMilliseconds(),
      evaluationPeriods: 2,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(alarmAction);

    new CfnOutput(this, "SiteBucketName", { value: site.bucketName });
    new CfnOutput(this, "DistributionId", { value: distribution.distributionId });
    new CfnOutput(this, "SiteUrl", { value: `https://${distribution.distributionDomainName}` });
    new CfnOutput(this, "ApiUrl", { value: api.apiEndpoint });
  }
}

/** What the job handlers receive: the scheduled time, as `time`. */
function scheduledInput(job: string) {
  return ScheduleTargetInput.fromObject({
    source: "slot-booking.scheduler",
    job,
    time: ContextAttribute.scheduledTime,
  });
}
