import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { type Browser, chromium, type Page } from "playwright-core";
import { expect } from "vitest";

/**
 * Debian's Chromium, headless, for the e2e tests. Background networking off:
 * this machine has no internet, and Chromium would keep trying. Screenshots go
 * to test-results/.
 */
export async function launchChromium(): Promise<Browser> {
  mkdirSync("test-results", { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** A German page at a desktop size; `errors` collects uncaught page errors (tests expect none). */
export async function openPage(
  browser: Browser,
  width = 1366,
  height = 900,
): Promise<{ page: Page; errors: string[] }> {
  // bypassCSP: axe-core is injected as an inline script, which the site's CSP rightly forbids.
  const page = await browser.newPage({ viewport: { width, height }, locale: "de-DE", bypassCSP: true });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  return { page, errors };
}

/**
 * Signs in through the login page and leaves the site in German on the booking page; with
 * `next`, the login opens that page instead (the caller waits for it).
 */
export async function signIn(
  page: Page,
  baseUrl: string,
  username = "anna",
  password = "agent-demo-2026",
  next?: string,
) {
  await page.goto(`${baseUrl}/login${next ? `?next=${next}` : ""}`);
  await page.getByLabel("Benutzername").fill(username);
  await page.getByLabel("Passwort").fill(password);
  await page.getByRole("button", { name: "Anmelden" }).click();
  if (next) return;
  // The switch saves the user's language: a test that ended in English must not leave it so.
  await page.getByRole("heading", { name: /^(Termin buchen|Book an appointment)$/ }).waitFor();
  if (await page.getByRole("heading", { name: "Book an appointment" }).isVisible()) {
    await page.getByRole("button", { name: "Deutsch" }).click();
  }
  await page.getByRole("heading", { name: "Termin buchen" }).waitFor();
}

/** Forward until the week has a free slot (this week may be over already). */
export async function weekWithFreeSlots(page: Page) {
  const free = page.locator(".week-grid button.cell:not([disabled])");
  await page.locator(".week-grid:not([aria-busy='true']), .empty").first().waitFor();
  for (let week = 0; week < 4 && (await free.count()) === 0; week++) {
    await page.getByRole("button", { name: /Nächste Woche/ }).click();
    await page.waitForTimeout(300);
    await page.locator(".week-grid:not([aria-busy='true']), .empty").first().waitFor();
  }
  expect(await free.count()).toBeGreaterThan(0);
}

/** Serious and critical axe-core violations on the page as it is now. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  // A string: these tests are compiled without the DOM types.
  return page.evaluate(`axe.run(document, { resultTypes: ["violations"] }).then((result) =>
    result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => v.id + ": " + v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")))`);
}
