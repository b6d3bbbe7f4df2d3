import { readFileSync } from "node:fs";
import { join } from "node:path";
import { App, type Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { AwsSolutionsChecks } from "cdk-nag";
import { buildApp } from "../../stacks/app.ts";
import { projectRoot } from "../../stacks/functions.ts";

/** cdk.json's context (feature flags), so tests synthesize what `cdk synth` does. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson: unknown = JSON.parse(readFileSync(join(projectRoot, "cdk.json"), "utf8"));
  if (typeof cdkJson !== "object" || cdkJson === null || !("context" in cdkJson)) return {};
  const { context } = cdkJson;
  return typeof context === "object" && context !== null ? { ...context } : {};
}

export type CfnResource = {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string[] | string;
};

/** Context every stage requires (stacks/stage.ts); a test drops one by passing "". */
export const requiredContext = {
  centralCalendarId: "termine@example.com",
  alarmEmail: "ops@example.com",
};

/**
 * Builds the whole app once (real esbuild bundling, AwsSolutions checks on),
 * synthesizes it and runs cdk-nag directly for a readable report.
 */
export function synthesizeApp(context: Record<string, unknown> = {}) {
  const app = new App({ context: { ...cdkJsonContext(), ...requiredContext, ...context } });
  const built = buildApp(app);
  // The same pack the app registers; validateScope returns the findings instead of throwing.
  const nag = new AwsSolutionsChecks().validateScope(app);
  const assembly = app.synth();
  const template = (stack: Stack) => Template.fromJSON(assembly.getStackArtifact(stack.artifactId).template);
  const templates = {
    data: template(built.data),
    api: template(built.api),
    jobs: template(built.jobs),
    web: template(built.web),
  };
  return { app, built, nag, assembly, templates, all: Object.values(templates) };
}

export function resourcesOf(template: Template, type: string): [string, CfnResource][] {
  return Object.entries(template.findResources(type)) as [string, CfnResource][];
}

export function props<T = Record<string, unknown>>(resource: CfnResource): T {
  return (resource.Properties ?? {}) as T;
}
