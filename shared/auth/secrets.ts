/**
 * Secrets come from the environment locally (read on every call, so a changed
 * variable counts at once) and from Secrets Manager on AWS (the stack passes
 * only the secret's ARN). Powertools caches the value for `cacheSeconds`, so a
 * warm Lambda pays one read per period and a value put after deploy, or a
 * rotation, takes effect within that time. Nothing here memoizes a value for
 * good: callers must not either (ask again instead of keeping the result).
 */
const cacheSeconds = 300;

/** The value an optional secret holds until an operator sets it. */
export const unsetSecret = "unset";

async function secretValue(plainVariable: string, arnVariable: string): Promise<string | undefined> {
  const plain = process.env[plainVariable];
  if (plain) return plain;
  const arn = process.env[arnVariable];
  if (!arn) return undefined;
  // Imported lazily: only AWS deployments load the Secrets Manager client.
  const { getSecret } = await import("@aws-lambda-powertools/parameters/secrets");
  const value = await getSecret(arn, { maxAge: cacheSeconds });
  return typeof value === "string" && value !== unsetSecret ? value : undefined;
}

export async function sessionSecret(): Promise<Uint8Array> {
  const value = await secretValue("SESSION_SECRET", "SESSION_SECRET_ARN");
  if (!value || value.length < 32) throw new Error("SESSION_SECRET is missing or shorter than 32 characters");
  return new TextEncoder().encode(value);
}

/** The Google service account's JSON, base64-encoded; undefined: unauthenticated (emulator). */
export function googleCredentialsBase64(): Promise<string | undefined> {
  return secretValue("GOOGLE_CREDS_BASE64", "GOOGLE_CREDS_SECRET_ARN");
}

/** `user:password:role,…` users to create or update at start (a secret on AWS: it holds passwords). */
export function bootstrapUsersList(): Promise<string | undefined> {
  return secretValue("BOOTSTRAP_USERS", "BOOTSTRAP_USERS_SECRET_ARN");
}

/**
 * The value CloudFront sends in `x-origin-verify` on every request to the API
 * (a generated secret on AWS). Only a request carrying it came through
 * CloudFront, so only then is `CloudFront-Viewer-Address` the viewer's own:
 * a client calling the execute-api address directly could set that header itself.
 */
export function originVerifyToken(): Promise<string | undefined> {
  return secretValue("ORIGIN_VERIFY_TOKEN", "ORIGIN_VERIFY_SECRET_ARN");
}
