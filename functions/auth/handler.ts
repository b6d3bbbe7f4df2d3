import { ensureBootstrapUsers } from "../../shared/auth/bootstrap.ts";
import {
  clearedSessionCookie,
  sessionCookie,
  sessionLifetimeSeconds,
  startSession,
} from "../../shared/auth/sessions.ts";
import { writeAudit } from "../../shared/data/audit-repository.ts";
import { deleteSession, setSessionLanguage } from "../../shared/data/sessions-repository.ts";
import { updateUser } from "../../shared/data/users-repository.ts";
import { HttpError } from "../../shared/http/errors.ts";
import { createFeatureHandler } from "../../shared/http/pipeline.ts";
import { pipelineOptions } from "../../shared/http/pipeline-options.ts";
import { authenticateCredentials } from "./login.ts";
import { requireSameOrigin } from "./same-origin.ts";

export const handler = createFeatureHandler(
  "auth",
  {
    async login({ body, event, response, logger, metrics }) {
      requireSameOrigin(event);
      await ensureBootstrapUsers((problem) => logger.error(`BOOTSTRAP_USERS: ${problem}`));
      const user = await authenticateCredentials(body.username, body.password, event, metrics);
      const { session, token } = await startSession(user);
      response.cookies.push(sessionCookie(event, token, sessionLifetimeSeconds));
      return { user, csrfToken: session.csrfToken };
    },
    async logout({ principal, event, response }) {
      await deleteSession(principal.sessionId);
      await writeAudit({ actor: principal.username, action: "logout" });
      response.cookies.push(clearedSessionCookie(event));
      return { ok: true };
    },
    async me({ principal }) {
      const { username, role, displayName, language, csrfToken } = principal;
      return { user: { username, role, displayName, ...(language ? { language } : {}) }, csrfToken };
    },
    async updateMe({ principal, body }) {
      const user = await updateUser(
        principal.username,
        { language: body.language },
        new Date().toISOString(),
      );
      if (!user) throw new HttpError("unauthorized");
      // This session answers in the new language from the next request on; the user's other sessions
      // keep theirs until they sign in again (each browser sends its own choice).
      if (!(await setSessionLanguage(principal.sessionId, body.language)))
        throw new HttpError("unauthorized");
      const { username, role, displayName, csrfToken } = principal;
      return { user: { username, role, displayName, language: body.language }, csrfToken };
    },
  },
  pipelineOptions(),
);
