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
  response?: { status?: number; data?: { error?: { errors?: { reason?: string }[] } } };
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

/** A short, log-safe description of a calendar failure (no URLs, no payloads). */
export function describeCalendarError(error: unknown): string {
  const status = calendarErrorStatus(error);
  return status ? `Google Calendar antwortete ${status}` : "Google Calendar nicht erreichbar";
}
