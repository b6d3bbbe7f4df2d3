import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Annotations, Match, type Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { tableDefinition } from "../../shared/data/table.ts";
import { outboxPartitionPrefix } from "../../shared/events/outbox.ts";
import { metricNames, metricsNamespace } from "../../shared/http/observability.ts";
import { buildOpenApiDocument } from "../../shared/http/openapi.ts";
import { features, routeKey } from "../../shared/http/route-types.ts";
import { routeEntries } from "../../shared/http/routes.ts";
import { contentSecurityPolicy, securityHeaders } from "../../shared/http/security-headers.ts";
import { eventBridgeCron, scheduledJobs, scheduleTimeZone } from "../../shared/schedules.ts";
import { appMetricAlarms, nearTimeoutShare } from "../../stacks/alarms.ts";
import { type BundleSizes, bundledSizes, rendersPdf } from "../../stacks/bundling.ts";
import { type LambdaSpec, lambdaSpecs } from "../../stacks/functions.ts";
import { delivery } from "../../stacks/jobs-stack.ts";
import { needsOf, secretArnVariables } from "../../stacks/permissions.ts";
import { type CfnResource, props, resourcesOf, synthesizeApp } from "./fixture.ts";

const seededConsultants = "Anna Berger:anna@example.com,Ben Kraus:ben@example.com";

// One synth for the whole file: bundling nine functions with esbuild is the slow part (~1 min).
let synth: ReturnType<typeof synthesizeApp>;
beforeAll(() => {
  synth = synthesizeApp({ stage: "dev", consultants: seededConsultants });
});

type Variables = Record<string, unknown>;
type FunctionProps = {
  Runtime: string;
  Architectures: string[];
  Environment?: { Variables?: Variables };
  Code: { S3Key: string };
  Role: unknown;
};
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

/** The product's functions (CDK's own custom-resource handlers carry no POWERTOOLS_SERVICE_NAME), by name. */
function productFunctions(template: Template): Map<string, [string, FunctionProps]> {
  const found = new Map<string, [string, FunctionProps]>();
  for (const [logicalId, resource] of resourcesOf(template, "AWS::Lambda::Function")) {
    const properties = props<FunctionProps>(resource);
    const service = properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME;
    if (typeof service === "string")
      found.set(service.replace(/^slot-booking-/, ""), [logicalId, properties]);
  }
  return found;
}

function allProductFunctions(): Map<string, [string, FunctionProps, Template]> {
  const found = new Map<string, [string, FunctionProps, Template]>();
  for (const template of synth.all) {
    for (const [name, [logicalId, properties]] of productFunctions(template)) {
      found.set(name, [logicalId, properties, template]);
    }
  }
  return found;
}

function statementsOf(template: Template): { owner: string; statement: Statement }[] {
  const policies = resourcesOf(template, "AWS::IAM::Policy").flatMap(([logicalId, resource]) =>
    props<{ PolicyDocument: { Statement: Statement[] } }>(resource).PolicyDocument.Statement.map(
      (statement) => ({
        owner: logicalId,
        statement,
      }),
    ),
  );
  const inline = resourcesOf(template, "AWS::IAM::Role").flatMap(([logicalId, resource]) =>
    (props<{ Policies?: { PolicyDocument: { Statement: Statement[] } }[] }>(resource).Policies ?? []).flatMap(
      (policy) => policy.PolicyDocument.Statement.map((statement) => ({ owner: logicalId, statement })),
    ),
  );
  return [...policies, ...inline];
}

const actionsOf = (statement: Statement) => ([] as string[]).concat(statement.Action);

/** The budget of the JavaScript a cold start loads: the entry and the chunks it imports statically. */
const maxInitialBytes = 700 * 1024;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/** The sizes the synth's bundling recorded (sizes only: times belong to the bench). */
const sizesOf = (spec: LambdaSpec): BundleSizes => {
  const found = bundledSizes.get(spec.name);
  if (!found) throw new Error(`${spec.name} was not bundled by the synth`);
  return found;
};
const loadsAtStart = (spec: LambdaSpec, pkg: string) =>
  sizesOf(spec).initialModules.some((module) => module.includes(`node_modules/${pkg}/`));

describe("data stack", () => {
  it("has the table of shared/data/table.ts: on demand, GSIs, stream, TTL, point-in-time recovery", () => {
    synth.templates.data.resourceCountIs("AWS::DynamoDB::Table", 1);
    synth.templates.data.hasResourceProperties("AWS::DynamoDB::Table", {
      BillingMode: "PAY_PER_REQUEST",
      KeySchema: [
        { AttributeName: tableDefinition.partitionKey, KeyType: "HASH" },
        { AttributeName: tableDefinition.sortKey, KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: tableDefinition.globalSecondaryIndexes.map((index) =>
        Match.objectLike({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: "HASH" },
            { AttributeName: index.sortKey, KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        }),
      ),
      StreamSpecification: { StreamViewType: tableDefinition.streamViewType },
      TimeToLiveSpecification: { AttributeName: tableDefinition.ttlAttribute, Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: false,
    });
    // dev can be torn down; prod retention is in prod.test.ts.
    synth.templates.data.hasResource("AWS::DynamoDB::Table", { DeletionPolicy: "Delete" });
  });

  it("keeps exports private, encrypted and for 7 days", () => {
    synth.templates.data.hasResourceProperties("AWS::S3::Bucket", {
      BucketEncryption: { ServerSideEncryptionConfiguration: [Match.objectLike({})] },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      // Exports go after 7 days; reports (the history admins compare) stay longer.
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Prefix: "exports/", ExpirationInDays: 7, Status: "Enabled" }),
          Match.objectLike({ Prefix: "reports/", ExpirationInDays: 400, Status: "Enabled" }),
        ]),
      },
    });
  });

  it("denies plain HTTP on every bucket of every stack (TLS-only bucket policies)", () => {
    for (const template of synth.all) {
      const buckets = resourcesOf(template, "AWS::S3::Bucket").map(([logicalId]) => logicalId);
      const policies = resourcesOf(template, "AWS::S3::BucketPolicy").map(([, resource]) =>
        props<{ Bucket: { Ref: string }; PolicyDocument: { Statement: Statement[] } }>(resource),
      );
      for (const bucket of buckets) {
        const policy = policies.find((candidate) => candidate.Bucket.Ref === bucket);
        expect(policy, `${bucket} has a bucket policy`).toBeDefined();
        expect(policy?.PolicyDocument.Statement).toContainEqual(
          expect.objectContaining({
            Effect: "Deny",
            Action: "s3:*",
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          }),
        );
      }
    }
  });

  it("creates the secrets (session secret and origin token generated) under stage-scoped names", () => {
    const secrets = resourcesOf(synth.templates.data, "AWS::SecretsManager::Secret").map(([, resource]) =>
      props<{ Name: string; GenerateSecretString?: unknown }>(resource),
    );
    expect(secrets.map((secret) => secret.Name).sort()).toEqual([
      "slot-booking/dev/bootstrap-users",
      "slot-booking/dev/google-credentials",
      "slot-booking/dev/origin-verify",
      "slot-booking/dev/session-secret",
    ]);
    for (const generated of ["session-secret", "origin-verify"]) {
      expect(secrets.find((secret) => secret.Name.endsWith(generated))?.GenerateSecretString).toBeDefined();
    }
  });
});

describe("functions", () => {
  it("has exactly one function per feature, per scheduled job, the outbox consumer and the export worker", () => {
    const names = [...allProductFunctions().keys()].sort();
    expect(names).toEqual(
      [...features, ...scheduledJobs.map((job) => job.name), "events", "export-worker"].sort(),
    );
    expect(productFunctions(synth.templates.api).size).toBe(features.length);
  });

  it("runs every function on nodejs24.x and arm64 with the common environment", () => {
    for (const [name, [, fn]] of allProductFunctions()) {
      expect(fn.Runtime, name).toBe("nodejs24.x");
      expect(fn.Architectures, name).toEqual(["arm64"]);
      const variables = fn.Environment?.Variables ?? {};
      for (const key of [
        "TABLE_NAME",
        "EXPORT_BUCKET",
        "TIMEZONE",
        "CENTRAL_CALENDAR_ID",
        "POWERTOOLS_SERVICE_NAME",
      ]) {
        expect(variables[key], `${name} ${key}`).toBeDefined();
      }
      // Source maps ship in the zip but are not parsed at every cold start (README, Lambda bundles).
      expect(variables.NODE_OPTIONS).toBeUndefined();
      expect(variables.POWERTOOLS_METRICS_NAMESPACE).toBe("SlotBooking");
    }
  });

  it("keeps responses and outgoing HTTP requests out of every function's traces", () => {
    for (const [name, [, fn]] of allProductFunctions()) {
      const variables = fn.Environment?.Variables ?? {};
      expect(variables.POWERTOOLS_TRACER_CAPTURE_RESPONSE, name).toBe("false");
      expect(variables.POWERTOOLS_TRACER_CAPTURE_HTTPS_REQUESTS, name).toBe("false");
    }
  });

  it("gives the consultants of `-c consultants` to the availability job only (it seeds them)", () => {
    for (const [name, [, fn]] of allProductFunctions()) {
      const consultants = fn.Environment?.Variables?.CONSULTANTS;
      expect(consultants, name).toBe(name === "generate-availability" ? seededConsultants : undefined);
    }
  });

  it("passes secrets by ARN only, never as values", () => {
    for (const [name, [, fn]] of allProductFunctions()) {
      const variables = fn.Environment?.Variables ?? {};
      for (const plain of ["SESSION_SECRET", "GOOGLE_CREDS_BASE64", "BOOTSTRAP_USERS"]) {
        expect(variables[plain], `${name} ${plain}`).toBeUndefined();
      }
      for (const [key, value] of Object.entries(variables)) {
        if (key.endsWith("_SECRET_ARN"))
          expect(JSON.stringify(value), key).toMatch(/Secret|Fn::GetStackOutput|ImportValue/);
      }
    }
  });

  it("ships pdfkit's standard fonts next to every PDF-rendering bundle (loaded at run time)", () => {
    const functions = allProductFunctions();
    for (const name of rendersPdf) {
      const [, fn] = functions.get(name) ?? [];
      if (!fn) throw new Error(`no function ${name}`);
      const dir = join(synth.assembly.directory, `asset.${fn.Code.S3Key.replace(/\.zip$/, "")}`);
      expect(existsSync(join(dir, "standard-fonts", "Helvetica.cjs")), name).toBe(true);
      expect(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).imports, name).toEqual({
        "#standard-fonts/*": "./standard-fonts/*.cjs",
      });
    }
  });

  it("ships the system function the OpenAPI document generated from the route table", () => {
    const [, fn] = allProductFunctions().get("system") ?? [];
    if (!fn) throw new Error("no function system");
    const dir = join(synth.assembly.directory, `asset.${fn.Code.S3Key.replace(/\.zip$/, "")}`);
    expect(existsSync(join(dir, "index.mjs"))).toBe(true);
    const shipped = JSON.parse(readFileSync(join(dir, "openapi.json"), "utf8"));
    expect(shipped).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument(""))));
  });

  it("gives each function exactly the secrets its bundled code reads (permission map vs. code)", () => {
    const specs = new Map(lambdaSpecs.map((spec) => [spec.name as string, spec]));
    for (const [name, [, fn]] of allProductFunctions()) {
      const hash = fn.Code.S3Key.replace(/\.zip$/, "");
      const dir = join(synth.assembly.directory, `asset.${hash}`);
      expect(existsSync(join(dir, "index.mjs")), `${name}: ${dir}`).toBe(true);
      // The entry and its chunks (lazily loaded paths read secrets too).
      const code = readdirSync(dir, { recursive: true, encoding: "utf8" })
        .filter((file) => file.endsWith(".mjs"))
        .map((file) => readFileSync(join(dir, file), "utf8"))
        .join("\n");
      const spec = specs.get(name);
      if (!spec) throw new Error(`no spec for ${name}`);
      const needs = needsOf(spec);
      for (const [need, variable] of Object.entries(secretArnVariables)) {
        const readsIt = code.includes(variable);
        expect(readsIt, `${name}'s code reads ${variable}`).toBe(
          needs.has(need as keyof typeof secretArnVariables),
        );
        expect(fn.Environment?.Variables?.[variable] !== undefined, `${name} gets ${variable}`).toBe(readsIt);
      }
    }
  });
});

describe("api stack", () => {
  it("has every route of the route table as an API Gateway route, on its feature's function", () => {
    const template = synth.templates.api;
    const routes = resourcesOf(template, "AWS::ApiGatewayV2::Route").map(([, resource]) =>
      props<{ RouteKey: string; Target: { "Fn::Join": [string, unknown[]] } }>(resource),
    );
    expect(routes.map((route) => route.RouteKey).sort()).toEqual(
      routeEntries.map(([, route]) => routeKey(route)).sort(),
    );

    const integrations = new Map(
      resourcesOf(template, "AWS::ApiGatewayV2::Integration").map(([logicalId, resource]) => [
        logicalId,
        JSON.stringify(props(resource).IntegrationUri),
      ]),
    );
    const functions = productFunctions(template);
    for (const [, route] of routeEntries) {
      const found = routes.find((candidate) => candidate.RouteKey === routeKey(route));
      const integrationId = JSON.stringify(found?.Target).match(/"Ref":"([^"]+)"/)?.[1] ?? "";
      const [functionId] = functions.get(route.feature) ?? [""];
      expect(integrations.get(integrationId), routeKey(route)).toContain(`"${functionId}"`);
    }
  });

  it("throttles per route as the route table says, with access logs on the stage", () => {
    const throttled = routeEntries.filter(([, route]) => route.throttle);
    expect(throttled.length).toBeGreaterThan(0);
    synth.templates.api.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      StageName: "$default",
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp("requestId") },
      DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: Match.anyValue() }),
      RouteSettings: Object.fromEntries(
        throttled.map(([, route]) => [
          routeKey(route),
          { ThrottlingRateLimit: route.throttle?.rate, ThrottlingBurstLimit: route.throttle?.burst },
        ]),
      ),
    });
    // Route settings refer to routes by key: the stage must be created after them.
    const [[, stage]] = resourcesOf(synth.templates.api, "AWS::ApiGatewayV2::Stage") as [
      [string, CfnResource],
    ];
    const routeIds = new Map(
      resourcesOf(synth.templates.api, "AWS::ApiGatewayV2::Route").map(([logicalId, resource]) => [
        props<{ RouteKey: string }>(resource).RouteKey,
        logicalId,
      ]),
    );
    for (const [, route] of throttled) {
      expect(([] as string[]).concat(stage.DependsOn ?? [])).toContain(routeIds.get(routeKey(route)));
    }
  });
});

describe("jobs stack", () => {
  it("schedules every job of shared/schedules.ts at eventBridgeCron(job.cron), UTC, with retries and a DLQ", () => {
    const template = synth.templates.jobs;
    const functions = productFunctions(template);
    template.resourceCountIs("AWS::Scheduler::Schedule", scheduledJobs.length);
    for (const job of scheduledJobs) {
      const [functionId] = functions.get(job.name) ?? [""];
      template.hasResourceProperties("AWS::Scheduler::Schedule", {
        ScheduleExpression: eventBridgeCron(job.cron),
        // UTC unless the job names its zone (the weekly report: the stage's zone, Europe/Berlin by default).
        ScheduleExpressionTimezone: "timeZone" in job ? scheduleTimeZone(job, "Europe/Berlin") : "Etc/UTC",
        State: "ENABLED",
        Target: Match.objectLike({
          Arn: { "Fn::GetAtt": [functionId, "Arn"] },
          DeadLetterConfig: { Arn: Match.anyValue() },
          RetryPolicy: {
            MaximumRetryAttempts: delivery.scheduleRetryAttempts,
            MaximumEventAgeInSeconds: delivery.scheduleMaxEventAge.toSeconds(),
          },
          Input: Match.serializedJson(Match.objectLike({ job: job.name })),
        }),
      });
      // Scheduler's DLQ never sees function errors: the async invoke config catches those.
      template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", {
        FunctionName: { Ref: functionId },
        MaximumRetryAttempts: delivery.asyncRetryAttempts,
        MaximumEventAgeInSeconds: delivery.asyncMaxEventAge.toSeconds(),
        DestinationConfig: { OnFailure: { Destination: { "Fn::GetAtt": [Match.anyValue(), "Arn"] } } },
      });
    }
  });

  it("feeds outbox items from the stream to the events function with bounded retries", () => {
    const [eventsId] = productFunctions(synth.templates.jobs).get("events") ?? [""];
    synth.templates.jobs.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      FunctionName: { Ref: eventsId },
      EventSourceArn: Match.anyValue(),
      StartingPosition: "TRIM_HORIZON",
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: delivery.streamRetryAttempts,
      MaximumRecordAgeInSeconds: delivery.streamMaxRecordAge.toSeconds(),
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      DestinationConfig: { OnFailure: { Destination: { "Fn::GetAtt": [Match.anyValue(), "Arn"] } } },
      FilterCriteria: {
        Filters: [{ Pattern: Match.stringLikeRegexp(outboxPartitionPrefix) }],
      },
    });
  });

  it("keeps dead letters encrypted, TLS-only and for 14 days", () => {
    const queues = resourcesOf(synth.templates.jobs, "AWS::SQS::Queue");
    // Scheduler, outbox consumer and sync retries as before, plus the export worker's on-failure queue.
    expect(queues.length).toBe(4);
    for (const [, queue] of queues) {
      expect(props(queue)).toMatchObject({
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 14 * 24 * 3600,
      });
    }
  });
});

describe("web stack", () => {
  const managed = {
    cachingDisabled: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
    allViewerExceptHostHeader: "b689b0a8-53d0-40ab-baf2-68738e2966ac",
  };

  it("serves the private site bucket through Origin Access Control", () => {
    synth.templates.web.resourceCountIs("AWS::CloudFront::OriginAccessControl", 1);
    synth.templates.web.hasResourceProperties("AWS::CloudFront::OriginAccessControl", {
      OriginAccessControlConfig: Match.objectLike({
        OriginAccessControlOriginType: "s3",
        SigningBehavior: "always",
      }),
    });
    synth.templates.web.hasResourceProperties("AWS::S3::BucketPolicy", {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: "Allow",
            Principal: { Service: "cloudfront.amazonaws.com" },
            Action: "s3:GetObject",
            Condition: { StringEquals: { "AWS:SourceArn": Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it("routes /api/* to the API uncached with all viewer data but Host, and rewrites SPA paths only on the site", () => {
    const [[, distribution]] = resourcesOf(synth.templates.web, "AWS::CloudFront::Distribution") as [
      [string, CfnResource],
    ];
    const config = props<{
      DistributionConfig: {
        CacheBehaviors: Record<string, unknown>[];
        DefaultCacheBehavior: Record<string, unknown>;
        CustomErrorResponses?: unknown;
        Origins: {
          Id: string;
          DomainName: unknown;
          S3OriginConfig?: unknown;
          OriginAccessControlId?: unknown;
        }[];
      };
    }>(distribution).DistributionConfig;
    // No distribution-wide error pages: they would turn the API's 403/404 into index.html.
    expect(config.CustomErrorResponses).toBeUndefined();
    expect(config.CacheBehaviors).toHaveLength(1);
    expect(config.CacheBehaviors[0]).toMatchObject({
      PathPattern: "/api/*",
      CachePolicyId: managed.cachingDisabled,
      OriginRequestPolicyId: managed.allViewerExceptHostHeader,
      ViewerProtocolPolicy: "https-only",
      AllowedMethods: expect.arrayContaining(["POST", "PUT", "PATCH", "DELETE"]),
    });
    expect(config.CacheBehaviors[0]?.FunctionAssociations).toBeUndefined();
    expect(config.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: "redirect-to-https",
      FunctionAssociations: [
        {
          EventType: "viewer-request",
          FunctionARN: { "Fn::GetAtt": [expect.stringMatching(/^SpaRewrite/), "FunctionARN"] },
        },
      ],
    });
    const apiOrigin = config.Origins.find((origin) => origin.Id === config.CacheBehaviors[0]?.TargetOriginId);
    expect(JSON.stringify(apiOrigin?.DomainName)).toContain("Fn::Split");
    // The API trusts CloudFront-Viewer-Address only with this header: a secret resolved by
    // CloudFormation (a dynamic reference), never a literal in the template.
    const originHeaders = JSON.stringify(
      (apiOrigin as { OriginCustomHeaders?: unknown } | undefined)?.OriginCustomHeaders,
    );
    expect(originHeaders).toContain("x-origin-verify");
    expect(originHeaders).toContain("{{resolve:secretsmanager:");
    const siteOrigin = config.Origins.find(
      (origin) => origin.Id === config.DefaultCacheBehavior.TargetOriginId,
    );
    expect(siteOrigin?.OriginAccessControlId).toBeDefined();
  });

  it("sends the security headers of shared/http/security-headers.ts on site and API responses", () => {
    synth.templates.web.hasResourceProperties("AWS::CloudFront::ResponseHeadersPolicy", {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: { ContentSecurityPolicy: contentSecurityPolicy, Override: true },
          FrameOptions: { FrameOption: securityHeaders["x-frame-options"], Override: true },
          ReferrerPolicy: { ReferrerPolicy: securityHeaders["referrer-policy"], Override: true },
          ContentTypeOptions: { Override: true },
          StrictTransportSecurity: Match.objectLike({ IncludeSubdomains: true, Override: true }),
        }),
        CustomHeadersConfig: {
          Items: Match.arrayWith([
            { Header: "permissions-policy", Value: securityHeaders["permissions-policy"], Override: true },
            {
              Header: "cross-origin-opener-policy",
              Value: securityHeaders["cross-origin-opener-policy"],
              Override: true,
            },
          ]),
        },
      }),
    });
  });

  it("outputs what the deploy workflow needs", () => {
    const outputs = Object.keys(synth.templates.web.findOutputs("*"));
    expect(outputs).toEqual(expect.arrayContaining(["SiteBucketName", "DistributionId", "SiteUrl"]));
  });
});

describe("alarms", () => {
  type AlarmProps = {
    MetricName?: string;
    Metrics?: {
      Id: string;
      Expression?: string;
      Period?: number;
      MetricStat?: { Metric: { MetricName: string } };
    }[];
    Threshold?: number;
    Dimensions?: { Name: string; Value: unknown }[];
    AlarmActions?: unknown[];
  };
  const alarms = () =>
    synth.all.flatMap((template) =>
      resourcesOf(template, "AWS::CloudWatch::Alarm").map(([, alarm]) => props<AlarmProps>(alarm)),
    );

  it("alarms on errors and throttles of every function", () => {
    for (const template of synth.all) {
      const templateAlarms = resourcesOf(template, "AWS::CloudWatch::Alarm").map(([, alarm]) =>
        props<AlarmProps>(alarm),
      );
      for (const [name, [logicalId]] of productFunctions(template)) {
        for (const metric of ["Errors", "Throttles"]) {
          const found = templateAlarms.some(
            (alarm) =>
              alarm.MetricName === metric && JSON.stringify(alarm.Dimensions).includes(`"${logicalId}"`),
          );
          expect(found, `${name} ${metric}`).toBe(true);
        }
      }
    }
  });

  it("alarms on the app's failure metrics across the namespace: calendar syncs, availability, retries, logins", () => {
    const names = appMetricAlarms.map((spec) => spec.metric);
    expect(names).toEqual(
      expect.arrayContaining([
        metricNames.calendarSyncFailed,
        metricNames.availabilityConsultantFailed,
        metricNames.oldestSyncRetryAge,
        metricNames.loginFailed,
      ]),
    );
    const all = alarms();
    for (const spec of appMetricAlarms) {
      const found = all.find((alarm) =>
        alarm.Metrics?.some(
          (metric) =>
            metric.Expression === `SELECT ${spec.statistic}(${spec.metric}) FROM ${metricsNamespace}` &&
            metric.Period === spec.period.toSeconds(),
        ),
      );
      expect(found, spec.metric).toBeDefined();
      expect(found?.Threshold, spec.metric).toBe(spec.threshold);
      expect(JSON.stringify(found?.AlarmActions), spec.metric).toMatch(
        /Alarms|Fn::GetStackOutput|ImportValue/,
      );
    }
  });

  it("alarms when a job's run comes near its timeout", () => {
    const template = synth.templates.jobs;
    const jobAlarms = resourcesOf(template, "AWS::CloudWatch::Alarm").map(([, alarm]) =>
      props<AlarmProps>(alarm),
    );
    for (const [name, [logicalId, fn]] of productFunctions(template)) {
      if (name === "events") continue;
      const timeoutMs = (fn as FunctionProps & { Timeout: number }).Timeout * 1000;
      const found = jobAlarms.find(
        (alarm) =>
          alarm.MetricName === "Duration" && JSON.stringify(alarm.Dimensions).includes(`"${logicalId}"`),
      );
      expect(found?.Threshold, name).toBe(Math.round(timeoutMs * nearTimeoutShare));
    }
  });

  it("alarms on dead-letter depth, API 5xx rate and stream iterator age, all into the SNS topic", () => {
    const all = alarms();
    const queueAlarms = all.filter((alarm) => alarm.MetricName === "ApproximateNumberOfMessagesVisible");
    expect(queueAlarms).toHaveLength(resourcesOf(synth.templates.jobs, "AWS::SQS::Queue").length);
    expect(all.some((alarm) => alarm.MetricName === "IteratorAge")).toBe(true);
    const rate = all.find((alarm) =>
      alarm.Metrics?.some((metric) => metric.MetricStat?.Metric.MetricName === "5xx"),
    );
    expect(rate?.Metrics?.map((metric) => metric.MetricStat?.Metric.MetricName)).toContain("Count");
    for (const alarm of all) {
      expect(JSON.stringify(alarm.AlarmActions)).toMatch(/Alarms|Fn::GetStackOutput|ImportValue/);
    }
  });
});

describe("least privilege", () => {
  const forbidden = new Set(["*", "dynamodb:*", "s3:*"]);
  /** The only actions that may have `Resource: *`: they support no resource-level permissions. */
  const resourceless = new Set(["xray:PutTraceSegments", "xray:PutTelemetryRecords", "dynamodb:ListStreams"]);

  it("grants no wildcard actions (`*`, `dynamodb:*`, `s3:*`) in any allow statement", () => {
    for (const template of synth.all) {
      for (const { owner, statement } of statementsOf(template)) {
        if (statement.Effect !== "Allow") continue;
        for (const action of actionsOf(statement))
          expect(forbidden.has(action), `${owner}: ${action}`).toBe(false);
      }
    }
  });

  it("lets the product's functions use only explicit DynamoDB and S3 actions, and `*` resources only where AWS allows nothing else", () => {
    for (const template of synth.all) {
      const roles = new Set(
        [...productFunctions(template).values()].map(
          ([, fn]) => JSON.stringify(fn.Role).match(/"([A-Za-z0-9]+)","Arn"/)?.[1],
        ),
      );
      const policies = resourcesOf(template, "AWS::IAM::Policy").filter(([, policy]) =>
        JSON.stringify(props(policy).Roles)
          .match(/"Ref":"([A-Za-z0-9]+)"/g)
          ?.some((ref) => roles.has(ref.slice(7, -1))),
      );
      expect(policies.length).toBe(productFunctions(template).size);
      for (const [logicalId, policy] of policies) {
        for (const statement of props<{ PolicyDocument: { Statement: Statement[] } }>(policy).PolicyDocument
          .Statement) {
          for (const action of actionsOf(statement)) {
            if (/^(dynamodb|s3):/.test(action)) expect(action, logicalId).not.toContain("*");
            if (statement.Resource === "*")
              expect(resourceless.has(action), `${logicalId}: ${action} on *`).toBe(true);
          }
        }
      }
    }
  });
});

describe("cdk-nag (AwsSolutions)", () => {
  it("has no unacknowledged findings", () => {
    const findings = synth.nag.violations.flatMap((violation) =>
      violation.violatingResources.map(
        (resource) => `${violation.ruleName} at ${resource.constructPath ?? "?"}`,
      ),
    );
    expect(findings).toEqual([]);
  });

  it("leaves no nag errors or warnings as annotations either", () => {
    for (const stack of [synth.built.data, synth.built.api, synth.built.jobs, synth.built.web]) {
      const annotations = Annotations.fromStack(stack);
      expect(annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))).toEqual([]);
      expect(annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))).toEqual([]);
      expect(annotations.findError("*", Match.anyValue())).toEqual([]);
    }
  });
});

describe("reports", () => {
  /** The statements of the policies attached to one product function's role. */
  function statementsOfFunction(name: string): Statement[] {
    const [, fn, template] = allProductFunctions().get(name) ?? [];
    expect(fn, name).toBeDefined();
    const role = JSON.stringify(fn!.Role).match(/"([A-Za-z0-9]+)","Arn"/)?.[1];
    return resourcesOf(template!, "AWS::IAM::Policy")
      .filter(([, policy]) => JSON.stringify(props(policy).Roles).includes(`"Ref":"${role}"`))
      .flatMap(
        ([, policy]) =>
          props<{ PolicyDocument: { Statement: Statement[] } }>(policy).PolicyDocument.Statement,
      );
  }

  it("runs the weekly report every Monday 06:00 in the app's zone (EventBridge Scheduler's timezone)", () => {
    const job = scheduledJobs.find((candidate) => candidate.name === "weekly-report");
    expect(job).toBeDefined();
    synth.templates.jobs.hasResourceProperties("AWS::Scheduler::Schedule", {
      ScheduleExpression: "cron(0 6 ? * MON *)",
      ScheduleExpressionTimezone: "Europe/Berlin",
      Target: Match.objectLike({ Input: Match.serializedJson(Match.objectLike({ job: "weekly-report" })) }),
    });
    // The zone is the stage's (`-c timezone=…`), not a constant: another stage's zone is used as given.
    expect(scheduleTimeZone(job!, "Europe/Vienna")).toBe("Europe/Vienna");
  });

  it("lets the report functions touch the exports bucket only under reports/", () => {
    for (const name of ["reports", "weekly-report"]) {
      const s3 = statementsOfFunction(name).filter((statement) =>
        actionsOf(statement).some((action) => action.startsWith("s3:")),
      );
      expect(s3.length, name).toBeGreaterThan(0);
      for (const statement of s3) {
        const resource = JSON.stringify(statement.Resource);
        if (actionsOf(statement).includes("s3:ListBucket")) {
          expect(statement.Condition, name).toEqual({ StringLike: { "s3:prefix": ["reports/*"] } });
        } else {
          expect(resource, name).toMatch(/\/reports\/\*"/);
          expect(
            actionsOf(statement).every((action) => ["s3:GetObject", "s3:PutObject"].includes(action)),
          ).toBe(true);
        }
      }
    }
    // Only the feature hands out links (GetObject); the job only writes.
    const jobActions = statementsOfFunction("weekly-report").flatMap(actionsOf);
    expect(jobActions).toContain("s3:PutObject");
    expect(jobActions).not.toContain("s3:GetObject");
  });
});

describe("Lambda bundles", () => {
  it.each(lambdaSpecs.map((spec) => [`${spec.kind} ${spec.name}`, spec] as const))(
    "%s loads at most 700 KB of JavaScript at a cold start",
    (_name, spec) => {
      const { initial, total, lazy } = sizesOf(spec);
      const lazyChunks = lazy.map((chunk) => `${chunk.file} ${kb(chunk.bytes)}`).join(", ");
      expect(
        initial,
        `${spec.name}: ${kb(initial)} at start, ${kb(total)} in all (lazy: ${lazyChunks})`,
      ).toBeLessThanOrEqual(maxInitialBytes);
    },
  );

  it("keeps the heavy, path-specific libraries out of every cold start", () => {
    for (const spec of lambdaSpecs) {
      // The PDF renderer, Google's client, the X-Ray SDK and the SDK's non-Lambda credential sources.
      for (const pkg of [
        "pdfkit",
        "fontkit",
        "googleapis-common",
        "google-auth-library",
        "aws-xray-sdk-core",
      ]) {
        expect(loadsAtStart(spec, pkg), `${spec.name} loads ${pkg} at start`).toBe(false);
      }
      expect(loadsAtStart(spec, "@aws-sdk/credential-provider-node"), spec.name).toBe(false);
    }
  });

  it("gives a feature's function only its own routes' schemas", () => {
    const booking = lambdaSpecs.find((spec) => spec.name === "booking");
    if (!booking) throw new Error("no booking function");
    const modules = sizesOf(booking).initialModules;
    expect(modules).toContain("shared/http/routes.ts");
    for (const other of ["routes-analytics.ts", "routes-shop.ts", "routes-admin.ts", "routes-auth.ts"]) {
      expect(
        modules.some((module) => module.endsWith(other)),
        other,
      ).toBe(false);
    }
  });
});
