import { z } from "zod";

const envSchema = z.object({
  TABLE_NAME: z.string().default("slot-booking"),
  EXPORT_BUCKET: z.string().default("slot-booking-exports"),
  TIMEZONE: z.string().default("Europe/Berlin"),
  CENTRAL_CALENDAR_ID: z.string().default("central@demo.local"),
  CONSULTANTS: z.string().default(""),
  GOOGLE_CALENDAR_API_URL: z.string().optional(),
  /** Local only: DynamoDB Local and s3rver endpoints. Unset on AWS. */
  DYNAMODB_ENDPOINT: z.string().optional(),
  S3_ENDPOINT: z.string().optional(),
  AWS_REGION: z.string().default("eu-central-1"),
  APP_VERSION: z.string().default("0.1.0"),
});

export type AppConfig = z.infer<typeof envSchema>;

let cached: AppConfig | undefined;

/** Configuration from the environment, read once per process (cold start). */
export function config(): AppConfig {
  cached ??= envSchema.parse(process.env);
  return cached;
}

/** Tests and the local platform change the environment at runtime. */
export function resetConfig(): void {
  cached = undefined;
}
