import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { TransactWriteCommand, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { dynamoClient } from "./clients.ts";
import { StoreBusyError } from "./errors.ts";

export type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

export type TransactResult =
  | { ok: true }
  /**
   * A condition (capacity, optimistic version, uniqueness) failed: `failed[i]` for the i-th item;
   * `seen[i]` is the item as that condition saw it, for items written with
   * `ReturnValuesOnConditionCheckFailure: "ALL_OLD"` (undefined when it does not exist), so the
   * caller can tell why without reading it again.
   */
  | { ok: false; failed: boolean[]; seen: (Record<string, unknown> | undefined)[] };

/**
 * Cancellation reasons and error names that say "try again", not "your
 * condition failed". Concurrent transactions on one item are cancelled with
 * `TransactionConflict` on AWS and the SDK does not retry them; throttling the
 * SDK retries a little itself, and the rest ends up here.
 */
const transientReasons = new Set([
  "TransactionConflict",
  "ThrottlingError",
  "ProvisionedThroughputExceeded",
  "RequestLimitExceeded",
]);
const transientErrors = new Set([
  "TransactionConflictException",
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
]);

/** Five attempts; with full jitter the waits add up to at most 25+50+100+200 ms, well under a second. */
export const retryPolicy = { attempts: 5, baseDelayMs: 25, maxDelayMs: 400 } as const;

function isTransient(error: unknown): boolean {
  if (error instanceof TransactionCanceledException) {
    return (error.CancellationReasons ?? []).some((reason) => transientReasons.has(reason.Code ?? ""));
  }
  return error instanceof Error && transientErrors.has(error.name);
}

/** Which items failed their condition (and what they saw), if the cancellation was a condition failure at all. */
function failedConditions(error: unknown): Extract<TransactResult, { ok: false }> | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  const reasons = error.CancellationReasons ?? [];
  const failed = reasons.map((reason) => reason.Code === "ConditionalCheckFailed");
  if (!failed.some(Boolean)) return undefined;
  // The low-level error carries the items in DynamoDB's attribute-value form.
  const seen = reasons.map((reason) => (reason.Item ? unmarshall(reason.Item) : undefined));
  return { ok: false, failed, seen };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The one way to run a transactional write. A failed condition is an answer
 * (the caller maps it to 409 or a replay); contention and throttling are
 * retried with jittered exponential backoff; when retries run out the caller
 * gets a `StoreBusyError` (503 with `Retry-After`); anything else is thrown.
 * A condition failure wins over a conflict in the same cancellation: the
 * condition was evaluated, so retrying would only repeat the answer.
 */
export async function transactWrite(items: TransactItem[]): Promise<TransactResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      await dynamoClient().send(new TransactWriteCommand({ TransactItems: items }));
      return { ok: true };
    } catch (error) {
      const failed = failedConditions(error);
      if (failed) return failed;
      if (!isTransient(error)) throw error;
      if (attempt >= retryPolicy.attempts) throw new StoreBusyError(error);
      const ceiling = Math.min(retryPolicy.maxDelayMs, retryPolicy.baseDelayMs * 2 ** (attempt - 1));
      await sleep(Math.random() * ceiling);
    }
  }
}
