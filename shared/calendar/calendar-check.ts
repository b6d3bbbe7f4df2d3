import { calendarClient } from "./client.ts";
import { calendarErrorStatus, withCalendarRetry } from "./retry.ts";

/** The failure's text is a catalogue id without placeholders. */
export type CalendarCheck =
  | { ok: true }
  | {
      ok: false;
      message: "consultant.calendarNotFound" | "consultant.calendarNoAccess" | "consultant.calendarInvalid";
    };

/**
 * Whether a calendar exists and this service account may read it: one 1-item `events.list`, the
 * same call the availability run makes. Only Google's definite answers (not found, no access, an
 * invalid id) count as a failed check; an outage does not block saving a consultant.
 */
export async function checkCalendarReadable(calendarId: string): Promise<CalendarCheck> {
  try {
    const client = await calendarClient();
    await withCalendarRetry(() =>
      client.events.list({ calendarId, maxResults: 1, timeMin: new Date().toISOString() }),
    );
    return { ok: true };
  } catch (error) {
    const status = calendarErrorStatus(error);
    if (status === 404 || status === 410) return { ok: false, message: "consultant.calendarNotFound" };
    if (status === 403 || status === 401) return { ok: false, message: "consultant.calendarNoAccess" };
    if (status === 400) return { ok: false, message: "consultant.calendarInvalid" };
    return { ok: true };
  }
}
