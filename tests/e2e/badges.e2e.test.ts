import { randomUUID } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, signIn } from "../support/browser.ts";
import { demoAdmin, signedIn } from "../support/http.ts";

/**
 * The Abzeichen and Prestige & Meisterschaft tabs in Chromium, for a fresh
 * agent with a few badges awarded through the real awarding code.
 */
const baseUrl = inject("baseUrl");
let browser: Browser;
let ledger: typeof import("../../shared/data/gamification/ledger-repository.ts");
let achievements: typeof import("../../shared/gamification/achievements.ts");
let catalogue: typeof import("../../shared/domain/gamification/catalogue/badges.ts");

beforeAll(async () => {
  browser = await launchChromium();
  process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
  process.env.S3_ENDPOINT = inject("s3Endpoint");
  ledger = await import("../../shared/data/gamification/ledger-repository.ts");
  achievements = await import("../../shared/gamification/achievements.ts");
  catalogue = await import("../../shared/domain/gamification/catalogue/badges.ts");
});

afterAll(async () => {
  await browser?.close();
});

const offSeason = "2026-06-01T10:00:00.000Z";

async function newAgent() {
  const admin = await signedIn(demoAdmin);
  const username = `badgee2e${randomUUID().slice(0, 6)}`;
  const password = "badges-e2e-password-1";
  const created = await admin.request("POST", "/api/admin/users", {
    body: { username, displayName: "Badge Tester", role: "agent", password },
  });
  expect(created.status).toBe(201);
  return { username, password };
}

describe("badges pages", () => {
  it("shows earned and locked badges by rarity, with progress toward the next", async () => {
    const agent = await newAgent();
    for (const id of ["first-booking", "day-10", "streak-2"]) {
      await achievements.awardBadge(agent.username, catalogue.badgesById.get(id)!, offSeason);
    }
    await achievements.awardBadge(
      agent.username,
      catalogue.badgesById.get("mvp-week")!,
      offSeason,
      "2026-W22",
    );

    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "de-DE" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await signIn(page, baseUrl, agent.username, agent.password);
    await page.goto(`${baseUrl}/fortschritt/abzeichen`);
    await page.getByRole("heading", { name: "Abzeichen", level: 2 }).waitFor();
    await page.getByText(/4 von \d+ Abzeichen verdient/).waitFor();

    // One section per rarity, each headed by its name.
    for (const rarity of ["Gewöhnlich", "Ungewöhnlich", "Selten", "Episch", "Legendär", "Mythisch"]) {
      expect(await page.getByRole("heading", { name: new RegExp(rarity), level: 3 }).count()).toBe(1);
    }
    const earned = page.locator('[data-badge="first-booking"]');
    await expect.poll(() => earned.getAttribute("class")).toContain("earned");
    expect(await earned.textContent()).toContain("Erste Buchung");
    expect(await earned.textContent()).toContain("Verdient am");
    const locked = page.locator('[data-badge="day-20"]');
    expect(await locked.getAttribute("class")).toContain("locked");
    expect(await locked.textContent()).toContain("Noch gesperrt");
    expect(await locked.locator("progress").count()).toBe(1);
    expect(await page.locator('[data-badge="mvp-week"]').textContent()).toContain("Verdient am");
    // "Als Nächstes": a progress bar per category with something left.
    await page.getByRole("heading", { name: "Als Nächstes" }).waitFor();
    expect(await page.locator(".badges-next progress").count()).toBeGreaterThan(5);

    // Rarity chips: black text on the rarity colour (≥ 4.5:1, computed in the unit test).
    const chip = (await page.evaluate(`(() => {
      const style = getComputedStyle(document.querySelector(".rarity-chip"));
      return { color: style.color, background: style.backgroundColor };
    })()`)) as { color: string; background: string };
    expect(chip).toEqual({ color: "rgb(0, 0, 0)", background: "rgb(16, 185, 129)" });

    await page.screenshot({ path: "test-results/badges.png", fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it("prestige asks before it acts and is keyboard usable; mastery tracks are listed", async () => {
    const agent = await newAgent();
    await ledger.applyLedgerEntry({
      username: agent.username,
      eventKey: `test:e2e-xp:${agent.username}`,
      occurredAt: offSeason,
      kind: "goal",
      xp: 8_100, // level 10
    });
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "de-DE" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await signIn(page, baseUrl, agent.username, agent.password);
    await page.goto(`${baseUrl}/fortschritt/prestige`);
    await page.getByRole("heading", { name: "Prestige & Meisterschaft", level: 2 }).waitFor();
    await page.getByText("Sie können jetzt die nächste Stufe nehmen.").waitFor();
    expect(await page.locator(".mastery-track").count()).toBe(5);
    await page.getByText("Buchungs-Meister").waitFor();

    const button = page.getByRole("button", { name: "Jetzt Prestige" });
    await button.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("Level (10)");
    await page.screenshot({ path: "test-results/prestige-confirm.png" });
    // Cancelling changes nothing.
    await dialog.getByRole("button", { name: "Abbrechen" }).click();
    await dialog.waitFor({ state: "detached" });
    expect((await ledger.getAccount(agent.username)).prestigeTier).toBe(0);

    await button.click();
    await page.getByRole("dialog").getByRole("button", { name: "Jetzt Prestige" }).click();
    await page.getByText("Willkommen in Prestige I!").waitFor();
    await page.getByText("XP-Bonus: +10 %").waitFor();
    expect((await ledger.getAccount(agent.username)).prestigeTier).toBe(1);
    await page.screenshot({ path: "test-results/prestige.png", fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
