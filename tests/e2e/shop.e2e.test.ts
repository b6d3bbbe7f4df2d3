import { randomUUID } from "node:crypto";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, signIn } from "../support/browser.ts";
import { demoAdmin, signedIn } from "../support/http.ts";

/**
 * The shop in Chromium: a fresh agent with coins buys and wears a theme (the
 * site's computed colours change), an avatar shows next to the name, and a
 * booking brings confetti unless the system asks for reduced motion.
 */
const baseUrl = inject("baseUrl");
let browser: Browser;
let ledger: typeof import("../../shared/data/gamification/ledger-repository.ts");

beforeAll(async () => {
  browser = await launchChromium();
  process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
  process.env.S3_ENDPOINT = inject("s3Endpoint");
  ledger = await import("../../shared/data/gamification/ledger-repository.ts");
});

afterAll(async () => {
  await browser?.close();
});

/** A new agent with at least `coins` coins (a season may add a bonus to the credit). */
async function agentWithCoins(coins: number) {
  const admin = await signedIn(demoAdmin);
  const username = `shope2e${randomUUID().slice(0, 6)}`;
  const password = "shop-e2e-password-1";
  const created = await admin.request("POST", "/api/admin/users", {
    body: { username, displayName: "Shop Tester", role: "agent", password },
  });
  expect(created.status).toBe(201);
  await ledger.applyLedgerEntry({
    username,
    eventKey: `test:e2e:${username}`,
    occurredAt: new Date().toISOString(),
    kind: "quest",
    coins,
  });
  return { username, password };
}

async function newPage(options: BrowserContextOptions = {}): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    locale: "de-DE",
    ...options,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  return { page, errors };
}

/** The colours the visitor sees, as computed by the browser. */
function colours(page: Page) {
  return page.evaluate(`(() => {
    const style = (selector) => { const el = document.querySelector(selector); return el ? getComputedStyle(el) : undefined; };
    return {
      page: getComputedStyle(document.documentElement).backgroundColor,
      header: style(".topbar")?.backgroundImage,
      primary: getComputedStyle(document.documentElement).getPropertyValue("--primary").trim(),
      text: getComputedStyle(document.documentElement).color,
      free: getComputedStyle(document.documentElement).getPropertyValue("--free").trim(),
    };
  })()`) as Promise<Record<string, string>>;
}

async function buy(page: Page, name: string) {
  await page.getByRole("button", { name: `${name} kaufen` }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByText(`„${name}“`).waitFor();
  await dialog.getByRole("button", { name: "Kaufen" }).click();
  await page.getByText(`„${name}“ gekauft.`).first().waitFor();
}

async function bookAnySlot(page: Page) {
  await page.goto(`${baseUrl}/`);
  const freeCell = page.locator(".week-grid button.cell:not([disabled])");
  await page.locator(".week-grid:not([aria-busy='true']), .empty").first().waitFor();
  for (let week = 0; week < 4 && (await freeCell.count()) === 0; week++) {
    await page.getByRole("button", { name: /Nächste Woche/ }).click();
    await page.waitForTimeout(300);
    await page.locator(".week-grid:not([aria-busy='true']), .empty").first().waitFor();
  }
  await freeCell.first().click();
  const form = page.getByRole("dialog");
  await form.getByLabel("Vorname").fill("Konfetti");
  await form.getByLabel("Nachname").fill(`Kundin-${Date.now()}`);
  await form.getByLabel("Telefon").fill(`0171 ${String(Date.now()).slice(-7)}`);
  await form.getByRole("button", { name: "Verbindlich buchen" }).click();
  await form.getByRole("heading", { name: "Termin gebucht" }).waitFor();
}

describe("shop in Chromium", () => {
  it("buys and wears a theme: the whole site's colours change, and stay after a reload", async () => {
    const user = await agentWithCoins(1000);
    const { page, errors } = await newPage();
    await signIn(page, baseUrl, user.username, user.password);
    const before = await colours(page);
    await page.goto(`${baseUrl}/fortschritt/shop`);
    await page.getByRole("heading", { name: "Shop", level: 2 }).waitFor();
    await expect.poll(async () => page.getByTestId("shop-balance").textContent()).toMatch(/\d/);

    // A locked item says why and cannot be bought.
    const centurion = page.locator('[data-item="frame-centurion"]');
    await expect.poll(async () => centurion.textContent()).toContain("Gesperrt: 100 Buchungen insgesamt");
    expect(await centurion.getByRole("button", { name: /kaufen/ }).isDisabled()).toBe(true);

    await buy(page, "Smaragd");
    const emerald = page.locator('[data-item="theme-emerald"]');
    await emerald.getByRole("button", { name: "Anlegen" }).click();
    await expect.poll(() => page.evaluate("document.documentElement.dataset.theme")).toBe("emerald");
    const after = await colours(page);
    expect(after.page).not.toBe(before.page);
    expect(after.header).not.toBe(before.header);
    expect(after.primary).not.toBe(before.primary);
    expect(after.free).not.toBe(before.free);
    expect(after.header).toContain("rgb(6, 78, 59)");

    await buy(page, "Katze");
    await page.locator('[data-item="avatar-cat"]').getByRole("button", { name: "Anlegen" }).click();
    await expect.poll(async () => page.getByTestId("identity").textContent()).toContain("🐱");
    await page.screenshot({ path: "test-results/e2e-shop-emerald.png", fullPage: false });

    // The week grid too, and the theme is there right after a reload.
    await page.goto(`${baseUrl}/`);
    expect(await page.evaluate("document.documentElement.dataset.theme")).toBe("emerald");
    await page.locator(".week-grid:not([aria-busy='true'])").waitFor();
    await page.screenshot({ path: "test-results/e2e-shop-emerald-week.png" });

    // Back to the standard theme: the standard colours return.
    await page.goto(`${baseUrl}/fortschritt/shop`);
    await page.locator('[data-item="theme-standard"]').getByRole("button", { name: "Anlegen" }).click();
    await expect.poll(() => page.evaluate("document.documentElement.dataset.theme ?? null")).toBe(null);
    expect((await colours(page)).page).toBe(before.page);
    expect(errors).toEqual([]);
  }, 240_000);

  it("throws confetti after a booking", async () => {
    const user = await agentWithCoins(0);
    const { page, errors } = await newPage();
    await signIn(page, baseUrl, user.username, user.password);
    await bookAnySlot(page);
    await page.locator(".effects-layer.confetti .confetti-piece").first().waitFor({ timeout: 5000 });
    await page.screenshot({ path: "test-results/e2e-shop-confetti.png" });
    expect(errors).toEqual([]);
  }, 180_000);

  it("throws no confetti when the system asks for reduced motion", async () => {
    const user = await agentWithCoins(0);
    const { page, errors } = await newPage({ reducedMotion: "reduce" });
    await signIn(page, baseUrl, user.username, user.password);
    await bookAnySlot(page);
    await page.waitForTimeout(1500);
    expect(await page.locator(".effects-layer").count()).toBe(0);
    expect(errors).toEqual([]);
  }, 180_000);
});
