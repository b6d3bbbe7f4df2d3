/**
 * Failed-login throttling over fixed windows. Only the pair of one username and
 * one client address is ever locked: a lock per username would let anyone lock
 * out any user (even admin), and a lock per address would lock out a whole call
 * centre that shares one public address. Per username and per address, attempts
 * beyond a free allowance are only spaced out, so guessing stays slow while the
 * real user still gets in after a short wait.
 */
export interface ThrottleRule {
  /** Attempts per window that pass without any wait. */
  freeAttempts: number;
  /** Beyond the free attempts: minimum seconds between two attempts; undefined: locked until the window ends. */
  spacingSeconds?: number;
}

export type ThrottleScope = "pair" | "user" | "address";

export const loginThrottle = {
  windowSeconds: 15 * 60,
  rules: {
    /** One user from one address: the sixth attempt in the window is refused until the window ends. */
    pair: { freeAttempts: 5 },
    /**
     * One username from anywhere: enough for a user who mistypes on several devices;
     * beyond it one attempt per 30 s caps guessing at ~30 attempts per window.
     */
    user: { freeAttempts: 15, spacingSeconds: 30 },
    /**
     * One address: a call centre's agents share it, so allow many; beyond it one
     * attempt per 5 s for everyone behind it (slower, never locked).
     */
    address: { freeAttempts: 100, spacingSeconds: 5 },
  } satisfies Record<ThrottleScope, ThrottleRule>,
} as const;

export interface ThrottleWindow {
  /** Epoch seconds. */
  start: number;
  end: number;
}

/** The fixed window `now` falls in; part of the counter's key, so a new window starts a new counter. */
export function throttleWindow(
  now: number,
  windowSeconds: number = loginThrottle.windowSeconds,
): ThrottleWindow {
  const start = now - (now % windowSeconds);
  return { start, end: start + windowSeconds };
}

/** Seconds a refused client waits: until the window ends (lock) or one spacing interval (slow-down). */
export function retryAfterSeconds(rule: ThrottleRule, window: ThrottleWindow, now: number): number {
  const untilWindowEnds = Math.max(1, window.end - now);
  return rule.spacingSeconds === undefined ? untilWindowEnds : Math.min(rule.spacingSeconds, untilWindowEnds);
}
