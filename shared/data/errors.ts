import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";

export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === "ConditionalCheckFailedException";
}

/** Which items of a cancelled transaction failed their condition (by position). */
export function failedConditions(error: unknown): boolean[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  return (error.CancellationReasons ?? []).map((reason) => reason.Code === "ConditionalCheckFailed");
}
