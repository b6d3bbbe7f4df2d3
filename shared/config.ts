import * as z from "zod";

const required = z.string().min(1);

/** What the stacks set on every function (stacks/app-function.ts): on AWS a missing one is a deploy error. */
const awsSchema = z.object({
  TABLE_NAME: required,
  EXPORT_BUCKET: required,
  TIMEZONE: required,
  CENTRAL_CALENDAR_ID: required,
  AWS_REGION: required,
  APP_VERSION: required,
  /** Only the availability job gets it (it seeds them); empty elsewhere. */
  CONSULTANTS: z.string().default(""),
  /** Days before today the outcome job looks back for bookings still to resolve. */
  OUTCOME_LOOKBACK_DAYS: z.coerce.number().int().min(1).max(60).default(14),
  GOOGLE_CALENDAR_API_URL: z.string().optional(),
  /** Local only: DynamoDB Local and s3rver endpoints. Unset on AWS. */
  DYNAMODB_ENDPOINT: z.string().optional(),
  S3_ENDPOINT: z.string().optional(),
});

/**
 * The local platform and tests: defaults that match local/stack.ts. Built
 * when first asked for, so that a function on AWS does not construct it.
 */
const localSchemaOf = () =>
  awsSchema.extend({
    TABLE_NAME: required.default("slot-booking"),
    EXPORT_BUCKET: required.default("slot-booking-exports"),
    TIMEZONE: required.default("Europe/Berlin"),
    CENTRAL_CALENDAR_ID: required.default("central@demo.local"),
    AWS_REGION: required.default("eu-central-1"),
    APP_VERSION: required.default("0.1.0"),
  });
let localSchema: ReturnType<typeof localSchemaOf> | undefined;

export type AppConfig = z.infer<ReturnType<typeof localSchemaOf>>;

/** Lambda sets this in every function's environment; the local platform does not. */
export function runsOnAws(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.AWS_LAMBDA_FUNCTION_NAME);
}

/**
 * Parses the environment. On AWS nothing falls back to a local default (a
 * table named `slot-booking`, a demo calendar): a missing variable fails the
 * cold start, naming the variables and never their values.
 */
export function parseConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  if (!runsOnAws(env)) {
    localSchema ??= localSchemaOf();
    return localSchema.parse(env);
  }
  const result = awsSchema.safeParse(env);
  if (result.success) return result.data;
  const missing = [...new Set(result.error.issues.map((issue) => issue.path.join(".")))].sort();
  throw new Error(`configuration incomplete on AWS: set ${missing.join(", ")}`);
}

let cached: AppConfig | undefined;

/** Configuration from the environment, read once per process (cold start). */
export function config(): AppConfig {
  cached ??= parseConfig();
  return cached;
}

/** Tests and the local platform change the environment at runtime. */
export function resetConfig(): void {
  cached = undefined;
}
