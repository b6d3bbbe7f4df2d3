import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import solid from "vite-plugin-solid";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const routesFile = here("../shared/http/routes.ts");
const textFiles = { de: here("src/i18n/de.ts"), en: here("src/i18n/en.ts") };

/**
 * Modules the site reads from build-time data, each with a dev-server form that
 * imports the source (so hot reload sees edits):
 * - `virtual:route-table`: each operation's method and path from the one route
 *   table. Its zod schemas (all of zod, every contract) stay on the server: the
 *   API already answers through its response schemas, and forms that validate
 *   import just their own schema.
 * - `virtual:texts/de`, `virtual:texts/en`: one language's site texts as plain
 *   data. The area text files hold both languages side by side, so importing a
 *   language's dictionary directly would load the other one too.
 */
function buildTimeData(): Plugin {
  let serve = false;
  const prefix = "\0virtual:";
  return {
    name: "build-time-data",
    configResolved(config) {
      serve = config.command === "serve";
    },
    resolveId: (source) =>
      source === "virtual:route-table" || /^virtual:texts\/(de|en)$/.test(source) ? `\0${source}` : undefined,
    async load(id) {
      if (!id.startsWith(prefix)) return undefined;
      const name = id.slice(prefix.length);
      if (name === "route-table") {
        if (serve) {
          return `import { routes } from ${JSON.stringify(routesFile)};
export default Object.fromEntries(Object.entries(routes).map(([id, route]) => [id, [route.method, route.path]]));`;
        }
        const { routes } = await import("../shared/http/routes.ts");
        const table = Object.fromEntries(
          Object.entries(routes).map(([operation, route]) => [operation, [route.method, route.path]]),
        );
        return `export default ${JSON.stringify(table)};`;
      }
      const language = name === "texts/en" ? "en" : "de";
      if (serve) return `export { ${language} as default } from ${JSON.stringify(textFiles[language])};`;
      const texts =
        language === "en" ? (await import("./src/i18n/en.ts")).en : (await import("./src/i18n/de.ts")).de;
      return `export default ${JSON.stringify(texts)};`;
    },
  };
}

/**
 * German is the site's default language: its texts' chunk is fetched from the
 * page's head beside the entry, not only once the entry has run (every page
 * waits for its texts before the first render). A visitor who chose English
 * fetches the German chunk in vain; the entry still loads the English one.
 */
function preloadDefaultTexts(): Plugin {
  return {
    name: "preload-default-texts",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, context) {
        const texts = Object.values(context.bundle ?? {}).find(
          (output) => output.type === "chunk" && output.facadeModuleId === "\0virtual:texts/de",
        );
        if (!texts) throw new Error("no chunk for virtual:texts/de in the build");
        return [
          {
            tag: "link",
            attrs: { rel: "modulepreload", crossorigin: true, href: `/${texts.fileName}` },
            injectTo: "head",
          },
        ];
      },
    },
  };
}

export default defineConfig({
  root: here("."),
  plugins: [solid(), buildTimeData(), preloadDefaultTexts()],
  resolve: {
    // The browser checks phone numbers with the small metadata (length and country code); the server,
    // with the full metadata, stays the judge and answers a field error for what only it rejects.
    alias: [{ find: /^libphonenumber-js\/max$/, replacement: "libphonenumber-js/min" }],
  },
  // The manifest tells the site-size test which chunks each page loads before it is usable.
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    manifest: true,
    // The Solid JSX transform is most of a 4 s build on a small machine; the bundler's note saying
    // so would greet every `npm start` with a warning nobody can act on.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: { port: 5173, proxy: { "/api": "http://localhost:3000" } },
});
