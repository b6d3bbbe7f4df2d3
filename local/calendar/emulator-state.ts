import { randomBytes } from "node:crypto";

/** An event as stored by the emulator: the Google Calendar v3 resource fields the product uses. */
export interface EmulatedEvent {
  kind: "calendar#event";
  id: string;
  status: "confirmed" | "cancelled";
  summary?: string;
  description?: string;
  colorId?: string;
  transparency?: "opaque" | "transparent";
  start: { dateTime?: string; date?: string; timeZone?: string };
  end: { dateTime?: string; date?: string; timeZone?: string };
  created: string;
  updated: string;
  etag: string;
  htmlLink: string;
  iCalUID: string;
}

export interface EmulatorState {
  calendars: Record<string, Record<string, EmulatedEvent>>;
}

/** Google's rule for client-chosen ids: base32hex characters, 5 to 1024 of them. */
export const validEventId = (id: string) => /^[a-v0-9]{5,1024}$/.test(id);

export function newEventId(): string {
  // 26 base32hex characters from 128 random bits.
  const alphabet = "0123456789abcdefghijklmnopqrstuv";
  return [...randomBytes(26)].map((byte) => alphabet[byte & 31]).join("");
}

/** Epoch ms of an event time; all-day dates count from midnight UTC (the emulator knows no calendar zone). */
export function instant(time: { dateTime?: string; date?: string }): number {
  if (time.dateTime) return Date.parse(time.dateTime);
  if (time.date) return Date.parse(`${time.date}T00:00:00Z`);
  return Number.NaN;
}
