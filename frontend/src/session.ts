import { createSignal } from "solid-js";
import type { SessionUser } from "../../shared/contracts/auth.ts";
import type { Language } from "../../shared/contracts/messages.ts";
import { ApiError, api, setCsrfToken } from "./api/client.ts";
import { setLocale } from "./i18n/index.ts";

/** undefined: not known yet; null: signed out. */
const [user, setUser] = createSignal<SessionUser | null | undefined>(undefined);

export { user };

export async function loadSession(): Promise<void> {
  try {
    const session = await api.call("me");
    setCsrfToken(session.csrfToken);
    if (session.user.language) await setLocale(session.user.language);
    setUser(session.user);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    setUser(null);
  }
}

export async function login(username: string, password: string): Promise<void> {
  const session = await api.call("login", { body: { username, password } });
  setCsrfToken(session.csrfToken);
  // The user's saved language wins; without one the API follows the site's `Accept-Language`.
  if (session.user.language) await setLocale(session.user.language);
  setUser(session.user);
}

async function saveLanguage(language: Language): Promise<SessionUser> {
  const session = await api.call("updateMe", { body: { language } });
  return session.user;
}

/**
 * The DE|EN switch: the site's texts at once, and for a signed-in user their
 * saved language too, so API messages follow (the API answers in it).
 */
export async function chooseLanguage(language: Language): Promise<void> {
  await setLocale(language);
  if (user()) setUser(await saveLanguage(language));
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
