import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { routeEntries } from "../../shared/http/routes.ts";
import { demoAdmin, demoAgent, signedIn, TestClient } from "../support/http.ts";

/** Fills path templates with a harmless value. */
const concretePath = (path: string) => path.replace(/\{[^}]+\}/g, "someone");
const uniqueName = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

describe("authorization from the route table", () => {
  it("answers 401 on every non-public route without a session", async () => {
    const anonymous = new TestClient();
    const protectedRoutes = routeEntries.filter(([, route]) => route.role !== "public");
    expect(protectedRoutes.length).toBeGreaterThan(0);
    for (const [operationId, route] of protectedRoutes) {
      const response = await anonymous.request(route.method, concretePath(route.path), {
        ...(route.method === "GET" ? {} : { body: {} }),
      });
      expect(response.status, operationId).toBe(401);
      expect(response.body).toMatchObject({ error: { code: "unauthorized" } });
    }
  });

  it("answers 403 on every admin route for an agent", async () => {
    const agent = await signedIn(demoAgent);
    const adminRoutes = routeEntries.filter(([, route]) => route.role === "admin");
    expect(adminRoutes.length).toBeGreaterThan(0);
    for (const [operationId, route] of adminRoutes) {
      const response = await agent.request(route.method, concretePath(route.path), {
        ...(route.method === "GET" ? {} : { body: {} }),
      });
      expect(response.status, operationId).toBe(403);
    }
  });
});

describe("login", () => {
  it("signs in, sets an HttpOnly SameSite cookie and returns the user and a CSRF token", async () => {
    const client = new TestClient();
    const response = await client.login(demoAdmin.username, demoAdmin.password);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      user: { username: "admin", role: "admin", displayName: expect.any(String) },
      csrfToken: expect.any(String),
    });
    const setCookie = response.headers.getSetCookie()[0] ?? "";
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const me = await client.request("GET", "/api/auth/me");
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { username: "admin" }, csrfToken: response.body.csrfToken });
  });

  it("gives no hint whether the user or the password was wrong", async () => {
    const wrongPassword = await new TestClient().login(demoAgent.username, "not-the-password");
    const unknownUser = await new TestClient().login(uniqueName("nobody"), "not-the-password");
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(wrongPassword.body).toEqual(unknownUser.body);
  });

  it("counts a burst of concurrent wrong passwords before checking any: at most 5 × 401, the rest 429", async () => {
    const admin = await signedIn(demoAdmin);
    const username = uniqueName("throttled");
    const password = "correct-horse-battery";
    await admin.request("POST", "/api/admin/users", {
      body: { username, displayName: "Throttle Test", role: "agent", password },
    });
    const attacker = new TestClient();
    const burst = await Promise.all(
      Array.from({ length: 12 }, () => attacker.login(username, "wrong-password")),
    );
    const statuses = burst.map((response) => response.status);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(7);
    expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);
    // Locked means locked for this user from this address: the right password waits until the window ends…
    const locked = await new TestClient({ address: attacker.address }).login(username, password);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(locked.headers.get("retry-after"))).toBeLessThanOrEqual(15 * 60);
    // …while other users sign in from that address, and the user signs in from their own.
    const colleague = new TestClient({ address: attacker.address });
    expect((await colleague.login(demoAgent.username, demoAgent.password)).status).toBe(200);
    expect((await new TestClient().login(username, password)).status).toBe(200);
  });

  it("slows down, but never locks, a user attacked from many addresses", async () => {
    const admin = await signedIn(demoAdmin);
    const username = uniqueName("targeted");
    const password = "targeted-password-1";
    await admin.request("POST", "/api/admin/users", {
      body: { username, displayName: "Target", role: "agent", password },
    });
    // Three attackers use up the user's free attempts without locking any single pair.
    const attackers = Array.from({ length: 3 }, () => new TestClient());
    const failures = await Promise.all(
      attackers.map(async (client) => {
        const statuses: number[] = [];
        for (let attempt = 0; attempt < 5; attempt++) {
          statuses.push((await client.login(username, "wrong-password")).status);
        }
        return statuses;
      }),
    );
    expect(failures.flat()).toEqual(Array(15).fill(401));
    const slowed = await new TestClient().login(username, "wrong-password");
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get("retry-after"))).toBeLessThanOrEqual(30);
  });
});

describe("login CSRF", () => {
  it("answers 415 to a body that is not JSON (a cross-site form's text/plain)", async () => {
    const client = new TestClient();
    const response = await client.request("POST", "/api/auth/login", {
      body: JSON.stringify({ username: demoAgent.username, password: demoAgent.password }),
      headers: { "content-type": "text/plain" },
    });
    expect(response.status).toBe(415);
    expect(response.body).toMatchObject({ error: { code: "unsupported_media_type" } });
    expect(client.cookie).toBeUndefined();
    const withCharset = await client.request("POST", "/api/auth/login", {
      body: { username: demoAgent.username, password: demoAgent.password },
      headers: { "content-type": "application/json; charset=utf-8" },
    });
    expect(withCharset.status).toBe(200);
  });

  it("refuses a login from a foreign origin or a cross-site fetch with 403", async () => {
    const credentials = { username: demoAgent.username, password: demoAgent.password };
    const foreign = await new TestClient().request("POST", "/api/auth/login", {
      body: credentials,
      headers: { origin: "https://attacker.example" },
    });
    expect(foreign.status).toBe(403);
    const crossSite = await new TestClient().request("POST", "/api/auth/login", {
      body: credentials,
      headers: { "sec-fetch-site": "cross-site" },
    });
    expect(crossSite.status).toBe(403);
    const client = new TestClient();
    const own = await client.request("POST", "/api/auth/login", {
      body: credentials,
      headers: { origin: client.baseUrl, "sec-fetch-site": "same-origin" },
    });
    expect(own.status).toBe(200);
  });

  it("rejects unknown fields in a body, naming them", async () => {
    const response = await new TestClient().request("POST", "/api/auth/login", {
      body: { username: demoAgent.username, password: demoAgent.password, role: "admin" },
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: { code: "invalid", fields: { "body.role": expect.any(String) } },
    });
  });
});

describe("sessions and CSRF", () => {
  it("refuses mutating requests without or with a wrong CSRF token", async () => {
    const admin = await signedIn(demoAdmin);
    const body = {
      username: uniqueName("csrf"),
      displayName: "CSRF",
      role: "agent",
      password: "long-enough-pw",
    };
    const missing = await admin.request("POST", "/api/admin/users", { body, csrf: false });
    expect(missing.status).toBe(403);
    const wrong = await admin.request("POST", "/api/admin/users", {
      body,
      headers: { "x-csrf-token": "forged" },
    });
    expect(wrong.status).toBe(403);
    const right = await admin.request("POST", "/api/admin/users", { body });
    expect(right.status).toBe(201);
  });

  it("makes the old cookie worthless after logout", async () => {
    const agent = await signedIn(demoAgent);
    const stolenCookie = agent.cookie;
    expect((await agent.request("POST", "/api/auth/logout")).status).toBe(200);
    const thief = new TestClient();
    thief.cookie = stolenCookie;
    expect((await thief.request("GET", "/api/auth/me")).status).toBe(401);
  });

  it("ends a deactivated user's sessions at once", async () => {
    const admin = await signedIn(demoAdmin);
    const username = uniqueName("leaver");
    const password = "leaving-soon-pw";
    await admin.request("POST", "/api/admin/users", {
      body: { username, displayName: "Leaver", role: "agent", password },
    });
    const leaver = await signedIn({ username, password });
    expect((await leaver.request("GET", "/api/auth/me")).status).toBe(200);
    const deactivated = await admin.request("PATCH", `/api/admin/users/${username}`, {
      body: { active: false },
    });
    expect(deactivated.status).toBe(200);
    expect(deactivated.body).toMatchObject({ active: false });
    expect((await leaver.request("GET", "/api/auth/me")).status).toBe(401);
    expect((await new TestClient().login(username, password)).status).toBe(401);
  });

  it("rejects a forged or tampered session cookie", async () => {
    const client = new TestClient();
    client.cookie = "session=eyJhbGciOiJIUzI1NiJ9.eyJzaWQiOiJ4In0.forged";
    expect((await client.request("GET", "/api/auth/me")).status).toBe(401);
  });
});

describe("user administration and audit", () => {
  it("creates, lists, changes and resets users without ever returning a hash", async () => {
    const admin = await signedIn(demoAdmin);
    const username = uniqueName("new");
    const created = await admin.request("POST", "/api/admin/users", {
      body: { username, displayName: "Neue Kollegin", role: "agent", password: "first-password-1" },
    });
    expect(created.status).toBe(201);
    const duplicate = await admin.request("POST", "/api/admin/users", {
      body: { username, displayName: "Doppelt", role: "agent", password: "first-password-1" },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ error: { fields: { "body.username": expect.any(String) } } });

    const promoted = await admin.request("PATCH", `/api/admin/users/${username}`, {
      body: { role: "admin" },
    });
    expect(promoted.body).toMatchObject({ role: "admin" });
    const reset = await admin.request("PATCH", `/api/admin/users/${username}`, {
      body: { password: "second-password-2" },
    });
    expect(reset.status).toBe(200);
    expect((await new TestClient().login(username, "first-password-1")).status).toBe(401);
    expect((await new TestClient().login(username, "second-password-2")).status).toBe(200);

    const list = await admin.request<{ users: Record<string, unknown>[] }>("GET", "/api/admin/users");
    expect(list.body.users.map((user) => user.username)).toContain(username);
    const everything = JSON.stringify([created.body, promoted.body, reset.body, list.body]);
    expect(everything).not.toMatch(/scrypt|passwordHash|password/);
  });

  it("validates user input, naming the field", async () => {
    const admin = await signedIn(demoAdmin);
    const response = await admin.request("POST", "/api/admin/users", {
      body: { username: "x", displayName: "", role: "boss", password: "short" },
    });
    expect(response.status).toBe(400);
    expect(Object.keys((response.body as { error: { fields: object } }).error.fields).sort()).toEqual([
      "body.displayName",
      "body.password",
      "body.role",
      "body.username",
    ]);
  });

  it("refuses to let admins lock themselves out", async () => {
    const admin = await signedIn(demoAdmin);
    const response = await admin.request("PATCH", "/api/admin/users/admin", { body: { active: false } });
    expect(response.status).toBe(409);
  });

  it("records logins and user changes in the audit log", async () => {
    const admin = await signedIn(demoAdmin);
    const username = uniqueName("audited");
    await admin.request("POST", "/api/admin/users", {
      body: { username, displayName: "Audit", role: "agent", password: "audited-password" },
    });
    await new TestClient().login(username, "wrong-password");
    const all = await admin.request<{ entries: { action: string; actor: string; target?: string }[] }>(
      "GET",
      "/api/admin/audit",
    );
    expect(all.status).toBe(200);
    expect(all.body.entries).toContainEqual(
      expect.objectContaining({ action: "user.created", target: username }),
    );
    expect(all.body.entries).toContainEqual(
      expect.objectContaining({ action: "login.failed", actor: username }),
    );
    const byUser = await admin.request<{ entries: { actor: string }[] }>(
      "GET",
      `/api/admin/audit?user=${username}`,
    );
    expect(byUser.body.entries.length).toBeGreaterThan(0);
    expect(byUser.body.entries.every((entry) => entry.actor === username)).toBe(true);
    const badRange = await admin.request("GET", "/api/admin/audit?from=2026-13-01");
    expect(badRange.status).toBe(400);
    expect(badRange.body).toMatchObject({ error: { fields: { "query.from": expect.any(String) } } });
  });
});
