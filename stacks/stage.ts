import type { Construct } from "constructs";

export type Stage = "dev" | "prod";

/** The stage from context (`-c stage=prod`); names and retention follow from it. */
export function stageOf(scope: Construct): Stage {
  const value = scope.node.tryGetContext("stage") ?? "dev";
  if (value !== "dev" && value !== "prod") throw new Error(`unknown stage "${value}" (dev or prod)`);
  return value;
}
