import { resolve } from "node:path";
import { demoUsers } from "./demo/users.ts";
import { type LocalStack, startLocalStack } from "./stack.ts";

/** `npm start`: the whole product on this machine, no cloud account needed. */
const started = Date.now();
const dataDir = resolve(process.env.DATA_DIR ?? ".data");
const port = Number(process.env.PORT ?? 3000);
const demoData = (process.env.DEMO_DATA ?? "true") !== "false";
const log = (line: string) => console.log(`  ${line}`);

// Registered first: Ctrl-C while starting must still stop DynamoDB Local and the rest.
let stack: LocalStack | undefined;
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping …`);
  await stack?.stop();
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
  process.on(signal, () => void shutdown(signal));

console.log(`slot-booking · Node ${process.version} · data in ${dataDir}`);
try {
  stack = await startLocalStack({
    dataDir,
    port,
    siteDir: resolve("frontend/dist"),
    schedules: true,
    demoData,
    demoHistory: demoData,
    log,
  });
} catch (error) {
  console.error(`Start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
if (stopping) await stack.stop();

console.log(`\n  App ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${stack.url}`);
console.log(`  API docs: ${stack.url}/api/openapi.json`);
if (demoData) {
  console.log("\n  Demo sign-ins:");
  for (const user of demoUsers)
    console.log(`    ${user.username.padEnd(8)} ${user.password.padEnd(17)} ${user.role}`);
}
console.log("  Stop with Ctrl-C.\n");
