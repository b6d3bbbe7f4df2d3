import type { Language } from "../contracts/messages.ts";
import type { Role } from "./route-types.ts";

export type UserRole = Exclude<Role, "public">;

/** The signed-in user a request acts for. */
export interface Principal {
  username: string;
  role: UserRole;
  displayName: string;
  sessionId: string;
  /** Must accompany the session's state-changing requests (`x-csrf-token`). */
  csrfToken: string;
  /** The user's chosen language for API messages; unset: `Accept-Language` decides. */
  language?: Language;
}

/** Whether a principal may call a route that requires `required`. */
export function hasRole(principal: Principal | null, required: Role): boolean {
  if (required === "public") return true;
  if (!principal) return false;
  return required === "agent" || principal.role === "admin";
}
