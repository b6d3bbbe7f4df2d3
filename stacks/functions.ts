import { fileURLToPath } from "node:url";
import { type Feature, features } from "../shared/http/route-types.ts";
import { scheduledJobs } from "../shared/schedules.ts";

export type JobName = (typeof scheduledJobs)[number]["name"];

/** Every Lambda the app deploys: one per feature, one per scheduled job, the outbox consumer and the export worker. */
export type LambdaSpec =
  | { kind: "feature"; name: Feature; entry: string }
  | { kind: "job"; name: JobName; entry: string }
  | { kind: "events"; name: "events"; entry: string }
  /** Invoked asynchronously by other functions (stacks/export-worker.ts). */
  | { kind: "worker"; name: "export-worker"; entry: string };

/** Paths are relative to the project root; every module exports `handler`. */
export const lambdaSpecs: readonly LambdaSpec[] = [
  ...features.map((name): LambdaSpec => ({ kind: "feature", name, entry: `functions/${name}/handler.ts` })),
  ...scheduledJobs.map((job): LambdaSpec => ({ kind: "job", name: job.name, entry: job.module })),
  { kind: "events", name: "events", entry: "functions/events/handler.ts" },
  { kind: "worker", name: "export-worker", entry: "functions/exports/worker.ts" },
];

/** The project root (where package-lock.json lives), for NodejsFunction and the bundle bench. */
export const projectRoot = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");
