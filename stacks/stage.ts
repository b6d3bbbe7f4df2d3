import { RemovalPolicy } from "aws-cdk-lib";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";

export const stages = ["dev", "prod"] as const;
export type Stage = (typeof stages)[number];

/** Everything that differs between stages, derived from `-c stage=…` and a few optional context keys. */
export interface StageConfig {
  stage: Stage;
  production: boolean;
  /** Prefix of stack and resource names: `SlotBooking-dev`, `SlotBooking-prod`. */
  prefix: string;
  /** Prefix of secret names: `slot-booking/dev/…`. */
  secretPrefix: string;
  removalPolicy: RemovalPolicy;
  logRetention: RetentionDays;
  timezone: string;
  centralCalendarId: string;
  consultants: string;
  /** Unset on AWS means Google's Calendar API. */
  googleCalendarApiUrl: string | undefined;
  /** Alarm notifications go to this address when given (`-c alarmEmail=ops@example.com`). */
  alarmEmail: string | undefined;
  appVersion: string;
}

function contextString(scope: Construct, key: string): string | undefined {
  const value: unknown = scope.node.tryGetContext(key);
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") throw new Error(`context "${key}" must be a string`);
  return value;
}

/** The stage from context (`-c stage=prod`, default `dev`); names, retention and protection follow from it. */
export function stageOf(scope: Construct): Stage {
  const value = contextString(scope, "stage") ?? "dev";
  const stage = stages.find((candidate) => candidate === value);
  if (!stage) throw new Error(`unknown stage "${value}" (expected ${stages.join(" or ")})`);
  return stage;
}

export function stageConfig(scope: Construct): StageConfig {
  const stage = stageOf(scope);
  const production = stage === "prod";
  return {
    stage,
    production,
    prefix: `SlotBooking-${stage}`,
    secretPrefix: `slot-booking/${stage}`,
    removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    logRetention: production ? RetentionDays.THREE_MONTHS : RetentionDays.TWO_WEEKS,
    timezone: contextString(scope, "timezone") ?? "Europe/Berlin",
    centralCalendarId: contextString(scope, "centralCalendarId") ?? "primary",
    consultants: contextString(scope, "consultants") ?? "",
    googleCalendarApiUrl: contextString(scope, "googleCalendarApiUrl"),
    alarmEmail: contextString(scope, "alarmEmail"),
    appVersion: contextString(scope, "appVersion") ?? "0.1.0",
  };
}
