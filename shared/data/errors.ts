/** A single (non-transactional) write whose condition did not hold. */
export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === "ConditionalCheckFailedException";
}

/**
 * The store stayed contended or throttled through every retry. Not a client
 * mistake and not a broken invariant: the caller may try again shortly, so the
 * HTTP layer answers 503 with `Retry-After` (the data layer knows no HTTP).
 */
export class StoreBusyError extends Error {
  readonly retryAfterSeconds: number;

  constructor(cause: unknown, retryAfterSeconds = 1) {
    super("the table stayed busy through every retry", { cause });
    this.name = "StoreBusyError";
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Runs a conditional write: its result, or undefined when the condition did not hold. */
export async function unlessConditionFails<T>(write: Promise<T>): Promise<T | undefined> {
  try {
    return await write;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}
