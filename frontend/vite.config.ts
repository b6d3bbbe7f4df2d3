import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import solid from "vite-plugin-solid";

const routeTableId = "virtual:route-table";

/**
 * The route table as the browser needs it: each operation's method and path,
 * read from the one route table at build time. The table's zod schemas (all of
 * zod, every contract) stay on the server: the API already answers through its
 * response schemas, and forms that validate import just their own schema.
 */
function routeTable(): Plugin {
  return {
    name: "route-table",
    resolveId: (source) => (source === routeTableId ? `\0${routeTableId}` : undefined),
    async load(id) {
      if (id !== `\0${routeTableId}`) return undefined;
      const { routes } = await import("../shared/http/routes.ts");
      const table = Object.fromEntries(
        Object.entries(routes).map(([operation, route]) => [operation, [route.method, route.path]]),
      );
      return `export default ${JSON.stringify(table)};`;
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [solid(), routeTable()],
  // The manifest tells the site-size test which chunks each page loads before it is usable.
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", manifest: true },
  server: { port: 5173, proxy: { "/api": "http://localhost:3000" } },
});
