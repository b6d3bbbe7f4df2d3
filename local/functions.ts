import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
  DynamoDBBatchResponse,
  DynamoDBStreamEvent,
} from "aws-lambda";
import type { Feature } from "../shared/http/route-types.ts";

type HttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;
type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>;
type JobHandler = (event: unknown, context: Context) => Promise<unknown>;

const cache = new Map<string, Promise<unknown>>();

/** Imports a handler module once, the way a warm Lambda keeps it. */
async function load<T>(modulePath: string, exportName: string): Promise<T> {
  const key = `${modulePath}#${exportName}`;
  let loaded = cache.get(key);
  if (!loaded) {
    loaded = import(new URL(`../${modulePath}`, import.meta.url).href).then(
      (module: Record<string, unknown>) => {
        const value = module[exportName];
        if (typeof value !== "function") throw new Error(`${modulePath} exports no ${exportName}`);
        return value;
      },
    );
    cache.set(key, loaded);
  }
  return (await loaded) as T;
}

export const featureHandler = (feature: Feature) =>
  load<HttpHandler>(`functions/${feature}/handler.ts`, "handler");
export const eventsHandler = () => load<StreamHandler>("functions/events/handler.ts", "handler");
export const jobHandler = (modulePath: string) => load<JobHandler>(modulePath, "handler");
