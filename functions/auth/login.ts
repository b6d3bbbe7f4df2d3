import type { APIGatewayProxyEventV2 } from "aws-lambda";
import type { SessionUser } from "../../shared/contracts/auth.ts";
import { writeAudit } from "../../shared/data/audit-repository.ts";
import { clearFailures, getFailures, recordFailure } from "../../shared/data/throttle-repository.ts";
import { getUser, updateUser } from "../../shared/data/users-repository.ts";
import {
  hashPassword,
  needsRehash,
  verifyAgainstDummy,
  verifyPassword,
} from "../../shared/domain/auth/password.ts";
import { lockedForSeconds, loginThrottle } from "../../shared/domain/auth/throttle.ts";
import { HttpError } from "../../shared/http/errors.ts";

const badCredentials = () => new HttpError("unauthorized", "Benutzername oder Passwort ist falsch.");

/**
 * Checks the throttle, then the password. Unknown user, inactive user and
 * wrong password look and take the same, so nothing tells them apart.
 */
export async function authenticateCredentials(
  username: string,
  password: string,
  event: APIGatewayProxyEventV2,
): Promise<SessionUser> {
  const address = event.requestContext.http.sourceIp;
  const now = Math.floor(Date.now() / 1000);
  const [userFailures, addressFailures] = await Promise.all([
    getFailures("user", username),
    getFailures("address", address),
  ]);
  const waitSeconds = Math.max(
    lockedForSeconds(userFailures, loginThrottle.maxFailuresPerUser, now),
    lockedForSeconds(addressFailures, loginThrottle.maxFailuresPerAddress, now),
  );
  if (waitSeconds > 0) {
    await writeAudit({ actor: username, action: "login.throttled", detail: { address } });
    throw new HttpError(
      "rate_limited",
      "Zu viele fehlgeschlagene Anmeldungen. Bitte später erneut versuchen.",
      {
        headers: { "retry-after": String(waitSeconds) },
      },
    );
  }

  const user = await getUser(username);
  const valid = user?.active
    ? await verifyPassword(password, user.passwordHash)
    : await verifyAgainstDummy(password);
  if (!user || !valid) {
    await Promise.all([
      recordFailure("user", username, now, loginThrottle.windowSeconds),
      recordFailure("address", address, now, loginThrottle.windowSeconds),
      writeAudit({ actor: username, action: "login.failed", detail: { address } }),
    ]);
    throw badCredentials();
  }

  const loggedInAt = new Date().toISOString();
  await Promise.all([
    clearFailures("user", username),
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
