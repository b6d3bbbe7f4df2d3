import { Tracer } from "@aws-lambda-powertools/tracer";

let sharedTracer: Tracer | undefined;

/** Loaded by shared/http/observability.ts only where tracing is on (it pulls in the X-Ray SDK). */
export function tracer(): Tracer {
  sharedTracer ??= new Tracer({ captureHTTPsRequests: false });
  return sharedTracer;
}
