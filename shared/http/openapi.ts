import * as z from "zod";
import { errorBodySchema } from "../contracts/error-body.ts";
import { errorStatus } from "../contracts/errors.ts";
import type { RouteDefinition } from "./route-types.ts";
import { routeEntries } from "./routes.ts";

export type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: "input" | "output"): JsonSchema =>
  z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonSchema;

function parameters(route: RouteDefinition): JsonSchema[] {
  const result: JsonSchema[] = [];
  for (const [location, schema] of [
    ["path", route.request?.params],
    ["query", route.request?.query],
  ] as const) {
    if (!schema) continue;
    const shape = toSchema(schema, "input") as {
      properties?: Record<string, JsonSchema>;
      required?: string[];
    };
    for (const [name, property] of Object.entries(shape.properties ?? {})) {
      result.push({
        name,
        in: location,
        required: location === "path" || (shape.required ?? []).includes(name),
        schema: property,
      });
    }
  }
  return result;
}

function errorResponses(route: RouteDefinition): Record<string, JsonSchema> {
  const codes = new Set<number>([errorStatus.internal]);
  if (route.request) codes.add(errorStatus.invalid);
  if (route.role !== "public") codes.add(errorStatus.unauthorized);
  if (route.role === "admin") codes.add(errorStatus.forbidden);
  return Object.fromEntries(
    [...codes].map((code) => [
      String(code),
      {
        description: "Error",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      },
    ]),
  );
}

/** The OpenAPI 3.1 document, generated from the route table and its zod schemas. */
export function buildOpenApiDocument(version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const [operationId, route] of routeEntries) {
    const operation: JsonSchema = {
      operationId,
      summary: route.summary,
      tags: route.tags ?? [route.feature],
      "x-role": route.role,
      ...(route.role === "public" ? { security: [] } : {}),
      parameters: parameters(route),
      ...(route.request?.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: toSchema(route.request.body, "input") } },
            },
          }
        : {}),
      responses: {
        [String(route.response.status)]: {
          description: "OK",
          content: { "application/json": { schema: toSchema(route.response.schema, "output") } },
        },
        ...errorResponses(route),
      },
    };
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operation;
  }
  return {
    openapi: "3.1.0",
    info: { title: "slot-booking API", version },
    servers: [{ url: "/" }],
    paths,
    components: {
      schemas: { Error: toSchema(errorBodySchema, "output") },
      securitySchemes: { session: { type: "apiKey", in: "cookie", name: "session" } },
    },
    security: [{ session: [] }],
  };
}
