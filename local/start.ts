import { resolve } from "node:path";
import { demoUsers } from "./demo/users.ts";
import { startLocalStack } from "./stack.ts";

/** `npm start`: the whole product on this machine, no cloud account needed. */
const started = Date.now();
const dataDir = resolve(process.env.DATA_DIR ?? ".data");
const port = Number(process.env.PORT ?? 3000);
const demoData = (process.env.DEMO_DATA ?? "true") !== "false";
const log = (line: string) => console.log(`  ${line}`);

console.log(`slot-booking · Node ${process.version} · data in ${dataDir}`);
const stack = await startLocalStack({
  dataDir,
  port,
  siteDir: resolve("frontend/dist"),
  schedules: true,
  demoData,
  log,
}).catch((error: unknown) => {
  console.error(`Start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

console.log(`\n  App ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${stack.url}`);
console.log(`  API docs: ${stack.url}/api/openapi.json`);
if (demoData) {
  console.log("\n  Demo sign-ins:");
  for (const user of demoUsers)
    console.log(`    ${user.username.padEnd(8)} ${user.password.padEnd(17)} ${user.role}`);
}
console.log("  Stop with Ctrl-C.\n");

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping …`);
  await stack.stop();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
