import { config } from "../../shared/config.ts";
import { buildOpenApiDocument } from "../../shared/http/openapi.ts";
import { createFeatureHandler } from "../../shared/http/pipeline.ts";
import { pipelineOptions } from "../../shared/http/pipeline-options.ts";
import { checkHealth } from "./health.ts";

let openApiDocument: ReturnType<typeof buildOpenApiDocument> | undefined;

export const handler = createFeatureHandler(
  "system",
  {
    async getHealth({ response }) {
      const health = await checkHealth();
      if (health.status !== "ok") response.status = 503;
      return health;
    },
    async getOpenApi() {
      openApiDocument ??= buildOpenApiDocument(config().APP_VERSION);
      return openApiDocument as { openapi: string };
    },
  },
  pipelineOptions(),
);
