import { randomUUID } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium } from "../support/browser.ts";
import { demoAdmin, signedIn } from "../support/http.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** The API's own check of a phone number that the site's check lets through (the request is altered on its way). */
const serverOnlyPhone = "1234567";

describe("the site in English", () => {
  it("shows the API's validation message in English, and the switch saves the user's language", async () => {
    // A user of this test alone: switching languages changes what the user has saved.
    const admin = await signedIn(demoAdmin);
    const user = { username: `e2e-lang-${randomUUID().slice(0, 8)}`, password: "long-enough-password" };
    const created = await admin.request("POST", "/api/admin/users", {
      body: { ...user, displayName: "Language Probe", role: "agent" },
    });
    expect(created.status).toBe(201);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "de-DE" });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.goto(`${baseUrl}/login`);
    await page.locator('.lang-switch button[lang="en"]').click();
    await page.getByLabel("Username").fill(user.username);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Book an appointment" }).waitFor();

    // Nothing saved yet: the API follows the site's `Accept-Language`.

    const freeCell = page.locator(".week-grid button.cell:not([disabled])");
    await page.locator(".week-grid, .empty").first().waitFor();
    for (let week = 0; week < 4 && (await freeCell.count()) === 0; week++) {
      await page.getByRole("button", { name: /Next week/ }).click();
      await page.locator(".week-grid:not([aria-busy='true']), .empty").first().waitFor();
    }
    await freeCell.first().click();
    const form = page.getByRole("dialog");
    await form.getByLabel("First name").fill("Erika");
    await form.getByLabel("Last name").fill(`Lang-${Date.now()}`);
    await form.getByLabel("Phone").fill("0171 1234567");

    // Only the server sees the number without an area code: its message is what the form shows.
    await page.route("**/api/bookings", async (route) => {
      const request = route.request();
      if (request.method() !== "POST") return route.continue();
      const body = { ...request.postDataJSON(), phone: serverOnlyPhone };
      await route.continue({ postData: JSON.stringify(body) });
    });
    await form.getByRole("button", { name: "Book now" }).click();
    await form.getByText("Enter the phone number with its area code, e.g. 0171 1234567").waitFor();
    const shown = (await form.textContent()) ?? "";
    expect(shown).toContain("Invalid input");
    expect(shown).not.toMatch(/Telefonnummer|Ungültig|Vorwahl/);
    await page.screenshot({ path: "test-results/e2e-i18n-en.png" });

    // Back to German: the switch saves it for the user, and the API answers in German again.
    // The form holds data: Escape asks before discarding it.
    await page.keyboard.press("Escape");
    await page
      .getByRole("dialog", { name: "Discard what you entered?" })
      .getByRole("button", { name: "Discard" })
      .click();
    await form.waitFor({ state: "hidden" });
    await page.locator('.lang-switch button[lang="de"]').click();
    // What the user has saved.
    const savedLanguage = async () => {
      const { users } = (await admin.request("GET", "/api/admin/users")).body as {
        users: { username: string; language?: string }[];
      };
      return users.find((candidate) => candidate.username === user.username)?.language;
    };
    await expect.poll(savedLanguage).toBe("de");
    await freeCell.first().click();
    await form.getByLabel("Vorname").fill("Erika");
    await form.getByLabel("Nachname").fill(`Lang-${Date.now()}`);
    await form.getByLabel("Telefon").fill("0171 1234567");
    await form.getByRole("button", { name: "Verbindlich buchen" }).click();
    await form.getByText("Telefonnummer mit Vorwahl angeben, z. B. 0171 1234567").waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
