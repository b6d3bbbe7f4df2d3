import { App, Stack, Validations } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { Queue } from "aws-cdk-lib/aws-sqs";
import { AwsSolutionsChecks } from "cdk-nag";
import { describe, expect, it } from "vitest";
import { securityHeaders } from "../../shared/http/security-headers.ts";
import { buildApp } from "../../stacks/app.ts";
import { DataStack } from "../../stacks/data-stack.ts";
import { stageConfig } from "../../stacks/stage.ts";
import { securityHeadersBehavior, spaRewriteCode } from "../../stacks/web-stack.ts";
import { cdkJsonContext, requiredContext } from "./fixture.ts";

// Checks that need no bundling: the stateful stack in prod, the CloudFront function, the nag gate itself.

describe("prod stage", () => {
  const app = new App({ context: { ...cdkJsonContext(), ...requiredContext, stage: "prod" } });
  const config = stageConfig(app);
  const data = Template.fromStack(new DataStack(app, "Data", { config }));

  it("protects and retains the table in prod", () => {
    data.hasResource("AWS::DynamoDB::Table", {
      DeletionPolicy: "Retain",
      UpdateReplacePolicy: "Retain",
      Properties: Match.objectLike({
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    });
  });

  it("retains buckets and secrets and never empties buckets on delete in prod", () => {
    for (const type of ["AWS::S3::Bucket", "AWS::SecretsManager::Secret"]) {
      for (const resource of Object.values(data.findResources(type))) {
        expect(resource).toMatchObject({ DeletionPolicy: "Retain" });
      }
    }
    data.resourceCountIs("Custom::S3AutoDeleteObjects", 0);
  });

  it("refuses to synthesize prod without an alarm address", () => {
    const withoutAlarms = new App({
      context: { ...cdkJsonContext(), ...requiredContext, stage: "prod", alarmEmail: "" },
    });
    expect(() => buildApp(withoutAlarms)).toThrow(/alarmEmail/);
    const malformed = new App({
      context: { ...cdkJsonContext(), ...requiredContext, stage: "prod", alarmEmail: "ops" },
    });
    expect(() => buildApp(malformed)).toThrow(/alarmEmail/);
  });

  it("subscribes the alarm address to the alarm topic", () => {
    data.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "email",
      Endpoint: requiredContext.alarmEmail,
    });
  });

  it("refuses to synthesize any stage without the central calendar (never `primary`)", () => {
    for (const stage of ["dev", "prod"]) {
      const app = new App({
        context: { ...cdkJsonContext(), ...requiredContext, stage, centralCalendarId: "" },
      });
      expect(() => buildApp(app), stage).toThrow(/centralCalendarId/);
    }
    expect(config.centralCalendarId).toBe(requiredContext.centralCalendarId);
  });

  it("rejects unknown stages", () => {
    expect(() => stageConfig(new App({ context: { stage: "qa" } }))).toThrow(/unknown stage/);
  });
});

describe("SPA rewrite (CloudFront Function)", () => {
  const handler = new Function(`${spaRewriteCode}; return handler;`)() as (event: {
    request: { uri: string };
  }) => { uri: string };
  const rewrite = (uri: string) => handler({ request: { uri } }).uri;

  it("serves index.html for app routes and leaves files alone", () => {
    expect(rewrite("/")).toBe("/index.html");
    expect(rewrite("/bookings")).toBe("/index.html");
    expect(rewrite("/admin/users/anna")).toBe("/index.html");
    expect(rewrite("/assets/index-abc123.js")).toBe("/assets/index-abc123.js");
    expect(rewrite("/favicon.ico")).toBe("/favicon.ico");
  });
});

describe("security headers policy", () => {
  it("carries every header of shared/http/security-headers.ts", () => {
    const { securityHeadersBehavior: behavior, customHeaders } = securityHeadersBehavior();
    const covered = new Set([
      ...(behavior.contentSecurityPolicy ? ["content-security-policy"] : []),
      ...(behavior.contentTypeOptions ? ["x-content-type-options"] : []),
      ...(behavior.referrerPolicy ? ["referrer-policy"] : []),
      ...(behavior.frameOptions ? ["x-frame-options"] : []),
      ...customHeaders.map((header) => header.header),
    ]);
    expect([...covered].sort()).toEqual(Object.keys(securityHeaders).sort());
    expect(behavior.strictTransportSecurity?.accessControlMaxAge.toSeconds()).toBeGreaterThanOrEqual(
      31_536_000,
    );
  });
});

describe("the nag gate", () => {
  it("stops a synth that has an unacknowledged finding", () => {
    const dirty = new App();
    new Queue(new Stack(dirty, "Dirty"), "Unencrypted");
    Validations.of(dirty).addPlugins(new AwsSolutionsChecks(dirty));
    expect(() => dirty.synth()).toThrow(/AwsSolutions-SQS/);
  });
});
