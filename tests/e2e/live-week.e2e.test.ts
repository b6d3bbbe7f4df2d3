import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { availabilityPollMs } from "../../frontend/src/live/intervals.ts";
import type { SlotView } from "../../shared/contracts/booking.ts";
import { customer } from "../support/booking.ts";
import { launchChromium, openPage, signIn, weekWithFreeSlots } from "../support/browser.ts";
import { demoAgent, signedIn } from "../support/http.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

const weekTitle = (page: Page) => page.getByTestId("week-title").textContent();

/** Pretends the tab was hidden or shown again (as switching tabs does). */
async function setVisibility(page: Page, state: "hidden" | "visible") {
  await page.evaluate(`Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "${state}" });
    document.dispatchEvent(new Event("visibilitychange"));`);
}

describe("the week view live", () => {
  it("shows a slot full on a second agent's screen without a reload once the first books its last place", async () => {
    const first = await openPage(browser);
    const second = await openPage(browser);
    // The pages' clocks run as usual but can be moved on by a poll interval, so the test waits for
    // what a check does, not for the interval itself.
    await first.page.clock.install();
    await second.page.clock.install();
    await signIn(first.page, baseUrl, "anna");
    await signIn(second.page, baseUrl, "max");
    await weekWithFreeSlots(first.page);
    const title = await weekTitle(first.page);
    for (let step = 0; step < 4 && (await weekTitle(second.page)) !== title; step++) {
      await second.page.getByRole("button", { name: /Nächste Woche/ }).click();
      await second.page.locator(".week-grid:not([aria-busy='true'])").waitFor();
    }
    expect(await weekTitle(second.page)).toBe(title);

    // The first free slot: all but one of its places go through the API, the last one through anna's screen.
    const key =
      (await first.page
        .locator(".week-grid button.cell:not([disabled])")
        .first()
        .getAttribute("data-slot")) ?? "";
    const [date, time] = key.split(" ");
    const anna = await signedIn(demoAgent);
    const { body } = await anna.request<{ slots: SlotView[] }>("GET", `/api/availability?date=${date}`);
    const slot = body.slots.find((candidate) => candidate.time === time);
    if (!slot) throw new Error(`slot ${key} not found`);
    for (let place = 1; place < slot.free; place++) {
      const booked = await anna.request("POST", "/api/bookings", {
        body: { date, time, ...customer(`live${place}`) },
      });
      expect(booked.status).toBe(201);
    }

    const cell = (page: Page) => page.locator(`.week-grid button.cell[data-slot="${key}"]`);
    // max's page: never reloaded (a marker in the window survives), unchanged checks answer 304.
    await second.page.evaluate("window.liveMarker = 42");
    const statuses: number[] = [];
    second.page.on("response", (response) => {
      if (response.url().includes("/api/availability")) statuses.push(response.status());
    });
    // anna's grid catches up with her API bookings by itself at its next check: one place left.
    await first.page.clock.fastForward(availabilityPollMs);
    await expect.poll(() => cell(first.page).textContent()).toMatch(/: 1 von/);
    await cell(first.page).click();
    const dialog = first.page.getByRole("dialog");
    await dialog.getByLabel("Vorname").fill("Lotte");
    await dialog.getByLabel("Nachname").fill(`Live-${Date.now().toString(36)}`);
    await dialog.getByLabel("Telefon").fill("0221 5550100");
    await dialog.getByRole("button", { name: "Verbindlich buchen" }).click();
    await dialog.getByRole("heading", { name: "Termin gebucht" }).waitFor();
    // max's next check, one interval on, shows it full.
    await second.page.clock.fastForward(availabilityPollMs);
    const checkedAt = Date.now();
    await cell(second.page).and(second.page.locator(".full")).waitFor({ timeout: 10_000 });
    const seenAfterMs = Date.now() - checkedAt;
    expect(await cell(second.page).isDisabled()).toBe(true);
    expect(await cell(second.page).textContent()).toContain("Ausgebucht");
    expect(await second.page.evaluate("window.liveMarker")).toBe(42);
    expect(statuses).toContain(200);
    // Nothing changes now: the next check costs a 304 and no body.
    await second.page.clock.fastForward(availabilityPollMs);
    await expect.poll(() => statuses.at(-1)).toBe(304);
    await cell(second.page).scrollIntoViewIfNeeded();
    await second.page.screenshot({ path: "test-results/e2e-live-week-full.png" });
    console.log(
      `live week: max saw the slot full at his next check (every ${availabilityPollMs} ms), ${seenAfterMs} ms after it began`,
    );

    // A hidden tab asks nothing; shown again, it checks at once.
    await setVisibility(second.page, "hidden");
    await second.page.waitForTimeout(500);
    const before = statuses.length;
    await second.page.clock.fastForward(availabilityPollMs * 3);
    await second.page.waitForTimeout(1_000);
    expect(statuses.length).toBe(before);
    await setVisibility(second.page, "visible");
    await expect.poll(() => statuses.length, { timeout: 5_000 }).toBeGreaterThan(before);

    expect(first.errors).toEqual([]);
    expect(second.errors).toEqual([]);
    await first.page.close();
    await second.page.close();
  }, 180_000);
});
