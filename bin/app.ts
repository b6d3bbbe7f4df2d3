import { App, Tags, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { AppStack } from "../stacks/app-stack.ts";
import { DataStack } from "../stacks/data-stack.ts";
import { stageOf } from "../stacks/stage.ts";

/** Builds the CDK app; tests call this too, so what they check is what deploys. */
export function buildApp(app = new App()) {
  const stage = stageOf(app);
  const data = new DataStack(app, `SlotBookingData-${stage}`, { stage });
  const api = new AppStack(app, `SlotBookingApp-${stage}`, { stage, data });
  Tags.of(app).add("project", "slot-booking");
  Tags.of(app).add("stage", stage);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, data, api };
}

if (import.meta.main) buildApp().app.synth();
