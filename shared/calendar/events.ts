import type { calendar_v3 } from "@googleapis/calendar";
import { calendarClient } from "./client.ts";
import { calendarErrorStatus, withCalendarRetry } from "./retry.ts";

export type CalendarEvent = calendar_v3.Schema$Event;

/** All events overlapping [timeMin, timeMax), expanded and ordered; follows every page. */
export async function listEvents(
  calendarId: string,
  timeMin: string,
  timeMax: string,
  onRequest: () => void = () => undefined,
): Promise<CalendarEvent[]> {
  const events: CalendarEvent[] = [];
  let pageToken: string | undefined;
  do {
    const token = pageToken;
    const client = await calendarClient();
    const response = await withCalendarRetry(() => {
      onRequest();
      return client.events.list({
        calendarId,
        timeMin,
        timeMax,
        singleEvents: true,
        orderBy: "startTime",
        maxResults: 2500,
        ...(token ? { pageToken: token } : {}),
      });
    });
    events.push(...(response.data.items ?? []));
    pageToken = response.data.nextPageToken ?? undefined;
  } while (pageToken);
  return events;
}

export interface DesiredEvent {
  id: string;
  summary: string;
  description: string;
  start: string;
  end: string;
  timeZone: string;
  /** Google colour id (the booking's potential class). */
  colorId?: string;
}

/**
 * Makes the calendar hold exactly this event: insert with the deterministic
 * id; when it already exists (a retry, or a moved booking), patch it instead.
 */
export async function upsertEvent(calendarId: string, event: DesiredEvent): Promise<void> {
  const body: CalendarEvent = {
    id: event.id,
    summary: event.summary,
    description: event.description,
    start: { dateTime: event.start, timeZone: event.timeZone },
    end: { dateTime: event.end, timeZone: event.timeZone },
    ...(event.colorId ? { colorId: event.colorId } : {}),
  };
  const client = await calendarClient();
  try {
    await withCalendarRetry(() => client.events.insert({ calendarId, requestBody: body }));
  } catch (error) {
    if (calendarErrorStatus(error) !== 409) throw error;
    const { id: _id, ...changes } = body;
    await withCalendarRetry(() =>
      client.events.patch({
        calendarId,
        eventId: event.id,
        requestBody: { ...changes, status: "confirmed" },
      }),
    );
  }
}

/** Removes the event; one that is already gone counts as removed. */
export async function removeEvent(calendarId: string, eventId: string): Promise<void> {
  const client = await calendarClient();
  try {
    await withCalendarRetry(() => client.events.delete({ calendarId, eventId }));
  } catch (error) {
    const status = calendarErrorStatus(error);
    if (status !== 404 && status !== 410) throw error;
  }
}
