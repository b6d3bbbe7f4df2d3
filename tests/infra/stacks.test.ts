import { App, Stack, Validations } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { Queue } from "aws-cdk-lib/aws-sqs";
import { AwsSolutionsChecks } from "cdk-nag";
import { beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../bin/app.ts";
import { tableDefinition } from "../../shared/data/table.ts";
import { features, routeKey } from "../../shared/http/route-types.ts";
import { routeEntries } from "../../shared/http/routes.ts";
import { eventBridgeCron, scheduledJobs } from "../../shared/schedules.ts";

let synthError: unknown;
let data: Template;
let app: Template;

beforeAll(() => {
  // Production stage, real esbuild bundling, AwsSolutions checks on: the same app `cdk deploy` builds.
  const built = buildApp(new App({ context: { stage: "prod" } }));
  try {
    built.app.synth();
  } catch (error) {
    synthError = error;
  }
  data = Template.fromStack(built.data);
  app = Template.fromStack(built.api);
});

type Statement = { Action: string | string[]; Resource: unknown };
const statements = (template: Template): Statement[] =>
  Object.values(template.findResources("AWS::IAM::Policy")).flatMap(
    (policy) =>
      (policy as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument
        .Statement,
  );

describe("data stack", () => {
  it("has the single table with its keys, GSIs, stream, TTL, PITR and protection in prod", () => {
    data.hasResourceProperties("AWS::DynamoDB::Table", {
      BillingMode: "PAY_PER_REQUEST",
      KeySchema: [
        { AttributeName: tableDefinition.partitionKey, KeyType: "HASH" },
        { AttributeName: tableDefinition.sortKey, KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: tableDefinition.globalSecondaryIndexes.map((index) =>
        Match.objectLike({ IndexName: index.indexName }),
      ),
      StreamSpecification: { StreamViewType: tableDefinition.streamViewType },
      TimeToLiveSpecification: { AttributeName: tableDefinition.ttlAttribute, Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
    });
    data.hasResource("AWS::DynamoDB::Table", { DeletionPolicy: "Retain" });
  });

  it("keeps exports private, encrypted, TLS-only and short-lived", () => {
    data.hasResourceProperties("AWS::S3::Bucket", {
      BucketEncryption: Match.anyValue(),
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 7, Status: "Enabled" })] },
    });
    for (const template of [data, app]) {
      const policies = template.findResources("AWS::S3::BucketPolicy");
      expect(Object.keys(policies).length).toBeGreaterThan(0);
      for (const policy of Object.values(policies)) {
        expect(JSON.stringify(policy)).toContain('"aws:SecureTransport":"false"');
      }
    }
  });

  it("keeps secrets in Secrets Manager", () => {
    data.resourceCountIs("AWS::SecretsManager::Secret", 3);
  });
});

describe("app stack", () => {
  it("has one Node 24 arm64 function per feature and per job, plus the stream consumer", () => {
    // The product's functions (CDK's own custom-resource handlers have no TABLE_NAME).
    const functions = Object.values(app.findResources("AWS::Lambda::Function")).filter(
      (fn) =>
        (fn as { Properties: { Environment?: { Variables?: Record<string, unknown> } } }).Properties
          .Environment?.Variables?.TABLE_NAME,
    );
    expect(functions).toHaveLength(features.length + scheduledJobs.length + 1);
    for (const fn of functions) {
      expect(fn).toMatchObject({ Properties: { Runtime: "nodejs24.x", Architectures: ["arm64"] } });
    }
  });

  it("passes secrets by ARN only, never as values", () => {
    for (const fn of Object.values(app.findResources("AWS::Lambda::Function"))) {
      const variables = (fn as { Properties: { Environment?: { Variables?: Record<string, unknown> } } })
        .Properties.Environment?.Variables;
      for (const name of Object.keys(variables ?? {})) {
        expect(name).not.toMatch(/^(SESSION_SECRET|GOOGLE_CREDS_BASE64|BOOTSTRAP_USERS)$/);
      }
    }
  });

  it("routes every entry of the route table through the HTTP API", () => {
    const keys = Object.values(app.findResources("AWS::ApiGatewayV2::Route")).map(
      (route) => (route as { Properties: { RouteKey: string } }).Properties.RouteKey,
    );
    expect(keys.sort()).toEqual(routeEntries.map(([, route]) => routeKey(route)).sort());
    app.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
      RouteSettings: Match.objectLike({
        "POST /api/auth/login": Match.objectLike({ ThrottlingRateLimit: 10 }),
      }),
    });
  });

  it("schedules every job with its cron, a retry policy and a dead-letter queue", () => {
    for (const job of scheduledJobs) {
      app.hasResourceProperties("AWS::Scheduler::Schedule", {
        ScheduleExpression: eventBridgeCron(job.cron),
        Target: Match.objectLike({
          DeadLetterConfig: { Arn: Match.anyValue() },
          RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 3 }),
          Input: Match.stringLikeRegexp(`"job":"${job.name}"`),
        }),
      });
    }
    app.resourceCountIs("AWS::Lambda::EventInvokeConfig", scheduledJobs.length);
  });

  it("consumes the stream with bisect, a retry limit, partial failures and an on-failure queue", () => {
    app.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      FilterCriteria: Match.anyValue(),
    });
  });

  it("serves the site through CloudFront with OAC, security headers and /api/* on the same origin", () => {
    app.resourceCountIs("AWS::CloudFront::OriginAccessControl", 1);
    app.hasResourceProperties("AWS::CloudFront::Distribution", {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: [Match.objectLike({ PathPattern: "/api/*" })],
        DefaultCacheBehavior: Match.objectLike({ FunctionAssociations: Match.anyValue() }),
      }),
    });
    app.hasResourceProperties("AWS::CloudFront::ResponseHeadersPolicy", {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: Match.objectLike({
            ContentSecurityPolicy: Match.stringLikeRegexp("script-src 'self'"),
          }),
          FrameOptions: Match.objectLike({ FrameOption: "DENY" }),
        }),
      }),
    });
  });

  it("alarms on errors, throttles, dead letters, API 5xx and stream lag", () => {
    const alarms = Object.values(app.findResources("AWS::CloudWatch::Alarm")).map(
      (alarm) => (alarm as { Properties: { MetricName: string; AlarmActions?: unknown[] } }).Properties,
    );
    const metrics = new Set(alarms.map((alarm) => alarm.MetricName));
    for (const metric of [
      "Errors",
      "Throttles",
      "ApproximateNumberOfMessagesVisible",
      "5xx",
      "IteratorAge",
    ]) {
      expect(metrics).toContain(metric);
    }
    expect(alarms.every((alarm) => (alarm.AlarmActions ?? []).length > 0)).toBe(true);
  });

  it("grants no wildcard actions on data", () => {
    for (const statement of [...statements(app), ...statements(data)]) {
      const actions = ([] as string[]).concat(statement.Action);
      for (const action of actions) {
        expect(action, JSON.stringify(statement)).not.toMatch(
          /^(\*|dynamodb:\*|s3:\*|dynamodb:.*\*|s3:.*\*)$/,
        );
      }
    }
  });
});

describe("cdk-nag", () => {
  it("finds nothing unacknowledged in the app (the synth above ran the AwsSolutions checks)", () => {
    expect(synthError).toBeUndefined();
  });

  it("does stop a synth that has a violation", () => {
    const dirty = new App();
    new Queue(new Stack(dirty, "Dirty"), "Unencrypted");
    Validations.of(dirty).addPlugins(new AwsSolutionsChecks(dirty));
    expect(() => dirty.synth()).toThrow(/AwsSolutions-SQS/);
  });
});
