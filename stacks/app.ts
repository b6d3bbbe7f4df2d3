import { type App, Tags, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { ApiStack } from "./api-stack.ts";
import { DataStack } from "./data-stack.ts";
import { JobsStack } from "./jobs-stack.ts";
import { stageConfig } from "./stage.ts";
import { WebStack } from "./web-stack.ts";

/** All stacks of one stage. bin/app.ts and tests/infra build the app through this, so tests check what deploys. */
export function buildApp(app: App) {
  const config = stageConfig(app);
  const common = { config, terminationProtection: config.production };
  const data = new DataStack(app, `${config.prefix}-Data`, {
    ...common,
    description: "slot-booking: table, exports bucket, secrets, alarm topic",
  });
  const shared = { ...common, resources: data.resources, alarmTopic: data.alarmTopic };
  const jobs = new JobsStack(app, `${config.prefix}-Jobs`, {
    ...shared,
    description: "slot-booking: scheduled jobs and the outbox consumer",
  });
  const api = new ApiStack(app, `${config.prefix}-Api`, {
    ...shared,
    jobFunctions: jobs.jobs,
    exportWorker: jobs.exportWorker.function,
    description: "slot-booking: HTTP API and one Lambda per feature",
  });
  const web = new WebStack(app, `${config.prefix}-Web`, {
    ...common,
    api: api.api,
    originVerify: data.originVerify,
    description: "slot-booking: site bucket and CloudFront (site + /api)",
  });

  Tags.of(app).add("app", "slot-booking");
  Tags.of(app).add("stage", config.stage);
  // cdk-nag v3 is a policy-validation plugin: synth fails on any unacknowledged AwsSolutions finding.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { config, data, api, jobs, web };
}
