import { resolve } from "node:path";
import { createServer } from "vite";
import { startLocalStack } from "./stack.ts";

/** `npm run dev`: the local platform on PORT plus Vite's dev server with hot reload, proxying /api. */
const stack = await startLocalStack({
  dataDir: resolve(process.env.DATA_DIR ?? ".data"),
  port: Number(process.env.PORT ?? 3000),
  schedules: true,
  demoData: (process.env.DEMO_DATA ?? "true") !== "false",
  log: (line) => console.log(`  ${line}`),
});
// The proxy follows the stack's real address (PORT, or a free port with PORT=0), not a fixed 3000.
const vite = await createServer({
  configFile: resolve("frontend/vite.config.ts"),
  server: { proxy: { "/api": stack.url } },
});
await vite.listen();
console.log(`\n  API on ${stack.url} · site with hot reload:`);
vite.printUrls();

async function shutdown() {
  await vite.close();
  await stack.stop();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());
