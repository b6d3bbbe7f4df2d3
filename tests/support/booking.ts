import { calendar } from "@googleapis/calendar";
import { inject } from "vitest";
import type { Booking, SlotView } from "../../shared/contracts/booking.ts";
import type { TestClient } from "./http.ts";

export const centralCalendarId = "central@demo.local";

export function calendarApi() {
  return calendar({ version: "v3", rootUrl: inject("calendarUrl") });
}

/** Drives the emulator's fault injection (a separate process from the tests). */
export async function injectCalendarFaults(spec: { status: number; count: number }): Promise<void> {
  const response = await fetch(new URL("_emulator/faults", inject("calendarUrl")), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(spec),
  });
  if (!response.ok) throw new Error(`fault injection failed: ${response.status}`);
}

export async function clearCalendarFaults(): Promise<void> {
  await fetch(new URL("_emulator/faults", inject("calendarUrl")), { method: "DELETE" });
}

export function isoDay(offsetDays: number, from = new Date()): string {
  return new Date(from.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

export async function upcomingSlots(client: TestClient, days = 28): Promise<SlotView[]> {
  const response = await client.request<{ slots: SlotView[] }>(
    "GET",
    `/api/availability?from=${isoDay(1)}&to=${isoDay(days)}`,
  );
  if (response.status !== 200) throw new Error(`availability: ${response.status}`);
  return response.body.slots;
}

export const customer = (suffix: string | number) => ({
  firstName: "Erika",
  lastName: `Mustermann-${suffix}`,
  phone: "+49 171 1234567",
  note: "Testbuchung",
});

export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function bookingById(client: TestClient, id: string): Promise<Booking> {
  const response = await client.request<{ booking: Booking }>("GET", `/api/bookings/${id}`);
  return response.body.booking;
}
