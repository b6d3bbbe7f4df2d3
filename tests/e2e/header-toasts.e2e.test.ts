import { randomUUID } from "node:crypto";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SlotView } from "../../shared/contracts/booking.ts";
import { customer, upcomingSlots } from "../support/booking.ts";
import { launchChromium, openPage, signIn } from "../support/browser.ts";
import { demoAdmin, signedIn, type TestClient } from "../support/http.ts";

/**
 * The frame around every page in Chromium: messages (toasts) never sit over a page's
 * controls, and the header keeps one clean row for the language switch when the agent
 * wears the shop's avatar, frame and title.
 */
const baseUrl = inject("baseUrl");
let browser: Browser;
let admin: TestClient;
let ledger: typeof import("../../shared/data/gamification/ledger-repository.ts");

beforeAll(async () => {
  browser = await launchChromium();
  admin = await signedIn(demoAdmin);
  process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
  process.env.S3_ENDPOINT = inject("s3Endpoint");
  ledger = await import("../../shared/data/gamification/ledger-repository.ts");
});

afterAll(async () => {
  await browser?.close();
});

/** A new agent (their first sign-in earns the daily login reward, shown as a toast). */
async function freshAgent(displayName: string, coins = 0) {
  const username = `ux${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const password = "ux-e2e-password-123";
  const created = await admin.request("POST", "/api/admin/users", {
    body: { username, displayName, role: "agent", password },
  });
  expect(created.status).toBe(201);
  if (coins > 0)
    await ledger.applyLedgerEntry({
      username,
      eventKey: `test:e2e:${username}`,
      occurredAt: new Date().toISOString(),
      kind: "quest",
      coins,
    });
  return { username, password, client: await signedIn({ username, password }) };
}

/** The element a click at the centre of `target` reaches is the target itself (nothing lies over it). */
async function reachable(page: Page, target: Locator): Promise<boolean> {
  const box = await target.boundingBox();
  if (!box) return false;
  await target.evaluate((element) => element.setAttribute("data-probe", ""));
  const hit = await page.evaluate(`(() => {
    const hit = document.elementFromPoint(${box.x + box.width / 2}, ${box.y + box.height / 2});
    return Boolean(hit?.closest("[data-probe]"));
  })()`);
  await target.evaluate((element) => element.removeAttribute("data-probe"));
  return hit === true;
}

describe("toasts and the header in Chromium", () => {
  it("keeps toasts off the week navigation and 'Aktualisieren'; Escape and × close them", async () => {
    const agent = await freshAgent("Toast Tester");
    const { page, errors } = await openPage(browser, 1366, 768);
    await signIn(page, baseUrl, agent.username, agent.password);
    const reward = page.getByTestId("toast").filter({ hasText: "Tägliche Anmelde-Belohnung" });
    await reward.waitFor();
    // A streak of one day reads "1 Tag".
    expect(await reward.locator(".toast-text").textContent()).toBe(
      "Tägliche Anmelde-Belohnung: +15 Münzen (Serie: 1 Tag)",
    );
    const region = page.locator(".toasts");
    expect(await region.getAttribute("aria-live")).toBe("polite");
    expect(await region.getAttribute("role")).toBe("status");

    // The week navigation is free: a click at its centre reaches it, and a plain click works.
    await page.locator(".week-grid:not([aria-busy='true']), .empty").first().waitFor();
    const next = page.getByRole("button", { name: /Nächste Woche/ });
    const before = await page.getByTestId("week-title").textContent();
    expect(await reachable(page, next)).toBe(true);
    expect(await reachable(page, page.getByRole("button", { name: /Vorige Woche/ }))).toBe(true);
    await next.click({ timeout: 2_000 });
    await expect.poll(() => page.getByTestId("week-title").textContent()).not.toBe(before);
    expect(await reward.isVisible()).toBe(true);
    // Nor does the message cover the header.
    const [toastBox, header] = [
      await reward.boundingBox(),
      await page.locator("header.topbar").boundingBox(),
    ];
    expect(toastBox && header && toastBox.y > header.y + header.height).toBe(true);
    await page.screenshot({ path: "test-results/e2e-toast-week.png" });

    // Escape closes the newest message.
    await page.keyboard.press("Escape");
    await reward.waitFor({ state: "hidden" });

    // Meine Termine: a cancellation's message leaves "Aktualisieren" free.
    const slot = (await upcomingSlots(agent.client)).find((s: SlotView) => s.free > 0);
    if (!slot) throw new Error("no free slot");
    const booked = await agent.client.request<{ booking: { id: string } }>("POST", "/api/bookings", {
      body: { date: slot.date, time: slot.time, ...customer(`Toast${Date.now()}`) },
    });
    expect(booked.status).toBe(201);
    await page.goto(`${baseUrl}/termine`);
    const row = page.locator(`li.booking[data-booking="${booked.body.booking.id}"]`);
    await row.getByRole("button", { name: /^Stornieren:/ }).click();
    await page.getByRole("button", { name: "Ja, stornieren" }).click();
    const cancelled = page.getByTestId("toast").filter({ hasText: "storniert" });
    await cancelled.waitFor();
    const refresh = page.getByRole("button", { name: "Aktualisieren" });
    await expect.poll(() => refresh.isEnabled()).toBe(true);
    expect(await reachable(page, refresh)).toBe(true);
    await refresh.click({ timeout: 2_000 });
    expect(await cancelled.isVisible()).toBe(true);
    await page.screenshot({ path: "test-results/e2e-toast-my-bookings.png" });
    // The region lets clicks through; only the messages take them.
    expect(await page.evaluate(`getComputedStyle(document.querySelector(".toasts")).pointerEvents`)).toBe(
      "none",
    );
    await cancelled.getByRole("button", { name: "Meldung schließen" }).click();
    await cancelled.waitFor({ state: "hidden" });
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it("keeps the language switch on one row beside avatar, frame and title at 1366 and 1024 px", async () => {
    const name = "Sophie Müller-Lüdenscheidt von Hohenzollern";
    const agent = await freshAgent(name, 2_000);
    for (const item of ["title-team-rock", "avatar-cat", "frame-silver"]) {
      const bought = await agent.client.request("POST", `/api/gamification/shop/${item}/purchase`);
      expect(bought.status).toBe(200);
      const worn = await agent.client.request("POST", `/api/gamification/shop/${item}/equip`);
      expect(worn.status).toBe(200);
    }
    for (const width of [1366, 1024]) {
      const { page, errors } = await openPage(browser, width, 768);
      await signIn(page, baseUrl, agent.username, agent.password);
      const identity = page.getByTestId("identity");
      await identity.getByText("Fels in der Brandung · Telefonist:in").waitFor();
      await identity.getByText("🐱").waitFor();
      await page.screenshot({ path: `test-results/e2e-header-${width}.png` });
      const header = (await page.evaluate(`(() => {
        const box = (selector) => document.querySelector(selector).getBoundingClientRect();
        const nav = document.querySelector(".nav");
        const name = document.querySelector(".identity-name");
        return {
          languages: [...document.querySelectorAll(".lang-switch button")].map((button) => button.getBoundingClientRect().top),
          header: box(".topbar").height,
          navClipped: nav.scrollWidth > nav.clientWidth,
          headerClipped: document.querySelector(".topbar").scrollWidth > document.querySelector(".topbar").clientWidth,
          nameCut: name.scrollWidth > name.clientWidth && getComputedStyle(name).textOverflow === "ellipsis",
          nameTitle: name.title,
          titleTitle: document.querySelector(".identity-title").title,
        };
      })()`)) as {
        languages: number[];
        header: number;
        navClipped: boolean;
        headerClipped: boolean;
        nameCut: boolean;
        nameTitle: string;
        titleTitle: string;
      };
      // DE and EN side by side.
      expect(header.languages).toHaveLength(2);
      expect(header.languages[0]).toBe(header.languages[1]);
      // Every link shows in full; the long name gives way with an ellipsis and shows whole as a tooltip.
      expect(header.navClipped).toBe(false);
      expect(header.headerClipped).toBe(false);
      expect(header.nameCut).toBe(true);
      expect(header.nameTitle).toBe(name);
      expect(header.titleTitle).toBe("Fels in der Brandung · Telefonist:in");
      // One row at 1366 px; at 1024 px the links take a second row.
      expect(header.header).toBeLessThan(width === 1366 ? 70 : 120);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  }, 120_000);

  it("says '1 Buchung', never '1 Buchungen' or '1 Tage', on the progress pages (a count picks the word's form)", async () => {
    const agent = await freshAgent("Plural Tester");
    const slot = (await upcomingSlots(agent.client)).find((s: SlotView) => s.free > 0);
    if (!slot) throw new Error("no free slot");
    const booked = await agent.client.request("POST", "/api/bookings", {
      body: { date: slot.date, time: slot.time, ...customer(`Plural${Date.now()}`) },
    });
    expect(booked.status).toBe(201);
    const { page, errors } = await openPage(browser, 1366, 900);
    await signIn(page, baseUrl, agent.username, agent.password);
    // Today's line counts the booking (it arrives through the stream): "1 Buchung", never "1 Buchungen".
    const today = page.locator(".period-list dd").first();
    const deadline = Date.now() + 30_000;
    for (;;) {
      await page.goto(`${baseUrl}/fortschritt`);
      await page.getByRole("heading", { name: "Mein Fortschritt" }).waitFor();
      const text = (await today.textContent()) ?? "";
      if (/· 1 Buchung$/.test(text)) break;
      if (Date.now() > deadline) throw new Error(`today's line stayed "${text}"`);
      await page.waitForTimeout(500);
    }
    // Every count next to its word agrees with it, on each progress page.
    const wrong =
      /(?<![\d.,])1 (Tage|Buchungen|Münzen|Punkte|Bonus-Drehs|Prestige-Punkte)\b|(?<![\d.,])([02-9]|\d{2,}) (Tag|Buchung|Münze|Punkt|Bonus-Dreh)\b/;
    for (const path of [
      "/fortschritt",
      "/fortschritt/quests",
      "/fortschritt/shop",
      "/fortschritt/prestige",
    ]) {
      if (path !== "/fortschritt") await page.goto(`${baseUrl}${path}`);
      await page.locator("main h2").first().waitFor();
      await page.waitForTimeout(500);
      const text = ((await page.locator("main").textContent()) ?? "").replace(/\s+/g, " ");
      expect(text.match(wrong)?.[0], path).toBeUndefined();
    }
    await page.goto(`${baseUrl}/fortschritt/quests`);
    await page
      .getByTestId("wheel-balance")
      .getByText(/Münzen · 0 Bonus-Drehs$/)
      .waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);
});
