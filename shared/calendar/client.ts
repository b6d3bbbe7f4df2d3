import { auth, calendar, type calendar_v3 } from "@googleapis/calendar";
import { googleCredentialsBase64 } from "../auth/secrets.ts";
import { config } from "../config.ts";

let client: Promise<calendar_v3.Calendar> | undefined;

async function createClient(): Promise<calendar_v3.Calendar> {
  const { GOOGLE_CALENDAR_API_URL } = config();
  const encoded = await googleCredentialsBase64();
  const credentials = encoded
    ? (JSON.parse(Buffer.from(encoded, "base64").toString("utf8")) as Record<string, string>)
    : undefined;
  return calendar({
    version: "v3",
    ...(GOOGLE_CALENDAR_API_URL ? { rootUrl: GOOGLE_CALENDAR_API_URL } : {}),
    ...(credentials
      ? { auth: new auth.GoogleAuth({ credentials, scopes: ["https://www.googleapis.com/auth/calendar"] }) }
      : {}),
  });
}

/**
 * The Google Calendar v3 client, created once per container. Credentials come
 * from GOOGLE_CREDS_BASE64 (local) or Secrets Manager (AWS); with none and an
 * emulator URL, requests go unauthenticated.
 */
export function calendarClient(): Promise<calendar_v3.Calendar> {
  client ??= createClient().catch((error: unknown) => {
    client = undefined;
    throw error;
  });
  return client;
}

export function resetCalendarClient(): void {
  client = undefined;
}
