import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Booking } from "../../shared/contracts/booking.ts";
import { upcomingSlots } from "../support/booking.ts";
import { axeViolations, launchChromium, openPage, signIn } from "../support/browser.ts";
import { demoAgent, signedIn } from "../support/http.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function openMine(page: Page) {
  await signIn(page, baseUrl, "anna");
  await page.getByRole("navigation").getByRole("link", { name: "Meine Termine" }).click();
  // A busy machine may take a while for the page's chunk and first page; an error box fails at once.
  await page.locator("ul.bookings, .empty, .notice.error").first().waitFor({ timeout: 60_000 });
  expect(await page.locator(".notice.error").allTextContents()).toEqual([]);
}

const rows = (page: Page) => page.locator("li.booking");
const filters = (page: Page) => page.getByRole("form", { name: "Termine filtern" });

describe("Meine Termine at scale in Chromium", () => {
  it("loads the past one page at a time with Weitere laden, by keyboard, keeping the focus on the new rows", async () => {
    const { page, errors } = await openPage(browser);
    await openMine(page);
    await filters(page).getByLabel("Zeitraum").selectOption("past");
    await page.getByRole("heading", { name: "Vergangen", level: 2 }).waitFor();
    await expect.poll(() => rows(page).count()).toBe(25);
    const status = page.locator(".load-more [role=status]");
    expect(await status.textContent()).toBe("Geladen: 25");
    // Latest first.
    const when = await rows(page).evaluateAll((items) =>
      items.map((item) => item.getAttribute("data-booking")),
    );
    expect(new Set(when).size).toBe(25);

    const more = page.getByRole("button", { name: "Weitere laden" });
    await more.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => rows(page).count()).toBe(50);
    expect(await status.textContent()).toBe("Geladen: 50");
    // Focus moved to the first booking of the new page, not to the top of the page.
    const focused = await page.evaluate("document.activeElement?.getAttribute('data-booking') ?? ''");
    const ids = await rows(page).evaluateAll((items) =>
      items.map((item) => item.getAttribute("data-booking")),
    );
    expect(new Set(ids).size).toBe(50);
    // A row of the new page (rows are grouped, so a new one may sit among the first page's in the list).
    expect(ids).toContain(focused);
    expect(when).not.toContain(focused);
    await page.screenshot({ path: "test-results/e2e-my-bookings-more.png", fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it("filters by outcome and finds a customer by name or phone, with an empty state per filter", async () => {
    const agent = await signedIn(demoAgent);
    const lastName = `Filterkunde${Date.now().toString(36)}`;
    const slot = (await upcomingSlots(agent, 21)).find((candidate) => candidate.free > 0);
    if (!slot) throw new Error("no free slot");
    const created = await agent.request<{ booking: Booking }>("POST", "/api/bookings", {
      body: { date: slot.date, time: slot.time, firstName: "Ottilie", lastName, phone: "+49 171 5550199" },
    });
    expect(created.status).toBe(201);

    const { page, errors } = await openPage(browser);
    await openMine(page);
    const form = filters(page);
    // No-shows of the past: every row says so.
    await form.getByLabel("Zeitraum").selectOption("past");
    await form.getByLabel("Ergebnis").selectOption("no_show");
    await expect
      .poll(async () => (await rows(page).locator(".badge[class*='outcome-']").allTextContents()).join("|"))
      .toMatch(/^(Nicht erschienen|Ghost)(\|(Nicht erschienen|Ghost))*$/);
    await page.screenshot({ path: "test-results/e2e-my-bookings-no-show.png", fullPage: true });

    // Appeared among the upcoming: usually none (the empty state names the filter), but other test
    // files may set an outcome on one of anna's bookings of today; then every row says "Erschienen".
    await form.getByLabel("Zeitraum").selectOption("upcoming");
    await form.getByLabel("Ergebnis").selectOption("appeared");
    const emptyOutcome = page.getByText("Keine Termine mit dem Ergebnis „Erschienen“ in diesem Zeitraum.");
    await expect
      .poll(async () =>
        (await emptyOutcome.count()) > 0
          ? "empty"
          : (await rows(page).locator(".badge[class*='outcome-']").allTextContents()).every(
                (text) => text === "Erschienen",
              ) && (await rows(page).count()) > 0
            ? "appeared only"
            : "mixed",
      )
      .toMatch(/^(empty|appeared only)$/);
    await form.getByRole("button", { name: "Filter zurücksetzen" }).click();
    await expect.poll(() => rows(page).count()).toBeGreaterThan(0);

    const search = form.getByLabel("Kunde suchen");
    await search.fill(lastName.toLowerCase().slice(0, 14));
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(await rows(page).first().getAttribute("data-booking")).toBe(created.body.booking.id);
    await search.fill("0171 5550199");
    await expect.poll(() => rows(page).allTextContents()).toEqual([expect.stringContaining(lastName)]);
    await page.screenshot({ path: "test-results/e2e-my-bookings-search.png", fullPage: true });
    await search.fill("Niemand Xyzzy");
    await page.getByText("Kein Termin zu „Niemand Xyzzy“ gefunden.").waitFor();
    await page.screenshot({ path: "test-results/e2e-my-bookings-empty.png", fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // The found booking is cancelled from the list: it moves to "Storniert" in place.
    await search.fill(lastName);
    const row = page.locator(`li.booking[data-booking="${created.body.booking.id}"]`);
    await row.getByRole("button", { name: /^Stornieren:/ }).click();
    await page.getByRole("button", { name: "Ja, stornieren" }).click();
    await page
      .locator("h2", { hasText: "Storniert" })
      .locator("xpath=following-sibling::ul[1]")
      .locator(`li.booking[data-booking="${created.body.booking.id}"]`)
      .waitFor();
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
