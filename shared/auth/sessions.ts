import { randomBytes, timingSafeEqual } from "node:crypto";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { jwtVerify, SignJWT } from "jose";
import type { SessionUser } from "../contracts/auth.ts";
import { getSession, putSession, type StoredSession } from "../data/sessions-repository.ts";
import { HttpError } from "../http/errors.ts";
import type { Authenticator, RequestGuard } from "../http/pipeline.ts";
import type { Principal } from "../http/principal.ts";
import { sessionSecret } from "./secrets.ts";

export const sessionCookieName = "session";
export const sessionLifetimeSeconds = 10 * 60 * 60; // one working day
const issuer = "slot-booking";

const randomToken = () => randomBytes(32).toString("base64url");

/** Plain HTTP is only allowed for localhost; everywhere else the cookie is Secure. */
function isLocalPlainHttp(event: APIGatewayProxyEventV2): boolean {
  const host = (event.headers.host ?? "").split(":")[0];
  const proto =
    event.headers["x-forwarded-proto"] ?? (event.requestContext.apiId === "local" ? "http" : "https");
  return proto === "http" && (host === "localhost" || host === "127.0.0.1");
}

export function sessionCookie(event: APIGatewayProxyEventV2, token: string, maxAgeSeconds: number): string {
  const secure = isLocalPlainHttp(event) ? "" : "; Secure";
  return `${sessionCookieName}=${token}; Path=/api; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}

export function clearedSessionCookie(event: APIGatewayProxyEventV2): string {
  return sessionCookie(event, "", 0);
}

/** Starts a session: stored server-side (revocable), referenced by a signed, expiring token. */
export async function startSession(user: SessionUser, now = new Date()) {
  const session: StoredSession = {
    sessionId: randomToken(),
    username: user.username,
    role: user.role,
    displayName: user.displayName,
    ...(user.language ? { language: user.language } : {}),
    csrfToken: randomToken(),
    createdAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + sessionLifetimeSeconds,
  };
  await putSession(session);
  const token = await new SignJWT({ sid: session.sessionId })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(user.username)
    .setIssuer(issuer)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(session.expiresAt)
    .sign(await sessionSecret());
  return { session, token };
}

function cookieValue(event: APIGatewayProxyEventV2, name: string): string | undefined {
  for (const cookie of event.cookies ?? []) {
    const separator = cookie.indexOf("=");
    if (cookie.slice(0, separator).trim() === name) return cookie.slice(separator + 1).trim();
  }
  return undefined;
}

/** Verifies the token's signature and expiry, then that the session still exists (not logged out or revoked). */
export const authenticateSession: Authenticator = async (event) => {
  const token = cookieValue(event, sessionCookieName);
  if (!token) return null;
  let sessionId: string;
  try {
    const { payload } = await jwtVerify(token, await sessionSecret(), { issuer, algorithms: ["HS256"] });
    if (typeof payload.sid !== "string") return null;
    sessionId = payload.sid;
  } catch {
    return null;
  }
  const session = await getSession(sessionId);
  if (!session) return null;
  const principal: Principal = {
    username: session.username,
    role: session.role,
    displayName: session.displayName,
    sessionId: session.sessionId,
    csrfToken: session.csrfToken,
    ...(session.language ? { language: session.language } : {}),
  };
  return principal;
};

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** State-changing requests of a signed-in user must carry the session's CSRF token. */
export const requireCsrfToken: RequestGuard = async (event, principal) => {
  if (!principal || safeMethods.has(event.requestContext.http.method)) return;
  const sent = event.headers["x-csrf-token"];
  if (!sent || !sameToken(sent, principal.csrfToken)) {
    throw new HttpError("forbidden", "request.csrf");
  }
};
