import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { AuditViewEntry, ConsultantAdminListItem, LoginLockView } from "../../shared/contracts/admin.ts";
import type { Booking } from "../../shared/contracts/booking.ts";
import { clearCalendarFaults, customer, injectCalendarFaults, upcomingSlots } from "../support/booking.ts";
import { demoAdmin, demoAgent, signedIn, TestClient } from "../support/http.ts";
import { runJobAndWait } from "../support/jobs.ts";

let admin: TestClient;
let agent: TestClient;

beforeAll(async () => {
  admin = await signedIn(demoAdmin);
  agent = await signedIn(demoAgent);
});

afterAll(async () => {
  await clearCalendarFaults();
});

type Fields = { error: { fields: Record<string, string> } };

describe("phone numbers", () => {
  it("refuses a number that cannot exist (0171 23) naming body.phone", async () => {
    const [slot] = (await upcomingSlots(agent)).filter((candidate) => candidate.free > 0);
    expect(slot).toBeDefined();
    const response = await agent.request<Fields>("POST", "/api/bookings", {
      body: { date: slot?.date, time: slot?.time, ...customer("phone"), phone: "0171 23" },
    });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.error.fields)).toEqual(["body.phone"]);
  });
});

describe("login lockouts", () => {
  it("lists a (user, address) lockout and lifts it: that address can sign in again, audited", async () => {
    const username = `lock${Date.now().toString(36)}`;
    const password = "lock-password-123";
    expect(
      (
        await admin.request("POST", "/api/admin/users", {
          body: { username, displayName: "Lock Test", role: "agent", password },
        })
      ).status,
    ).toBe(201);
    const caller = new TestClient();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      statuses.push((await caller.login(username, "wrong-password-1")).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect((await caller.login(username, password)).status).toBe(429);

    const listed = await admin.request<{ locks: LoginLockView[] }>("GET", "/api/admin/login-locks");
    expect(listed.status).toBe(200);
    expect(listed.body.locks).toContainEqual(
      expect.objectContaining({ username, scope: "pair", address: caller.address, failures: 5 }),
    );

    // An agent may not lift it.
    expect((await agent.request("DELETE", `/api/admin/users/${username}/login-locks`)).status).toBe(403);
    const lifted = await admin.request<{ cleared: number }>(
      "DELETE",
      `/api/admin/users/${username}/login-locks`,
    );
    expect(lifted.status).toBe(200);
    expect(lifted.body.cleared).toBeGreaterThanOrEqual(1);
    const after = await admin.request<{ locks: LoginLockView[] }>("GET", "/api/admin/login-locks");
    expect(after.body.locks.filter((lock) => lock.username === username)).toEqual([]);
    expect((await caller.login(username, password)).status).toBe(200);

    const audit = await admin.request<{ entries: AuditViewEntry[] }>(
      "GET",
      `/api/admin/audit?user=${demoAdmin.username}&action=user.login_lock_lifted`,
    );
    expect(audit.body.entries).toContainEqual(
      expect.objectContaining({
        action: "user.login_lock_lifted",
        target: username,
        targetName: "Lock Test",
      }),
    );
  });
});

describe("consultant calendars", () => {
  it("refuses a calendar id Google does not know, naming body.calendarId", async () => {
    await injectCalendarFaults({ status: 404, count: 1 });
    const response = await admin.request<Fields>("POST", "/api/admin/consultants", {
      body: { name: "Kein Kalender", calendarId: "missing@demo.local", active: false },
    });
    await clearCalendarFaults();
    expect(response.status).toBe(400);
    expect(response.body.error.fields["body.calendarId"]).toMatch(/gibt es nicht/);
    const list = await admin.request<ConsultantAdminListItem[]>("GET", "/api/admin/consultants");
    expect(list.body.map((consultant) => consultant.name)).not.toContain("Kein Kalender");
  });

  it("flags a consultant whose calendar failed in the latest availability run", async () => {
    await injectCalendarFaults({ status: 404, count: 1 });
    const run = await runJobAndWait(admin, "generate-availability");
    await clearCalendarFaults();
    const failed = run.summary?.failedConsultants as { id: string; reason: string }[];
    expect(failed.length).toBeGreaterThanOrEqual(1);
    const list = await admin.request<ConsultantAdminListItem[]>("GET", "/api/admin/consultants");
    const flagged = list.body.filter((consultant) => consultant.lastRunFailed);
    expect(flagged.map((consultant) => consultant.id).sort()).toEqual(failed.map((entry) => entry.id).sort());
    expect(flagged[0]?.lastRunFailed?.reason).toMatch(/404/);

    // The next clean run clears the flag.
    await runJobAndWait(admin, "generate-availability");
    const again = await admin.request<ConsultantAdminListItem[]>("GET", "/api/admin/consultants");
    expect(again.body.filter((consultant) => consultant.lastRunFailed)).toEqual([]);
  });
});

describe("the audit log", () => {
  it("filters by action and actor and names the booking's customer and slot", async () => {
    const [slot] = (await upcomingSlots(agent)).filter((candidate) => candidate.free > 0);
    const created = await agent.request<{ booking: Booking }>("POST", "/api/bookings", {
      body: { date: slot?.date, time: slot?.time, ...customer("audit") },
    });
    expect(created.status).toBe(201);
    const { id } = created.body.booking;
    expect((await agent.request("POST", `/api/bookings/${id}/cancel`)).status).toBe(200);

    const cancelled = await admin.request<{ entries: AuditViewEntry[] }>(
      "GET",
      "/api/admin/audit?action=booking.cancelled",
    );
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.entries.length).toBeGreaterThan(0);
    expect(cancelled.body.entries.every((entry) => entry.action === "booking.cancelled")).toBe(true);
    expect(cancelled.body.entries.find((entry) => entry.target === id)).toMatchObject({
      actor: "anna",
      actorName: expect.any(String),
      booking: { customer: "Mustermann-audit, Erika", date: slot?.date, time: slot?.time },
    });

    // A group of actions, one actor.
    const agentBookings = await admin.request<{ entries: AuditViewEntry[] }>(
      "GET",
      "/api/admin/audit?action=booking&user=anna",
    );
    const actions = new Set(agentBookings.body.entries.map((entry) => entry.action));
    expect(actions).toContain("booking.created");
    expect(actions).toContain("booking.cancelled");
    expect(agentBookings.body.entries.every((entry) => entry.actor === "anna")).toBe(true);
    expect(agentBookings.body.entries.every((entry) => entry.action.startsWith("booking."))).toBe(true);

    const bad = await admin.request<Fields>("GET", "/api/admin/audit?action=DROP%20TABLE");
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(["query.action"]);
  });

  it("counts days as the app's local days: an entry at 23:30 UTC belongs to the next Berlin day", async () => {
    process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
    const { writeAudit } = await import("../../shared/data/audit-repository.ts");
    // A summer night, far from other files' entries: 23:30 UTC is 01:30 on 15 June in Berlin.
    const target = `night-${Date.now().toString(36)}`;
    await writeAudit({
      actor: "admin",
      action: "settings.booking_rules",
      target,
      at: "2031-06-14T23:30:00.000Z",
    });
    const listed = async (day: string) => {
      const response = await admin.request<{ entries: AuditViewEntry[] }>(
        "GET",
        `/api/admin/audit?from=${day}&to=${day}&action=settings`,
      );
      expect(response.status).toBe(200);
      return response.body.entries.some((entry) => entry.target === target);
    };
    expect(await listed("2031-06-15")).toBe(true);
    expect(await listed("2031-06-14")).toBe(false);
  });
});
