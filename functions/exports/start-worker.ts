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
  if (runsOnAws()) throw new Error(`no export worker function configured (${exportWorkerVariable})`);
  const { runExport } = await import("./run-export.ts");
  void runExport(exportId).catch((error: unknown) =>
    console.error(`export ${exportId} failed: ${error instanceof Error ? error.message : String(error)}`),
  );
}
