/**
 * The Google client retries only idempotent methods, and not 403
 * rateLimitExceeded; every calendar call goes through this instead:
 * exponential backoff with full jitter on rate limits, 5xx and network errors.
 */
export interface RetryOptions {
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

interface GaxiosLikeError {
  status?: number;
  code?: string | number;
  name?: string;
  response?: {
    status?: number;
    data?: { error?: { message?: string; errors?: { reason?: string; message?: string }[] } };
  };
}

export function calendarErrorStatus(error: unknown): number | undefined {
  const candidate = error as GaxiosLikeError;
  const status = candidate?.response?.status ?? candidate?.status ?? Number(candidate?.code);
  return Number.isFinite(status) ? status : undefined;
}

export function isRetryableCalendarError(error: unknown): boolean {
  const status = calendarErrorStatus(error);
  if (status === undefined) return true; // network error, timeout
  if (status === 429 || status >= 500) return true;
  if (status === 403) {
    const reasons =
      (error as GaxiosLikeError).response?.data?.error?.errors?.map((item) => item.reason) ?? [];
    return reasons.some((reason) => reason === "rateLimitExceeded" || reason === "userRateLimitExceeded");
  }
  return false;
}

export async function withCalendarRetry<T>(call: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 4;
  const base = options.baseDelayMs ?? 200;
  const max = options.maxDelayMs ?? 5_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= attempts || !isRetryableCalendarError(error)) throw error;
      const delay = Math.random() * Math.min(max, base * 2 ** (attempt - 1));
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/**
 * What went wrong, safe to log: the HTTP status, Google's reason and message,
 * or the network error's code. Never the error object itself: the client's
 * errors carry the request (URL with calendar ids, body with customers' names
 * and notes) and the response.
 */
export function calendarErrorCause(error: unknown): { status?: number; reason?: string; message: string } {
  const candidate = error as GaxiosLikeError;
  const status = calendarErrorStatus(error);
  const google = candidate?.response?.data?.error;
  const reason = google?.errors?.[0]?.reason;
  const message = google?.message
    ? google.message.slice(0, 200)
    : typeof candidate?.code === "string"
      ? candidate.code // ECONNREFUSED, ETIMEDOUT, …: no URL
      : (candidate?.name ?? "Error");
  return { ...(status ? { status } : {}), ...(reason ? { reason } : {}), message };
}

/**
 * A short, log-safe description of a calendar failure (no URLs, no payloads).
 * A technical cause in English like the other diagnostics (Google's own
 * message is English too), not a user message from the catalogue.
 */
export function describeCalendarError(error: unknown): string {
  const status = calendarErrorStatus(error);
  if (status) return `Google Calendar answered ${status}`;
  const { message } = calendarErrorCause(error);
  return /^E[A-Z]+$|TimeoutError|AbortError/.test(message)
    ? `Google Calendar unreachable (${message})`
    : `Calendar sync failed (${message})`;
}
