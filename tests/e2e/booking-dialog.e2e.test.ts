import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations, launchChromium, openPage, signIn, weekWithFreeSlots } from "../support/browser.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** Opens the dialog on the first free cell of a week with free places. */
async function openDialog(page: Page): Promise<Locator> {
  await weekWithFreeSlots(page);
  await page.locator(".week-grid button.cell:not([disabled])").first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Vorname").waitFor();
  return dialog;
}

async function fill(dialog: Locator, lastName: string, phone = "0221 9876543") {
  await dialog.getByLabel("Vorname").fill("Greta");
  await dialog.getByLabel("Nachname").fill(lastName);
  await dialog.getByLabel("Telefon").fill(phone);
}

const unique = (what: string) => `${what}-${Date.now().toString(36)}`;

describe("the booking dialog and Meine Termine in Chromium", () => {
  it("renews an expired session over the page and books the draft", async () => {
    const { page, errors } = await openPage(browser);
    await signIn(page, baseUrl, "max");
    const dialog = await openDialog(page);
    const lastName = unique("Sitzung");
    await fill(dialog, lastName);
    // The session is gone (as after expiry): the next request answers 401.
    await page.context().clearCookies();
    await dialog.getByRole("button", { name: "Verbindlich buchen" }).click();
    const renewal = page.getByRole("dialog", { name: "Sitzung abgelaufen" });
    await renewal.getByLabel("Passwort").fill("agent-demo-2026");
    await renewal.getByRole("button", { name: "Anmelden und fortfahren" }).click();
    // The same request went through with the draft: no login page, no retyping.
    await page.getByRole("heading", { name: "Termin gebucht" }).waitFor();
    expect(page.url()).not.toContain("/login");
    await expect(page.getByText(`Greta ${lastName} ist am`)).toBeTruthy();
    // Read back grouped, in the confirmation too.
    await page.getByText("Telefon: +49 221 9876543").waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("offers the nearest free slots on a refused booking and books there with one click", async () => {
    const { page, errors } = await openPage(browser);
    await signIn(page, baseUrl, "sophie");
    const dialog = await openDialog(page);
    const lastName = unique("Ausweich");
    await fill(dialog, lastName);
    let refused = false;
    await page.route("**/api/bookings", (route) => {
      if (route.request().method() !== "POST" || refused) return route.continue();
      refused = true;
      return route.fulfill({
        status: 409,
        contentType: "application/json",
        body: JSON.stringify({
          error: {
            code: "conflict",
            message: "Dieser Termin ist leider schon ausgebucht.",
            messageId: "booking.slotFull",
          },
        }),
      });
    });
    await dialog.getByRole("button", { name: "Verbindlich buchen" }).click();
    await dialog.getByText("Dieser Termin ist leider schon ausgebucht.").waitFor();
    const offered = dialog.getByRole("region", { name: /Stattdessen frei/ }).getByRole("button");
    await offered.first().waitFor();
    const choice = (await offered.first().locator(".slot-option-when").textContent()) ?? "";
    const time = /(\d\d:\d\d)/.exec(choice)?.[1] ?? "";
    expect(time).not.toBe("");
    await offered.first().click();
    await page.getByRole("heading", { name: "Termin gebucht" }).waitFor();
    await page.getByText(new RegExp(`Greta ${lastName} ist am .* um ${time} Uhr`)).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("asks before discarding typed data (Escape, Abbrechen) and keeps an over-long note", async () => {
    const { page, errors } = await openPage(browser);
    await signIn(page, baseUrl, "sophie");
    let dialog = await openDialog(page);
    await dialog.getByLabel("Vorname").fill("Greta");
    await page.keyboard.press("Escape");
    const ask = page.getByRole("dialog", { name: "Eingaben verwerfen?" });
    await ask.waitFor();
    await ask.getByRole("button", { name: "Weiter bearbeiten" }).click();
    await ask.waitFor({ state: "hidden" });
    expect(await dialog.getByLabel("Vorname").inputValue()).toBe("Greta");

    // A pasted note over the limit stays whole and is flagged; booking waits for it to be shortened.
    const note = "x".repeat(620);
    await dialog.getByLabel("Notiz (optional)").fill(note);
    expect(await dialog.getByLabel("Notiz (optional)").inputValue()).toHaveLength(620);
    await dialog.getByText("Notiz: höchstens 500 Zeichen").waitFor();
    await dialog.getByLabel("Nachname").fill("Lang");
    await dialog.getByLabel("Telefon").fill("0221 9876543");
    await dialog.getByRole("button", { name: "Verbindlich buchen" }).click();
    await expect.poll(() => page.evaluate("document.activeElement?.id")).toBe("booking-note");
    expect(await page.getByRole("heading", { name: "Termin gebucht" }).count()).toBe(0);

    await dialog.getByRole("button", { name: "Abbrechen" }).click();
    await ask.getByRole("button", { name: "Verwerfen" }).click();
    await dialog.waitFor({ state: "hidden" });

    // An untouched dialog closes without asking.
    dialog = await openDialog(page);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("moves a cancelled booking to its own group without points; a move shows the points change and asks", async () => {
    const { page, errors } = await openPage(browser);
    await signIn(page, baseUrl, "max");
    const moveName = unique("Verschieben");
    const cancelName = unique("Storno");
    for (const lastName of [moveName, cancelName]) {
      const dialog = await openDialog(page);
      await fill(dialog, lastName);
      await dialog.getByRole("button", { name: "Verbindlich buchen" }).click();
      await dialog.getByRole("button", { name: "Weiteren Termin buchen" }).click();
      await dialog.waitFor({ state: "hidden" });
    }
    await page.getByRole("navigation").getByRole("link", { name: "Meine Termine" }).click();
    const row = (lastName: string) => page.locator("li.booking", { hasText: lastName });
    await row(cancelName).waitFor();
    expect(await row(cancelName).locator(".phone").textContent()).toBe("+49 221 9876543");

    await row(cancelName)
      .getByRole("button", { name: /^Stornieren:/ })
      .click();
    await page.getByRole("button", { name: "Ja, stornieren" }).click();
    const cancelledGroup = page
      .locator("h2", { hasText: "Storniert" })
      .locator("xpath=following-sibling::ul[1]");
    await cancelledGroup.locator("li.booking", { hasText: cancelName }).waitFor();
    const upcomingGroup = page
      .locator("h2", { hasText: "Anstehend" })
      .locator("xpath=following-sibling::ul[1]");
    expect(await upcomingGroup.locator("li.booking", { hasText: cancelName }).count()).toBe(0);
    expect(await row(cancelName).locator(".badge.points").count()).toBe(0);
    // Focus went to the row where it is now, not to the top of the page.
    await expect.poll(() => page.evaluate("document.activeElement?.textContent ?? ''")).toContain(cancelName);

    await row(moveName)
      .getByRole("button", { name: /^Verschieben:/ })
      .click();
    const picker = page.getByRole("dialog");
    // Two weeks of availability: give a busy machine time.
    await picker.locator(".slot-day h3").first().waitFor({ timeout: 60_000 });
    expect(await picker.locator(".slot-day").count()).toBeGreaterThan(0);
    await picker.locator(".slot-option").first().click();
    await picker.getByText(/Punkte: \d+ → \d+ Punkte?/).waitFor();
    await page.screenshot({ path: "test-results/reschedule-confirm.png" });
    await picker.getByRole("button", { name: "Ja, verschieben" }).click();
    await page
      .getByText(/Termin verschoben auf/)
      .first()
      .waitFor();
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it("has no serious or critical axe-core violations in the dialog and on Meine Termine, in German and English", async () => {
    const { page, errors } = await openPage(browser);
    await signIn(page, baseUrl, "anna");
    for (const language of ["Deutsch", "English"]) {
      if (language === "English") await page.getByRole("button", { name: "English" }).click();
      await page
        .getByRole("navigation")
        .getByRole("link", { name: /^(Buchen|Book)$/ })
        .click();
      await page.locator(".week-grid:not([aria-busy='true'])").waitFor();
      const free = page.locator(".week-grid button.cell:not([disabled])");
      for (let week = 0; week < 4 && (await free.count()) === 0; week++) {
        await page.getByRole("button", { name: /Nächste Woche|Next week/ }).click();
        await page.locator(".week-grid:not([aria-busy='true'])").waitFor();
      }
      await free.first().click();
      await page.getByRole("dialog").locator("input").first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press("Escape");
      await page.getByRole("dialog").waitFor({ state: "hidden" });
      await page
        .getByRole("navigation")
        .getByRole("link", { name: /^(Meine Termine|My appointments)$/ })
        .click();
      await page.locator("ul.bookings, .empty").first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
    }
    await page.getByRole("button", { name: "Deutsch" }).click();
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
