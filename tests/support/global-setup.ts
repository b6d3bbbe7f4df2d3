import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { TestProject } from "vitest/node";
import { startLocalStack } from "../../local/stack.ts";
import { testSourceAddressHeader } from "./http.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    calendarUrl: string;
    dynamoEndpoint: string;
    s3Endpoint: string;
    dataDir: string;
    stackPids: number[];
  }
}

/** Boots the real local services once per run: DynamoDB Local, s3rver, calendar emulator, gateway. */
export default async function setup(project: TestProject) {
  const bootStarted = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), "slot-booking-test-"));
  const stack = await startLocalStack({
    dataDir,
    port: 0,
    siteDir: resolve("frontend/dist"),
    demoData: true,
    sourceAddressHeader: testSourceAddressHeader,
    // Background failures (stream poller, jobs) show up in the test output, with the time since boot.
    log: (line) =>
      process.stderr.write(
        `[local stack +${((performance.now() - bootStarted) / 1000).toFixed(1)} s] ${line}\n`,
      ),
  });
  // Tests start on a quiet stream: the seeding's records are read before the first file waits for an effect.
  await stack.drainStream();
  process.stderr.write(`[local stack +${((performance.now() - bootStarted) / 1000).toFixed(1)} s] ready\n`);
  project.provide("baseUrl", stack.url);
  project.provide("calendarUrl", stack.calendarUrl);
  project.provide("dynamoEndpoint", stack.dynamoEndpoint);
  project.provide("s3Endpoint", stack.s3Endpoint);
  project.provide("dataDir", dataDir);
  project.provide("stackPids", stack.pids);
  return async () => {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
