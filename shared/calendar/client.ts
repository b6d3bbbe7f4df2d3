import type { calendar_v3 } from "@googleapis/calendar";
import { googleCredentialsBase64 } from "../auth/secrets.ts";
import { config } from "../config.ts";

/** No Google call may hang a Lambda until its timeout; retries come on top (see retry.ts). */
export const calendarRequestTimeoutMs = 10_000;

interface BuiltClient {
  /** The credentials value (and API root) the client was built with. */
  key: string;
  client: calendar_v3.Calendar;
}

let built: BuiltClient | undefined;

async function createClient(
  encoded: string | undefined,
  rootUrl: string | undefined,
): Promise<calendar_v3.Calendar> {
  // Google's client and auth library (~300 KB) load on the first calendar call, not in every cold start.
  const { auth, calendar } = await import("@googleapis/calendar");
  const credentials = encoded
    ? (JSON.parse(Buffer.from(encoded, "base64").toString("utf8")) as Record<string, string>)
    : undefined;
  return calendar({
    version: "v3",
    timeout: calendarRequestTimeoutMs,
    // retry.ts retries every call (also non-idempotent ones, with jitter): no second layer of retries.
    retry: false,
    ...(rootUrl ? { rootUrl } : {}),
    ...(credentials
      ? { auth: new auth.GoogleAuth({ credentials, scopes: ["https://www.googleapis.com/auth/calendar"] }) }
      : {}),
  });
}

/**
 * The Google Calendar v3 client. Credentials come from GOOGLE_CREDS_BASE64
 * (local) or Secrets Manager (AWS, cached there for minutes); with none and an
 * emulator URL, requests go unauthenticated. The client is rebuilt whenever
 * the credentials value changes, so a secret set or rotated after deploy takes
 * effect in warm Lambdas within the secret's cache time.
 */
export async function calendarClient(): Promise<calendar_v3.Calendar> {
  const encoded = await googleCredentialsBase64();
  const { GOOGLE_CALENDAR_API_URL } = config();
  const key = `${GOOGLE_CALENDAR_API_URL ?? ""}\n${encoded ?? ""}`;
  if (built?.key !== key) built = { key, client: await createClient(encoded, GOOGLE_CALENDAR_API_URL) };
  return built.client;
}

export function resetCalendarClient(): void {
  built = undefined;
}
