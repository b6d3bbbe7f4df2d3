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
  /** Required: Google's `primary` would be the service account's own calendar, which nobody sees. */
  centralCalendarId: string;
  /** `Name:calendarId,…`, seeded by the availability job while the table has no consultants. */
  consultants: string;
  /** Unset on AWS means Google's Calendar API. */
  googleCalendarApiUrl: string | undefined;
  /** Alarm notifications go to this address (`-c alarmEmail=ops@example.com`); required in prod. */
  alarmEmail: string | undefined;
  appVersion: string;
  /**
   * X-Ray subsegments for every AWS SDK call (`-c traceAwsCalls=true`). Off by
   * default: it loads the X-Ray SDK (~120 KB) in every cold start. Lambda's
   * active tracing records each invocation either way.
   */
  traceAwsCalls: boolean;
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

/** A context value the stage cannot do without: synth stops and says how to give it. */
function requiredContext(scope: Construct, key: string, why: string, example: string): string {
  const value = contextString(scope, key);
  if (!value) throw new Error(`context "${key}" is required: ${why} (-c ${key}=${example})`);
  return value;
}

export function stageConfig(scope: Construct): StageConfig {
  const stage = stageOf(scope);
  const production = stage === "prod";
  const centralCalendarId = requiredContext(
    scope,
    "centralCalendarId",
    "bookings are written to this calendar, shared with the service account (its own `primary` calendar is invisible to everyone else)",
    "termine@example.com",
  );
  // Alarms that reach nobody are silent failures; dev may go without.
  const alarmEmail = production
    ? requiredContext(scope, "alarmEmail", "prod alarms must reach someone", "ops@example.com")
    : contextString(scope, "alarmEmail");
  if (alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alarmEmail)) {
    throw new Error(`context "alarmEmail" is not an e-mail address: ${alarmEmail}`);
  }
  return {
    stage,
    production,
    prefix: `SlotBooking-${stage}`,
    secretPrefix: `slot-booking/${stage}`,
    removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    logRetention: production ? RetentionDays.THREE_MONTHS : RetentionDays.TWO_WEEKS,
    timezone: contextString(scope, "timezone") ?? "Europe/Berlin",
    centralCalendarId,
    consultants: contextString(scope, "consultants") ?? "",
    googleCalendarApiUrl: contextString(scope, "googleCalendarApiUrl"),
    alarmEmail,
    appVersion: contextString(scope, "appVersion") ?? "0.1.0",
    traceAwsCalls: contextString(scope, "traceAwsCalls") === "true",
  };
}
