import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { demoAdmin, signedIn, TestClient } from "../support/http.ts";

/** A phone number the shared schema refuses: no area code. */
const invalidBooking = {
  date: "2026-12-01",
  time: "09:00",
  firstName: "Erika",
  lastName: "Muster",
  phone: "1234567",
};

type ErrorAnswer = {
  error: { code: string; message: string; messageId?: string; fields?: Record<string, string> };
};

/** A fresh agent, so changing their language touches no other test's user. */
async function freshAgent(): Promise<{ username: string; password: string }> {
  const admin = await signedIn(demoAdmin);
  const user = { username: `i18n-${randomUUID().slice(0, 8)}`, password: "long-enough-password" };
  const created = await admin.request("POST", "/api/admin/users", {
    body: { ...user, displayName: "Sprachprobe", role: "agent" },
  });
  expect(created.status).toBe(201);
  return user;
}

describe("API messages in the caller's language", () => {
  it("answers a signed-out caller by Accept-Language, German by default", async () => {
    const client = new TestClient();
    const body = { username: "", password: "" };
    const english = await client.request<ErrorAnswer>("POST", "/api/auth/login", {
      body,
      headers: { "accept-language": "en-GB,en;q=0.9,de;q=0.5" },
    });
    expect(english.status).toBe(400);
    expect(english.headers.get("content-language")).toBe("en");
    expect(english.body.error).toMatchObject({
      code: "invalid",
      message: "Invalid input: body.username, body.password",
      messageId: "request.invalid",
      fields: { "body.username": "Username missing", "body.password": "Password missing" },
    });

    const german = await client.request<ErrorAnswer>("POST", "/api/auth/login", { body });
    expect(german.body.error).toMatchObject({
      message: "Ungültige Eingabe: body.username, body.password",
      fields: { "body.username": "Benutzername fehlt", "body.password": "Passwort fehlt" },
    });
    const unsupported = await client.request<ErrorAnswer>("POST", "/api/auth/login", {
      body,
      headers: { "accept-language": "fr-FR" },
    });
    expect(unsupported.body.error.fields?.["body.username"]).toBe("Benutzername fehlt");

    const wrong = await client.request<ErrorAnswer>("POST", "/api/auth/login", {
      body: { username: `nobody-${randomUUID().slice(0, 8)}`, password: "wrong" },
      headers: { "accept-language": "en" },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe("Username or password is wrong.");
  });

  it("answers a signed-in user in the language they chose, whatever the browser says", async () => {
    const user = await freshAgent();
    const agent = await signedIn(user);
    const before = await agent.request<ErrorAnswer>("POST", "/api/bookings", { body: invalidBooking });
    expect(before.status).toBe(400);
    expect(before.body.error.fields?.["body.phone"]).toBe(
      "Telefonnummer mit Vorwahl angeben, z. B. 0171 1234567",
    );

    const changed = await agent.request("PATCH", "/api/auth/me", { body: { language: "en" } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ user: { username: user.username, language: "en" } });

    const after = await agent.request<ErrorAnswer>("POST", "/api/bookings", {
      body: invalidBooking,
      headers: { "accept-language": "de-DE" },
    });
    expect(after.body.error.fields?.["body.phone"]).toBe(
      "Enter the phone number with its area code, e.g. 0171 1234567",
    );
    expect(after.body.error.message).toBe("Invalid input: body.phone");

    // The choice is the user's: a new session starts in it, and `me` reports it to the site.
    const again = await signedIn(user);
    const me = await again.request("GET", "/api/auth/me");
    expect(me.body).toMatchObject({ user: { language: "en" } });
    const forbidden = await again.request<ErrorAnswer>("GET", "/api/admin/users");
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toBe("You are not allowed to do this.");

    const refused = await again.request<ErrorAnswer>("PATCH", "/api/auth/me", { body: { language: "fr" } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields?.["body.language"]).toBe("Allowed: de, en");
  });
});
