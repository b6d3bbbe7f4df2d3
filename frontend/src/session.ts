import { createSignal } from "solid-js";
import type { SessionUser } from "../../shared/contracts/auth.ts";
import { ApiError, api, setCsrfToken } from "./api/client.ts";

/** undefined: not known yet; null: signed out. */
const [user, setUser] = createSignal<SessionUser | null | undefined>(undefined);

export { user };

export async function loadSession(): Promise<void> {
  try {
    const session = await api.call("me");
    setCsrfToken(session.csrfToken);
    setUser(session.user);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    setUser(null);
  }
}

export async function login(username: string, password: string): Promise<void> {
  const session = await api.call("login", { body: { username, password } });
  setCsrfToken(session.csrfToken);
  setUser(session.user);
}

export async function logout(): Promise<void> {
  try {
    await api.call("logout");
  } finally {
    setCsrfToken(undefined);
    setUser(null);
  }
}

/** The session ended elsewhere (expired, revoked): forget it. */
export function sessionEnded(): void {
  setCsrfToken(undefined);
  setUser(null);
}
