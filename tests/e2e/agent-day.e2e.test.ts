import type { Browser } from "playwright-core";
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

describe("the agent's day in Chromium", () => {
  it("keeps the last good week (stale) when a week fails, and recovers by itself", async () => {
    const { page, errors } = await openPage(browser);
    let mode: "pass" | "503" | "drop" = "pass";
    await page.route("**/api/availability?*", (route) => {
      if (mode === "503")
        return route.fulfill({
          status: 503,
          contentType: "application/json",
          body: JSON.stringify({ error: { code: "unavailable", message: "HTTP 503" } }),
        });
      if (mode === "drop") return route.abort("connectionreset");
      return route.continue();
    });
    await signIn(page, baseUrl);
    await page.locator(".week-grid:not([aria-busy='true'])").waitFor();
    const title = page.getByTestId("week-title");
    const goodWeek = (await title.textContent()) ?? "";
    const cells = await page.locator(".week-grid .cell").count();
    expect(cells).toBeGreaterThan(0);

    mode = "503";
    await page.getByRole("button", { name: /Nächste Woche/ }).click();
    const failed = page.getByTestId("load-failed");
    await failed.waitFor();
    expect(await failed.textContent()).toMatch(/konnte nicht geladen werden/);
    await failed.getByRole("button", { name: "Erneut versuchen" }).waitFor();
    // The last good week stays, named as what it is and marked stale.
    expect(await title.textContent()).toBe(goodWeek);
    expect(await page.locator(".week-grid .cell").count()).toBe(cells);
    expect(await page.getByTestId("stale-note").textContent()).toMatch(/^Stand: \d\d:\d\d – nicht aktuell$/);
    expect(await page.locator(".week-grid.stale").count()).toBe(1);
    await page.screenshot({ path: "test-results/e2e-book-stale.png" });

    // A dropped connection on the next step: the buttons still work.
    mode = "drop";
    await page.getByRole("button", { name: /Nächste Woche/ }).click();
    await expect.poll(async () => (await failed.textContent()) ?? "").toMatch(/erreichbar/);
    await page.getByRole("button", { name: "Heute" }).click();
    await expect.poll(async () => (await failed.textContent()) ?? "").toMatch(/erreichbar/);

    // The server is back: the page recovers without a click and without a reload.
    mode = "pass";
    await failed.waitFor({ state: "hidden", timeout: 20_000 });
    expect(await page.getByTestId("stale-note").count()).toBe(0);
    expect(await title.textContent()).toBe(goodWeek);

    // After a failure the retry button loads the week asked for.
    mode = "503";
    await page.getByRole("button", { name: /Nächste Woche/ }).click();
    await failed.waitFor();
    mode = "pass";
    await failed.getByRole("button", { name: "Erneut versuchen" }).click();
    await failed.waitFor({ state: "hidden" });
    expect(await title.textContent()).not.toBe(goodWeek);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows an error with a retry when the first load fails, never an endless skeleton", async () => {
    const { page, errors } = await openPage(browser);
    let fail = true;
    await page.route("**/api/availability?*", (route) =>
      fail ? route.fulfill({ status: 503, body: "" }) : route.continue(),
    );
    await signIn(page, baseUrl);
    const failed = page.getByTestId("load-failed");
    await failed.waitFor();
    expect(await page.locator(".skeleton").count()).toBe(0);
    fail = false;
    await failed.getByRole("button", { name: "Erneut versuchen" }).click();
    await page.locator(".week-grid, .empty").first().waitFor();
    expect(await failed.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("lists the best free slots (most points, then soonest), opens them like a cell, tabs day by day", async () => {
    const { page, errors } = await openPage(browser);
    await signIn(page, baseUrl);
    await weekWithFreeSlots(page);
    const strip = page.getByTestId("best-slots").locator("button");
    const entries = await page.evaluate(
      `[...document.querySelectorAll("[data-testid=best-slots] button")].map((b) => [b.dataset.slot, Number(b.querySelector(".points-badge").textContent.match(/\\d+/)[0])])`,
    );
    const list = entries as [string, number][];
    expect(list.length).toBeGreaterThan(0);
    const sorted = [...list].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    expect(list).toEqual(sorted);
    // Every bookable cell with more points than the strip's last entry is in the strip.
    const cellPoints = await page
      .locator(".week-grid button.cell:not([disabled]) .cell-points")
      .allTextContents();
    const best = Math.max(...cellPoints.map((text) => Number(/\d+/.exec(text)?.[0])));
    expect(list[0]?.[1]).toBe(best);

    // Clicking a strip entry opens the booking dialog for exactly that slot.
    const [slotKey] = list[0] ?? [""];
    const [, time] = slotKey.split(" ");
    await strip.first().click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("heading", { name: new RegExp(`um ${time} Uhr`) }).waitFor();
    await dialog.getByRole("button", { name: "Schließen" }).click();
    await dialog.waitFor({ state: "hidden" });
    // Focus is back where the action started.
    await expect.poll(() => page.evaluate("document.activeElement?.dataset?.slot")).toBe(slotKey);

    // Tab goes through one day's slots before the next day's.
    await page.locator(".week-grid button.cell:not([disabled])").first().focus();
    const order: [number, number][] = [];
    for (let step = 0; step < 8; step++) {
      const at = (await page.evaluate(
        `(() => { const e = document.activeElement; return e?.dataset?.col === undefined ? null : [Number(e.dataset.col), Number(e.dataset.row)]; })()`,
      )) as [number, number] | null;
      if (!at) break;
      order.push(at);
      await page.keyboard.press("Tab");
    }
    expect(order.length).toBeGreaterThan(1);
    expect(order).toEqual([...order].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("has no serious or critical axe-core violations on the booking page, in German and English", async () => {
    const { page, errors } = await openPage(browser);
    await signIn(page, baseUrl);
    await weekWithFreeSlots(page);
    expect(await page.title()).toBe("Termin buchen – Slot-Booking");
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { name: "Book an appointment" }).waitFor();
    expect(await page.title()).toBe("Book an appointment – Slot-Booking");
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Deutsch" }).click();
    await page.getByRole("heading", { name: "Termin buchen" }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("folds the navigation behind a menu button at 390 px (44 px targets); screenshots at 390 and 1366 px", async () => {
    for (const [lang, button] of [
      ["de", "Deutsch"],
      ["en", "English"],
    ] as const) {
      for (const width of [390, 1366]) {
        const { page, errors } = await openPage(browser, width, 844);
        await signIn(page, baseUrl);
        await page.getByRole("button", { name: button }).click();
        await page.locator(".week-grid:visible, .day-list:visible, .empty").first().waitFor();
        await page.waitForTimeout(300);
        const menu = page.locator("button.menu-toggle");
        if (width === 390) {
          expect(await menu.getAttribute("aria-expanded")).toBe("false");
          // The day list replaces the week grid on a phone.
          expect(await page.locator(".week-grid").isVisible()).toBe(false);
          expect(await page.locator(".day-list").isVisible()).toBe(true);
          const mine = page.getByRole("link", { name: lang === "de" ? "Meine Termine" : "My appointments" });
          expect(await mine.isVisible()).toBe(false);
          await page.screenshot({ path: `test-results/e2e-book-${width}-${lang}.png`, fullPage: true });
          await menu.click();
          expect(await menu.getAttribute("aria-expanded")).toBe("true");
          expect(await mine.isVisible()).toBe(true);
          // Every control in the header is at least 44 px tall.
          const heights = await page.evaluate(
            `[...document.querySelectorAll("header.topbar button, header.topbar nav a")].filter((e) => e.offsetParent !== null).map((e) => e.getBoundingClientRect().height)`,
          );
          expect(Math.min(...(heights as number[]))).toBeGreaterThanOrEqual(44);
          await page.screenshot({ path: `test-results/e2e-book-${width}-${lang}-menu.png` });
          await mine.click();
          await page.waitForURL(/\/termine$/);
          expect(await menu.getAttribute("aria-expanded")).toBe("false");
          await expect
            .poll(() => page.title())
            .toBe(lang === "de" ? "Meine Termine – Slot-Booking" : "My appointments – Slot-Booking");
        } else {
          expect(await menu.isVisible()).toBe(false);
          await page.screenshot({ path: `test-results/e2e-book-${width}-${lang}.png`, fullPage: true });
        }
        // Back to German: the switch is saved for the user, and later tests sign in as anna.
        await page.getByRole("button", { name: "Deutsch" }).click();
        await page.waitForTimeout(300);
        expect(errors).toEqual([]);
        await page.close();
      }
    }
  });

  it("lets a toast be dismissed, keeps it off the main action; the skip link moves focus; audit tab in sentences", async () => {
    const { page, errors } = await openPage(browser);
    await signIn(page, baseUrl, "admin", "admin-demo-2026");
    // The skip link takes focus to the content.
    await page.locator(".skip-link").focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate("document.activeElement?.id")).toBe("main");

    await page.getByRole("link", { name: "Verwaltung" }).click();
    await expect.poll(() => page.title()).toBe("Verwaltung – Slot-Booking");
    const username = `toast${Date.now().toString(36)}`;
    await page.getByLabel("Benutzername").fill(username);
    await page.getByLabel("Name", { exact: true }).fill("Toast Test");
    await page.getByLabel("Startpasswort").fill("toast-password-123");
    const create = page.getByRole("button", { name: "Benutzer anlegen" });
    await create.click();
    const toast = page.getByTestId("toast").filter({ hasText: "Toast Test" });
    await toast.waitFor();
    const [box, action] = [await toast.boundingBox(), await create.boundingBox()];
    const overlaps =
      box &&
      action &&
      box.x < action.x + action.width &&
      action.x < box.x + box.width &&
      box.y < action.y + action.height &&
      action.y < box.y + box.height;
    expect(overlaps).toBe(false);
    // Still there after 6 s: long enough to read.
    await page.waitForTimeout(6_200);
    expect(await toast.isVisible()).toBe(true);
    await toast.getByRole("button", { name: "Meldung schließen" }).click();
    await toast.waitFor({ state: "hidden" });

    await page.getByRole("tab", { name: "Protokoll" }).click();
    const created = page.locator('tr[data-action="user.created"]').filter({ hasText: username }).first();
    await created.waitFor();
    expect(await created.locator(".audit-text").textContent()).toMatch(
      new RegExp(`\\(admin\\) hat den Benutzer Toast Test \\(${username}\\) angelegt`),
    );
    await page.getByLabel("Aktion").selectOption("login");
    await page.getByRole("button", { name: "Filtern" }).click();
    // The unfiltered list holds login rows too: wait until every row shown is one.
    await expect
      .poll(async () => {
        const actions = (await page.evaluate(
          `[...document.querySelectorAll("tbody tr[data-action]")].map((row) => row.dataset.action)`,
        )) as string[];
        return actions.length > 0 && actions.every((action) => action.startsWith("login."));
      })
      .toBe(true);
    await page.screenshot({ path: "test-results/e2e-admin-audit.png", fullPage: true });
    // A tab's own URL opens it after a full load.
    await page.goto(`${baseUrl}/verwaltung/jobs`);
    await expect
      .poll(() => page.getByRole("tab", { name: "Jobs" }).getAttribute("aria-selected"), { timeout: 15_000 })
      .toBe("true");
    expect(errors).toEqual([]);
    await page.close();
  });
});
