import { auth, calendar, type calendar_v3 } from "@googleapis/calendar";
import { config } from "../config.ts";

let client: calendar_v3.Calendar | undefined;

/**
 * The Google Calendar v3 client. With `GOOGLE_CALENDAR_API_URL` and no
 * credentials (the local emulator) requests go unauthenticated.
 */
export function calendarClient(): calendar_v3.Calendar {
  if (!client) {
    const { GOOGLE_CALENDAR_API_URL, GOOGLE_CREDS_BASE64 } = config();
    const credentials = GOOGLE_CREDS_BASE64
      ? (JSON.parse(Buffer.from(GOOGLE_CREDS_BASE64, "base64").toString("utf8")) as Record<string, string>)
      : undefined;
    client = calendar({
      version: "v3",
      ...(GOOGLE_CALENDAR_API_URL ? { rootUrl: GOOGLE_CALENDAR_API_URL } : {}),
      ...(credentials
        ? {
            auth: new auth.GoogleAuth({
              credentials,
              scopes: ["https://www.googleapis.com/auth/calendar"],
            }),
          }
        : {}),
    });
  }
  return client;
}

export function resetCalendarClient(): void {
  client = undefined;
}
