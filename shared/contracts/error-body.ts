import * as z from "zod";
import { type ErrorCode, errorStatus } from "./errors.ts";

/**
 * The error body as the API description shows it. Apart from the error codes
 * (errors.ts) because only the description is built from it: the functions
 * shape error bodies themselves (shared/http/errors.ts) and need not construct it.
 */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]]),
      message: z
        .string()
        .describe("In the caller's language: the user's, else `Accept-Language`, else German"),
      messageId: z
        .string()
        .optional()
        .describe("The message's id in the catalogue, for clients that translate themselves"),
      fields: z
        .record(z.string(), z.string())
        .optional()
        .describe("Field path (e.g. `body.phone`) → what is wrong with it"),
    }),
  })
  .meta({ id: "Error" });

export type ErrorBody = z.infer<typeof errorBodySchema>;
