import { timingSafeEqual } from "node:crypto";
import { MetricUnit } from "@aws-lambda-powertools/metrics";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { originVerifyToken } from "../../shared/auth/secrets.ts";
import type { SessionUser } from "../../shared/contracts/auth.ts";
import { writeAudit } from "../../shared/data/audit-repository.ts";
import { clearAttempts, releaseAttempt, reserveAttempt } from "../../shared/data/throttle-repository.ts";
import { getUser, updateUser } from "../../shared/data/users-repository.ts";
import {
  hashPassword,
  needsRehash,
  verifyAgainstDummy,
  verifyPassword,
} from "../../shared/domain/auth/password.ts";
import {
  loginThrottle,
  retryAfterSeconds,
  type ThrottleScope,
  type ThrottleWindow,
  throttleWindow,
} from "../../shared/domain/auth/throttle.ts";
import { HttpError } from "../../shared/http/errors.ts";
import type { Observability } from "../../shared/http/observability.ts";

const badCredentials = () => new HttpError("unauthorized", "auth.badCredentials");

/**
 * Audit entries that anyone can cause under a name of their choosing (failed
 * and throttled logins) expire: long enough to investigate an attack, short
 * enough that a flood of them cannot fill the table for good.
 */
const attackerCausedAuditDays = 30;

/**
 * The viewer's address. On AWS the API sits behind CloudFront, whose edge is
 * API Gateway's source address; CloudFront sets `CloudFront-Viewer-Address`
 * (`ip:port`, overwriting anything the viewer sent) through the origin request
 * policy, and proves the request came through it with the `x-origin-verify`
 * secret. Without that proof (a direct call to the execute-api address, where
 * a client could pick its own "viewer address") and locally, the source
 * address counts.
 */
export async function clientAddress(event: APIGatewayProxyEventV2): Promise<string> {
  const source = event.requestContext.http.sourceIp;
  if (event.requestContext.apiId === "local") return source;
  const viewer = event.headers["cloudfront-viewer-address"];
  if (!viewer || !(await cameThroughCloudFront(event.headers["x-origin-verify"]))) return source;
  const portSeparator = viewer.lastIndexOf(":");
  return portSeparator > 0 ? viewer.slice(0, portSeparator) : source;
}

async function cameThroughCloudFront(presented: string | undefined): Promise<boolean> {
  const expected = await originVerifyToken();
  if (!expected || !presented) return false;
  const [a, b] = [Buffer.from(presented), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What each throttle scope counts; an address cannot contain "/", so the pair is unambiguous. */
function throttleSubjects(username: string, address: string): [ThrottleScope, string][] {
  return [
    ["pair", `${address}/${username}`],
    ["address", address],
    ["user", username],
  ];
}

/**
 * Reserves the attempt in every scope before the password is checked, so
 * concurrent attempts are counted before any is verified. A scope that refuses
 * gives back the reservations made before it. Returns the seconds to wait, or 0.
 */
async function reserveLoginAttempt(
  subjects: [ThrottleScope, string][],
  window: ThrottleWindow,
  now: number,
): Promise<number> {
  const reserved: [ThrottleScope, string][] = [];
  for (const [scope, who] of subjects) {
    const rule = loginThrottle.rules[scope];
    if (await reserveAttempt(scope, who, rule, window, now)) {
      reserved.push([scope, who]);
      continue;
    }
    await Promise.all(reserved.map(([s, w]) => releaseAttempt(s, w, window)));
    return retryAfterSeconds(rule, window, now);
  }
  return 0;
}

/**
 * Reserves the attempt, then checks the password. Unknown user, inactive user
 * and wrong password look and take the same, so nothing tells them apart.
 */
export async function authenticateCredentials(
  username: string,
  password: string,
  event: APIGatewayProxyEventV2,
  metrics: Observability["metrics"],
): Promise<SessionUser> {
  const address = await clientAddress(event);
  const now = Math.floor(Date.now() / 1000);
  const window = throttleWindow(now);
  const subjects = throttleSubjects(username, address);
  const expiresAt = now + attackerCausedAuditDays * 24 * 60 * 60;

  const waitSeconds = await reserveLoginAttempt(subjects, window, now);
  if (waitSeconds > 0) {
    metrics.addMetric("LoginThrottled", MetricUnit.Count, 1);
    await writeAudit({ actor: username, action: "login.throttled", detail: { address }, expiresAt });
    throw new HttpError("rate_limited", "auth.throttled", {
      headers: { "retry-after": String(waitSeconds) },
    });
  }

  const user = await getUser(username);
  const valid = user?.active
    ? await verifyPassword(password, user.passwordHash)
    : await verifyAgainstDummy(password);
  if (!user || !valid) {
    metrics.addMetric("LoginFailed", MetricUnit.Count, 1);
    await writeAudit({
      actor: username,
      action: "login.failed",
      detail: { address },
      // A known user's failures stay with the rest of their audit trail.
      ...(user ? {} : { expiresAt }),
    });
    throw badCredentials();
  }

  const loggedInAt = new Date().toISOString();
  await Promise.all([
    // The pair proved itself; user and address get this attempt back, so sign-ins never use up their allowance.
    ...subjects.map(([scope, who]) =>
      scope === "pair" ? clearAttempts(scope, who, window) : releaseAttempt(scope, who, window),
    ),
    updateUser(
      username,
      {
        lastLoginAt: loggedInAt,
        ...(needsRehash(user.passwordHash) ? { passwordHash: await hashPassword(password) } : {}),
      },
      user.updatedAt,
    ),
    writeAudit({ actor: username, action: "login.succeeded", at: loggedInAt, detail: { address } }),
  ]);
  return {
    username: user.username,
    role: user.role,
    displayName: user.displayName,
    ...(user.language ? { language: user.language } : {}),
  };
}
