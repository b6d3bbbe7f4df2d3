import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Booking } from "../../shared/contracts/booking.ts";
import { customer, upcomingSlots } from "../support/booking.ts";
import { launchChromium, signIn } from "../support/browser.ts";
import { demoAdmin, signedIn, type TestClient } from "../support/http.ts";

const baseUrl = inject("baseUrl");
const password = "progress-e2e-2026";
const username = `pe2e${randomBytes(3).toString("hex")}`;
let browser: Browser;
let admin: TestClient;
let agent: TestClient;

beforeAll(async () => {
  browser = await launchChromium();
  admin = await signedIn(demoAdmin);
  const created = await admin.request("POST", "/api/admin/users", {
    body: { username, displayName: "Paula Fortschritt", role: "agent", password },
  });
  expect(created.status).toBe(201);
  agent = await signedIn({ username, password });
});

afterAll(async () => {
  await browser?.close();
});

/** Reloads Fortschritt until the provisional points read `expected` (events arrive through the stream). */
async function provisionalPoints(page: Page, expected: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    await page.goto(`${baseUrl}/fortschritt`);
    const text = await page.getByTestId("points-provisional").textContent();
    if (text?.startsWith(`${expected} `)) return;
    if (Date.now() > deadline) throw new Error(`provisional points stayed "${text}", expected ${expected}`);
    await page.waitForTimeout(500);
  }
}

describe("Fortschritt and TV in Chromium", () => {
  it("shows a booking's provisional points; a no-show takes them away", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: "de-DE" });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await signIn(page, baseUrl, username, password);
    await page.getByRole("link", { name: "Fortschritt" }).click();
    await page.getByRole("heading", { name: "Mein Fortschritt" }).waitFor();
    await page.getByText("Noch keine Punkte").waitFor();

    const slot = (await upcomingSlots(agent, 14)).find(
      (candidate) => candidate.free > 0 && candidate.points > 0,
    );
    if (!slot) throw new Error("no free slot");
    const booked = await agent.request<{ booking: Booking }>("POST", "/api/bookings", {
      body: { date: slot.date, time: slot.time, ...customer(username) },
    });
    expect(booked.status).toBe(201);
    const points = booked.body.booking.points;
    expect(points).toBeGreaterThan(0);

    await provisionalPoints(page, points);
    await expect(page.getByTestId("points-total").textContent()).resolves.toBe(String(points));
    await page.screenshot({ path: "test-results/progress-overview.png", fullPage: true });

    const outcome = await admin.request("POST", `/api/bookings/${booked.body.booking.id}/outcome`, {
      body: { outcome: "no_show" },
    });
    expect(outcome.status).toBe(200);
    await provisionalPoints(page, 0);
    await expect(page.getByTestId("points-total").textContent()).resolves.toBe("0");
    await expect(page.getByTestId("points-confirmed").textContent()).resolves.toMatch(/^0 /);

    await page.getByRole("link", { name: "Rangliste" }).click();
    await page.getByLabel("Kategorie").waitFor();
    await page.screenshot({ path: "test-results/progress-leaderboard.png", fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it("renders the TV leaderboard full screen at 1920×1080", async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: "de-DE" });
    await signIn(page, baseUrl, "admin", demoAdmin.password);
    await page.goto(`${baseUrl}/tv`);
    await page.getByTestId("tv").waitFor();
    const rows = page.locator(".tv-row");
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    // The TV covers the whole screen and its rows are large (readable across a room).
    const box = await page.getByTestId("tv").boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 1920, height: 1080 });
    const size = await page.evaluate(
      `parseFloat(getComputedStyle(document.querySelector(".tv-row")).fontSize)`,
    );
    expect(size).toBeGreaterThanOrEqual(48);
    await page.screenshot({ path: "test-results/tv-1920x1080.png" });
    await page.close();
  }, 60_000);
});
