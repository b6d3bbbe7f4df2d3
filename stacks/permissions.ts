import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { type IGrantable, PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { IBucket } from "aws-cdk-lib/aws-s3";
import type { ISecret } from "aws-cdk-lib/aws-secretsmanager";
import { tableDefinition } from "../shared/data/table.ts";
import { exportsPrefix } from "../shared/storage/exports-bucket.ts";
import type { LambdaSpec } from "./functions.ts";

/**
 * What a function may touch. Each need is a short list of explicit actions on
 * explicit resources (no `dynamodb:*`, `s3:*`, `*` and no action wildcards).
 */
export type Need =
  | "table:read"
  | "table:write"
  /** Scan (the customers export pages through customer profiles, which have no listing index). */
  | "table:scan"
  /** HeadBucket (health check) = s3:ListBucket on the bucket itself. */
  | "exports:check"
  /** GetObject under `exports/` (the API presigns download links with it). */
  | "exports:read"
  /** PutObject (multipart included) and AbortMultipartUpload under `exports/`. */
  | "exports:write"
  /** Report PDFs: Get/Put and listing limited to the `reports/` prefix of the exports bucket. */
  | "reports:read"
  | "reports:write"
  | "secret:session"
  | "secret:google"
  | "secret:bootstrap-users"
  /** The token CloudFront sends to the API: proves a viewer address came through it. */
  | "secret:origin-verify";

/** Every function reads and writes the table unless its entry below says otherwise. */
export const defaultNeeds: readonly Need[] = ["table:read", "table:write"];

/**
 * Needs beyond the default, per function. The rules behind them:
 * - every HTTP feature verifies the session cookie (shared/http/pipeline-options.ts
 *   authenticates each request, public routes included), so every feature gets
 *   the session secret — added for all features in `needsOf`, not listed here;
 * - whoever talks to Google Calendar gets the Google credentials: the health
 *   check (system), the calendar jobs and the outbox consumer (calendar sync);
 *   consultant management (it checks a calendar can be read when it is saved);
 *   admin starts jobs in their own functions and talks to no calendar;
 * - only auth creates the bootstrap users, and only auth throttles by the
 *   viewer's address (so only it checks CloudFront's origin-verify token);
 * - only features that write or hand out exports get the exports bucket
 *   (system only checks that it exists).
 * tests/infra/functions.test.ts checks this map against the bundles: a
 * function whose code reads a secret's ARN variable must have it, and one that
 * does not must not.
 */
export const extraNeeds: Partial<Record<LambdaSpec["name"], readonly Need[]>> = {
  system: ["table:read", "exports:check", "secret:google"],
  // Profiles are read-only: the booking transaction writes customers.
  customers: ["table:read"],
  auth: ["secret:bootstrap-users", "secret:origin-verify"],
  consultants: ["secret:google"],
  "generate-availability": ["secret:google"],
  "check-outcomes": ["secret:google"],
  "retry-calendar-sync": ["secret:google"],
  events: ["secret:google"],
  // Hands out presigned links to export files: the link is only as good as the signer's GetObject.
  exports: ["exports:read"],
  // Streams export files into the bucket; reads the table page by page (and scans customers).
  "export-worker": ["table:scan", "exports:read", "exports:write"],
  // Reports read bookings and Telefonie weeks, and keep PDFs under reports/ only.
  reports: ["table:read", "reports:read", "reports:write"],
  "weekly-report": ["reports:write"],
};

/** Functions whose own entry replaces the default instead of adding to it. */
const replacesDefault: ReadonlySet<LambdaSpec["name"]> = new Set(["system", "customers"]);

/** The exports bucket's prefix for report PDFs (shared/data/reports-repository.ts `reportsPrefix`). */
export const reportsPrefix = "reports/";

export function needsOf(spec: LambdaSpec): ReadonlySet<Need> {
  const extra = extraNeeds[spec.name] ?? [];
  const base = replacesDefault.has(spec.name) ? [] : defaultNeeds;
  const session: readonly Need[] = spec.kind === "feature" ? ["secret:session"] : [];
  return new Set([...base, ...session, ...extra]);
}

export interface Resources {
  table: ITable;
  exportsBucket: IBucket;
  sessionSecret: ISecret;
  googleCredentials: ISecret;
  bootstrapUsers: ISecret;
  originVerify: ISecret;
}

const tableReadActions = [
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:ConditionCheckItem",
];
const tableWriteActions = [
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
  "dynamodb:ConditionCheckItem",
];

/** The environment variable that carries each secret's ARN (read by shared/auth/secrets.ts). */
export const secretArnVariables = {
  "secret:session": "SESSION_SECRET_ARN",
  "secret:google": "GOOGLE_CREDS_SECRET_ARN",
  "secret:bootstrap-users": "BOOTSTRAP_USERS_SECRET_ARN",
  "secret:origin-verify": "ORIGIN_VERIFY_SECRET_ARN",
} as const satisfies Partial<Record<Need, string>>;

export type SecretNeed = keyof typeof secretArnVariables;

export function secretOf(need: SecretNeed, resources: Resources): ISecret {
  switch (need) {
    case "secret:session":
      return resources.sessionSecret;
    case "secret:google":
      return resources.googleCredentials;
    case "secret:bootstrap-users":
      return resources.bootstrapUsers;
    case "secret:origin-verify":
      return resources.originVerify;
  }
}

export function isSecretNeed(need: Need): need is SecretNeed {
  return need in secretArnVariables;
}

/** Adds the policy statements for `needs` to `grantee`; returns the secret ARN variables to set. */
export function grantNeeds(
  grantee: IGrantable,
  needs: ReadonlySet<Need>,
  resources: Resources,
): Record<string, string> {
  const { table, exportsBucket } = resources;
  // The table and exactly its GSIs (no `index/*`).
  const tableResources = [
    table.tableArn,
    ...tableDefinition.globalSecondaryIndexes.map((index) => `${table.tableArn}/index/${index.indexName}`),
  ];
  const actions = new Set<string>();
  if (needs.has("table:read")) for (const action of tableReadActions) actions.add(action);
  if (needs.has("table:write")) for (const action of tableWriteActions) actions.add(action);
  if (needs.has("table:scan")) actions.add("dynamodb:Scan");
  if (actions.size > 0) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: [...actions], resources: tableResources }),
    );
  }
  if (needs.has("exports:check")) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ["s3:ListBucket"], resources: [exportsBucket.bucketArn] }),
    );
  }
  const objectActions = [
    ...(needs.has("exports:read") ? ["s3:GetObject"] : []),
    ...(needs.has("exports:write") ? ["s3:PutObject", "s3:AbortMultipartUpload"] : []),
  ];
  if (objectActions.length > 0) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      // Export files only (shared/storage/exports-bucket.ts `exportsPrefix`), not the rest of the bucket.
      new PolicyStatement({
        actions: objectActions,
        resources: [exportsBucket.arnForObjects(`${exportsPrefix}*`)],
      }),
    );
  }
  if (needs.has("reports:read") || needs.has("reports:write")) {
    // Listing only under the prefix (the condition), objects only under it (the resource).
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ["s3:ListBucket"],
        resources: [exportsBucket.bucketArn],
        conditions: { StringLike: { "s3:prefix": [`${reportsPrefix}*`] } },
      }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [
          ...(needs.has("reports:read") ? ["s3:GetObject"] : []),
          ...(needs.has("reports:write") ? ["s3:PutObject"] : []),
        ],
        resources: [exportsBucket.arnForObjects(`${reportsPrefix}*`)],
      }),
    );
  }
  const environment: Record<string, string> = {};
  for (const need of needs) {
    if (!isSecretNeed(need)) continue;
    const secret = secretOf(need, resources);
    secret.grantRead(grantee);
    environment[secretArnVariables[need]] = secret.secretArn;
  }
  return environment;
}
