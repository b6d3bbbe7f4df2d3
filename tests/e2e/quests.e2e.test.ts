import { randomUUID } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SlotView } from "../../shared/contracts/booking.ts";
import { upcomingSlots } from "../support/booking.ts";
import { launchChromium, signIn } from "../support/browser.ts";
import { demoAdmin, signedIn, type TestClient } from "../support/http.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;
let admin: TestClient;

beforeAll(async () => {
  browser = await launchChromium();
  admin = await signedIn(demoAdmin);
});

afterAll(async () => {
  await browser?.close();
});

async function freshAgent(): Promise<{ username: string; password: string; client: TestClient }> {
  const username = `e${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const password = "quest-password-123";
  const created = await admin.request("POST", "/api/admin/users", {
    body: { username, displayName: `Quest ${username}`, role: "agent", password },
  });
  expect(created.status).toBe(201);
  return { username, password, client: await signedIn({ username, password }) };
}

describe("quests and the Glücksrad in Chromium", () => {
  it("shows the login reward, quest progress after a booking, and spins the wheel to the server's prize", async () => {
    const agent = await freshAgent();
    const page = await browser.newPage({ viewport: { width: 1280, height: 1100 }, locale: "de-DE" });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await signIn(page, baseUrl, agent.username, agent.password);
    // The daily login reward, once, as a toast after sign-in (a streak of one day is "1 Tag", not "1 Tage").
    await page.getByText("Tägliche Anmelde-Belohnung: +15 Münzen (Serie: 1 Tag)", { exact: true }).waitFor();

    // A booking into a morning slot moves every booking quest but Null Storno.
    const slot = (await upcomingSlots(agent.client)).find((s: SlotView) => s.free > 0 && s.time < "11:00");
    if (!slot) throw new Error("no free morning slot");
    const booked = await agent.client.request("POST", "/api/bookings", {
      body: {
        date: slot.date,
        time: slot.time,
        firstName: "Erika",
        lastName: "Quest",
        phone: "+49 171 7654321",
      },
    });
    expect(booked.status).toBe(201);
    // The booking's points and badges (their coins) arrive through the stream: wait until they have.
    const balance = async () =>
      (await agent.client.request<{ balance: { coins: number } }>("GET", "/api/gamification/wheel")).body
        .balance.coins;
    let coins = await balance();
    for (let settled = 0, tries = 0; settled < 2 && tries < 60; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const again = await balance();
      settled = again === coins && coins > 15 ? settled + 1 : 0;
      coins = again;
    }

    await page.goto(`${baseUrl}/fortschritt/quests`);
    await page.getByRole("heading", { name: "Tägliche Quests" }).waitFor();
    const quests = page.locator("li.quest");
    await expect.poll(() => quests.count()).toBe(4);
    await page.getByTestId("quest-multiplier").waitFor();
    const progress = await page.getByTestId("quest-progress").allTextContents();
    const bookingQuests = await page
      .locator("li.quest[data-quest]")
      .evaluateAll((items) => items.map((item) => item.getAttribute("data-quest")));
    const moved = bookingQuests
      .map((id, index) => ({ id, text: progress[index] ?? "" }))
      .filter(
        ({ id }) =>
          id !== "null-storno" &&
          ["buchungs-blitz", "doppel-slot", "voller-tag", "berater-vielfalt", "morgen-rush"].includes(
            id ?? "",
          ),
      );
    expect(moved.length).toBeGreaterThan(0);
    for (const quest of moved) expect(quest.text, quest.id ?? "").toMatch(/^1 von \d+$/);
    // Signing in completed "Dranbleiben" if it was drawn: its claim button is enabled.
    const keep = page.locator('li.quest[data-quest="streak-halten"] button');
    if ((await keep.count()) > 0) await expect.poll(() => keep.isEnabled()).toBe(true);

    // The wheel: the login reward's 15 coins and the first booking's badge pay one spin of 10.
    await page.getByTestId("wheel-balance").getByText(`${coins} Münzen`).waitFor();
    const spinButton = page.getByRole("button", { name: "Für 10 Münzen drehen" });
    await spinButton.focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("wheel-result").getByText("Ergebnis:").waitFor({ timeout: 15_000 });
    const result = await page.getByTestId("wheel-result").textContent();
    const wheel = await agent.client.request<{ spins: { label: string }[] }>(
      "GET",
      "/api/gamification/wheel",
    );
    expect(wheel.body.spins).toHaveLength(1);
    expect(result).toContain(wheel.body.spins[0]?.label ?? "?");
    await page.screenshot({ path: "test-results/quests-wheel.png", fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it("respects reduced motion and sets, shows and deletes a personal goal", async () => {
    const agent = await freshAgent();
    const page = await browser.newPage({
      viewport: { width: 1280, height: 1000 },
      locale: "de-DE",
      reducedMotion: "reduce",
    });
    await signIn(page, baseUrl, agent.username, agent.password);
    await page.goto(`${baseUrl}/fortschritt/quests`);
    await page.getByRole("button", { name: "Für 10 Münzen drehen" }).click();
    // No animation: the result is there almost at once.
    await page.getByTestId("wheel-result").getByText("Ergebnis:").waitFor({ timeout: 2_000 });
    const style = await page.locator(".wheel-disc").getAttribute("style");
    expect(style).toContain("transition: none");

    await page.goto(`${baseUrl}/fortschritt/ziele`);
    await page.getByRole("heading", { name: "Neues Ziel" }).waitFor();
    await page.getByLabel("Vorlage").selectOption("weeklyBookings");
    await page.getByLabel("Zielwert").fill("200");
    await page.getByRole("button", { name: "Ziel setzen" }).click();
    await page.getByText("Das Ziel muss zwischen 5 und 100 liegen.").waitFor();
    await page.getByLabel("Zielwert").fill("5");
    await page.getByRole("button", { name: "Ziel setzen" }).click();
    const goal = page.locator('li.goal[data-goal="weeklyBookings"]');
    await goal.waitFor();
    await expect.poll(() => goal.getByTestId("goal-value").textContent()).toBe("0 von 5");
    await page.screenshot({ path: "test-results/goals.png", fullPage: true });
    await goal.getByRole("button", { name: /Ziel löschen/ }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Löschen" }).click();
    await page.getByText("Noch keine Ziele.", { exact: false }).waitFor();
    await page.close();
  }, 240_000);
});
