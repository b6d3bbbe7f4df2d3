import { runsOnAws } from "../../shared/config.ts";
import { invokeAsync } from "../../shared/jobs/invoke-async.ts";
import type { ExportWorkerEvent } from "./worker.ts";

/** The environment variable through which the API and the scheduled job know the worker's function name (AWS). */
export const exportWorkerVariable = "EXPORT_WORKER_FUNCTION";

/**
 * Starts the worker without waiting for it, as the job starter starts jobs:
 * on AWS an `Event` invocation of the worker's own Lambda (retries and the
 * on-failure queue are its asynchronous-invocation settings); locally the same
 * handler in this process, in the background.
 */
export async function startExportWorker(exportId: string): Promise<void> {
  const event: ExportWorkerEvent = { exportId };
  const functionName = process.env[exportWorkerVariable];
  if (functionName) {
    await invokeAsync(functionName, event, "the export worker");
    return;
  }
  // A Lambda is frozen after it answers: in-process background work would never finish there.
  // A Lambda bundle names its feature or job (stacks/bundling.ts), so there this test folds to false and
  // the runner is not bundled: its modules would otherwise join the cold start's shared chunk.
  if (!process.env.BUNDLED_FEATURE && !process.env.BUNDLED_JOB && !runsOnAws()) {
    const { runExport } = await import("./run-export.ts");
    void runExport(exportId).catch((error: unknown) =>
      console.error(`export ${exportId} failed: ${error instanceof Error ? error.message : String(error)}`),
    );
    return;
  }
  throw new Error(`no export worker function configured (${exportWorkerVariable})`);
}
