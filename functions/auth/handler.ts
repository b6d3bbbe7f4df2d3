import { bootstrapUsers, parseBootstrapUsers } from "../../shared/auth/bootstrap.ts";
import { bootstrapUsersList } from "../../shared/auth/secrets.ts";
import {
  clearedSessionCookie,
  sessionCookie,
  sessionLifetimeSeconds,
  startSession,
} from "../../shared/auth/sessions.ts";
import { writeAudit } from "../../shared/data/audit-repository.ts";
import { deleteSession } from "../../shared/data/sessions-repository.ts";
import { createFeatureHandler } from "../../shared/http/pipeline.ts";
import { pipelineOptions } from "../../shared/http/pipeline-options.ts";
import { authenticateCredentials } from "./login.ts";

let bootstrapped: Promise<unknown> | undefined;

/** Once per container: users listed in BOOTSTRAP_USERS exist before anyone signs in. */
function bootstrapOnce(): Promise<unknown> {
  bootstrapped ??= bootstrapUsersList()
    .then((list) => bootstrapUsers(parseBootstrapUsers(list ?? "")))
    .catch((error: unknown) => {
      bootstrapped = undefined;
      throw error;
    });
  return bootstrapped;
}

export const handler = createFeatureHandler(
  "auth",
  {
    async login({ body, event, response }) {
      await bootstrapOnce();
      const user = await authenticateCredentials(body.username, body.password, event);
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
      const { username, role, displayName, csrfToken } = principal;
      return { user: { username, role, displayName }, csrfToken };
    },
  },
  pipelineOptions(),
);
