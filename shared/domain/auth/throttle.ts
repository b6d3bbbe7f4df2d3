/** Failed-login throttling: a fixed window that starts at the first failure. */
export const loginThrottle = {
  windowSeconds: 15 * 60,
  /** Per username: the sixth failure in the window is refused. */
  maxFailuresPerUser: 5,
  /**
   * Per client address: higher, because a call centre's agents usually share
   * one public address and one mistyping agent must not lock out the floor.
   */
  maxFailuresPerAddress: 20,
} as const;

export interface FailureWindow {
  count: number;
  /** Epoch seconds of the window's first failure. */
  firstAt: number;
}

/** Seconds until a locked window opens again, or 0 when attempts are allowed. */
export function lockedForSeconds(window: FailureWindow | undefined, limit: number, now: number): number {
  if (!window) return 0;
  const endsAt = window.firstAt + loginThrottle.windowSeconds;
  if (endsAt <= now || window.count < limit) return 0;
  return endsAt - now;
}
