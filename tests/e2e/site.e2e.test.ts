import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, signIn } from "../support/browser.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function newPage(): Promise<{ page: Page; dialogs: string[]; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "de-DE" });
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  return { page, dialogs, errors };
}

describe("the site in Chromium", () => {
  it("sends a first visitor to the sign-in page without claiming their session expired", async () => {
    const { page, errors } = await newPage();
    const unauthorized: string[] = [];
    page.on("response", (response) => {
      if (response.status() === 401 && !response.url().endsWith("/api/auth/me"))
        unauthorized.push(response.url());
    });
    await page.goto(`${baseUrl}/`);
    await page.getByRole("heading", { name: "Anmelden" }).waitFor();
    // Nothing else is asked before anyone signs in, so nothing can be answered "expired".
    await page.waitForTimeout(500);
    expect(unauthorized).toEqual([]);
    expect(new URL(page.url()).searchParams.get("expired")).toBeNull();
    await expect(page.getByText("Ihre Sitzung ist abgelaufen").count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows the system status without signing in", async () => {
    const { page, errors } = await newPage();
    await page.goto(`${baseUrl}/status`);
    const overall = page.getByTestId("overall-status");
    await overall.waitFor({ timeout: 20_000 });
    // Right after the stack starts a dependency may still warm up; the page refreshes on "Aktualisieren".
    for (
      let attempt = 0;
      attempt < 5 && !(await overall.textContent())?.includes("Betriebsbereit");
      attempt++
    ) {
      await page.waitForTimeout(1000);
      await page.getByRole("button", { name: "Aktualisieren" }).click();
      await page.locator('[aria-busy="true"]').first().waitFor({ state: "hidden" });
    }
    expect(await page.locator("main").textContent()).toContain("Betriebsbereit");
    for (const check of ["table", "bucket", "calendar"]) {
      expect(await page.locator(`[data-check="${check}"] .badge`).textContent()).toBe("OK");
      expect(await page.locator(`[data-check="${check}"] .latency`).textContent()).toMatch(/\d+ ms/);
    }
    // The runtime's version is no business of the public.
    expect(await page.locator("dl.meta").textContent()).not.toMatch(/v24\./);
    await page.screenshot({ path: "test-results/e2e-status.png" });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("lets an agent book a slot from the week view, find it under Meine Termine and cancel it", async () => {
    const { page, dialogs, errors } = await newPage();
    await page.goto(baseUrl);
    await page.waitForURL(/\/login/);
    await signIn(page, baseUrl, "anna", "agent-demo-2026");
    const freeCell = page.locator(".week-grid button.cell:not([disabled])");
    await page.locator(".week-grid, .empty").first().waitFor();
    // This week may be over already: go forward until a slot is free.
    for (let week = 0; week < 4 && (await freeCell.count()) === 0; week++) {
      await page.getByRole("button", { name: /Nächste Woche/ }).click();
      await page.locator(".week-grid:not([aria-busy='true']), .empty").first().waitFor();
    }
    const cell = freeCell.first();
    // The accessible name is the visible text with day and time in front (no differing aria-label).
    const label = (await cell.textContent()) ?? "";
    expect(label).toMatch(/Uhr: \d+ von \d+ frei\d+ Punkte?/);
    const [, freeBefore] = /: (\d+) von/.exec(label) ?? [];
    await cell.click();

    const form = page.getByRole("dialog");
    const lastName = `Testkunde-${Date.now()}`;
    // Submitting empty shows the schema's messages inline.
    await form.getByRole("button", { name: "Verbindlich buchen" }).click();
    await form.getByText("Vorname fehlt").waitFor();
    await form.getByLabel("Vorname").fill("<script>alert(1)</script> Erika");
    await form.getByLabel("Nachname").fill(lastName);
    await form.getByLabel("Telefon").fill("0171 1234567");
    await form.getByRole("button", { name: "Verbindlich buchen" }).click();
    await form.getByRole("heading", { name: "Termin gebucht" }).waitFor();
    const confirmation = (await form.textContent()) ?? "";
    expect(confirmation).toContain(lastName);
    expect(confirmation).toMatch(/um \d\d:\d\d Uhr eingetragen/);
    expect(confirmation).toMatch(/\d+ Punkte/);
    await page.screenshot({ path: "test-results/e2e-booked.png" });
    await form.getByRole("button", { name: "Weiteren Termin buchen" }).click();
    // The cell shows one place fewer.
    const booked = page.locator(".week-grid button.cell.just-booked");
    await expect
      .poll(async () => (await booked.textContent()) ?? "")
      .toMatch(new RegExp(`: ${Number(freeBefore) - 1} von|Ausgebucht`));

    await page.getByRole("link", { name: "Meine Termine" }).click();
    // The list shows a page of the soonest bookings; the new one may lie weeks ahead: search for it.
    await page.getByLabel("Kunde suchen").fill(lastName);
    const row = page.locator("li.booking", { hasText: lastName });
    await row.waitFor();
    // The customer name is stored as typed and shown as text, not run as markup.
    expect(await row.locator("strong").textContent()).toBe(`<script>alert(1)</script> Erika ${lastName}`);
    await row.getByRole("button", { name: /Stornieren/ }).click();
    const confirm = page.getByRole("dialog");
    await confirm.getByRole("heading", { name: "Termin stornieren?" }).waitFor();
    await page.screenshot({ path: "test-results/e2e-cancel-confirm.png" });
    await confirm.getByRole("button", { name: "Ja, stornieren" }).click();
    await page.getByText("Termin storniert.").waitFor();
    await expect.poll(() => row.locator(".badge").first().textContent()).toBe("Storniert");
    expect(await row.getByRole("button", { name: /Stornieren/ }).count()).toBe(0);
    await page.screenshot({ path: "test-results/e2e-cancelled.png" });
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows a failed week as an error with a retry, not a broken page", async () => {
    const { page, errors } = await newPage();
    await page.route("**/api/availability?*", (route) =>
      route.fulfill({
        status: 500,
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "internal", message: "HTTP 500" } }),
      }),
    );
    await signIn(page, baseUrl, "anna", "agent-demo-2026");
    const alert = page.getByTestId("load-failed");
    await alert.getByRole("button", { name: "Erneut versuchen" }).waitFor();
    // The page around it still works: the week can be changed.
    await page.getByRole("button", { name: /Nächste Woche/ }).click();
    await alert.waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("counts dates in the zone the availability names, not a fixed one", async () => {
    // UTC+14 and UTC−11 are more than a day apart: "today" differs whatever the time.
    const rangeIn = async (zone: string) => {
      const { page, errors } = await newPage();
      await page.route("**/api/availability?*", async (route) => {
        const answer = await route.fetch();
        await route.fulfill({ response: answer, json: { ...(await answer.json()), timeZone: zone } });
      });
      await signIn(page, baseUrl, "anna", "agent-demo-2026");
      await page.locator(".week-grid, .empty").first().waitFor();
      await page.getByRole("link", { name: "Meine Termine" }).click();
      const range = (await page.locator(".subtitle").textContent()) ?? "";
      expect(errors).toEqual([]);
      await page.close();
      return range;
    };
    const east = await rangeIn("Pacific/Kiritimati");
    const west = await rangeIn("Pacific/Pago_Pago");
    expect(east).toMatch(/^Zeitraum /);
    expect(east).not.toBe(west);
  });

  it("lets an admin create a user whose name is markup, shown as text, then sign out", async () => {
    const { page, dialogs, errors } = await newPage();
    await signIn(page, baseUrl, "admin", "admin-demo-2026");
    await page.getByRole("link", { name: "Verwaltung" }).click();
    const username = `e2e${Date.now().toString(36)}`;
    await page.getByLabel("Benutzername").fill(username);
    await page.getByLabel("Name", { exact: true }).fill("<script>alert(1)</script> Test");
    await page.getByLabel("Startpasswort").fill("e2e-password-123");
    await page.getByRole("button", { name: "Benutzer anlegen" }).click();
    const row = page.locator(`tr[data-username="${username}"]`);
    await row.waitFor();
    expect(await row.locator("td").nth(1).textContent()).toBe("<script>alert(1)</script> Test");
    await page.screenshot({ path: "test-results/e2e-admin.png" });
    // A confirm dialog hands focus back to the button that opened it.
    await row.getByRole("button", { name: `Deaktivieren: ${username}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Abbrechen" }).click();
    await expect
      // Evaluated in the page (a string: these tests are compiled without the DOM types).
      .poll(() => page.evaluate('document.activeElement?.getAttribute("aria-label")'))
      .toBe(`Deaktivieren: ${username}`);
    // The tab is in the URL: a link opens it, the back button returns to the previous one.
    await page.getByRole("tab", { name: "Berater" }).click();
    await page.waitForURL(/\/verwaltung\/berater$/);
    await page.getByRole("button", { name: "Berater hinzufügen" }).waitFor();
    await page.goBack();
    await page.waitForURL(/\/verwaltung$/);
    await expect
      .poll(() => page.getByRole("tab", { name: "Benutzer" }).getAttribute("aria-selected"))
      .toBe("true");
    await page.goto(`${baseUrl}/verwaltung/jobs`);
    await expect
      .poll(() => page.getByRole("tab", { name: "Jobs" }).getAttribute("aria-selected"))
      .toBe("true");
    // The main navigation still marks the admin area on a tab's own URL.
    expect(
      await page.evaluate(
        "getComputedStyle(document.querySelector('nav a[href=\"/verwaltung\"]')).backgroundColor",
      ),
    ).toBe("rgb(224, 231, 255)");
    // "Jetzt ausführen" runs a job and shows its result on the job's card.
    const job = page.locator('[data-job="retry-calendar-sync"]');
    await job.getByRole("button", { name: "Jetzt ausführen" }).click();
    await job.locator(".job-result").waitFor({ timeout: 30_000 });
    expect(await job.locator(".job-result dl.summary").textContent()).toMatch(/\d/);
    await page.screenshot({ path: "test-results/e2e-admin-jobs.png" });
    await page.getByRole("button", { name: "Abmelden" }).click();
    await page.waitForURL(/\/login/);
    await page.getByRole("heading", { name: "Anmelden" }).waitFor();
    // Signed out means signed out: a protected page leads back to the login.
    await page.goto(`${baseUrl}/verwaltung`);
    await page.waitForURL(/\/login\?next=%2Fverwaltung/);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
