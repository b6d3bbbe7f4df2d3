import { MetricUnit } from "@aws-lambda-powertools/metrics";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
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
 * policy. Locally the gateway's source address is the viewer's.
 */
export function clientAddress(event: APIGatewayProxyEventV2): string {
  const viewer =
    event.requestContext.apiId === "local" ? undefined : event.headers["cloudfront-viewer-address"];
  const portSeparator = viewer?.lastIndexOf(":") ?? -1;
  return viewer && portSeparator > 0 ? viewer.slice(0, portSeparator) : event.requestContext.http.sourceIp;
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
  const address = clientAddress(event);
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
  return { username: user.username, role: user.role, displayName: user.displayName };
}
