import { authenticateSession, requireCsrfToken } from "../auth/sessions.ts";
import type { PipelineOptions } from "./pipeline.ts";

/** How every feature's pipeline authenticates and guards requests. */
export function pipelineOptions(): PipelineOptions {
  return { authenticate: authenticateSession, guards: [requireCsrfToken] };
}
