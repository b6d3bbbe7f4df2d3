import { readFile } from "node:fs/promises";
import { config } from "../../shared/config.ts";
import type { JsonSchema } from "../../shared/http/openapi.ts";
import { createFeatureHandler } from "../../shared/http/pipeline.ts";
import { pipelineOptions } from "../../shared/http/pipeline-options.ts";
import { checkHealth } from "./health.ts";

let openApiDocument: JsonSchema | undefined;

/**
 * The OpenAPI document. Bundled (AWS), it was generated from the route table
 * at build time and lies beside the code (stacks/bundling.ts): this function
 * never loads every feature's schemas. Unbundled (local platform, tests) it is
 * built from the table on first request.
 */
async function loadOpenApiDocument(version: string): Promise<JsonSchema> {
  let built: JsonSchema;
  // With the name replaced by a literal when bundling, esbuild drops the other branch and its import.
  if (process.env.BUNDLED_FEATURE) {
    built = JSON.parse(await readFile(new URL("./openapi.json", import.meta.url), "utf8")) as JsonSchema;
  } else {
    const { buildOpenApiDocument } = await import("../../shared/http/openapi.ts");
    built = buildOpenApiDocument("");
  }
  return { ...built, info: { ...(built.info as JsonSchema), version } };
}

export const handler = createFeatureHandler(
  "system",
  {
    async getHealth({ response }) {
      const health = await checkHealth();
      if (health.status !== "ok") response.status = 503;
      return health;
    },
    async getOpenApi() {
      openApiDocument ??= await loadOpenApiDocument(config().APP_VERSION);
      return openApiDocument as { openapi: string };
    },
  },
  pipelineOptions(),
);
