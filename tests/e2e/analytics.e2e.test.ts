import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { addDays, localDate } from "../../shared/domain/booking/local-date.ts";
import { seedCountedBooking } from "../support/analytics.ts";
import { launchChromium, signIn } from "../support/browser.ts";
import { demoAdmin, demoAgent, signedIn } from "../support/http.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
  browser = await launchChromium();
  // Start from the default layout (other tests may have changed anna's).
  const agent = await signedIn(demoAgent);
  const widgets = ["summary", "daily", "outcomes", "slotTimes", "rank"].map((id) => ({ id, hidden: false }));
  await agent.request("PUT", "/api/analytics/layout", { body: { widgets } });
  // Resolved bookings of the last days, so every chart has data whatever else the stack holds.
  const today = localDate(new Date(), "Europe/Berlin");
  const outcomes = ["completed", "completed", "no_show", "overhang", "completed", "ghost"] as const;
  for (let index = 0; index < 18; index++) {
    await seedCountedBooking({
      date: addDays(today, -1 - (index % 6)),
      time: ["09:00", "11:00", "14:00"][index % 3]!,
      outcome: outcomes[index % outcomes.length]!,
      consultant: `e2e-c${index % 2}`,
      agent: index % 3 === 0 ? "max" : "anna",
    });
  }
});

afterAll(async () => {
  await browser?.close();
});

async function signedInPage(user: {
  username: string;
  password: string;
}): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: "de-DE" });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await signIn(page, baseUrl, user.username, user.password);
  return { page, errors };
}

describe("Auswertung", () => {
  it("an admin opens Auswertung and sees charts with data, their tables and the alerts", async () => {
    const { page, errors } = await signedInPage(demoAdmin);
    await page
      .getByRole("navigation", { name: "Hauptnavigation" })
      .getByRole("link", { name: "Auswertung" })
      .click();
    const tabs = page.getByRole("navigation", { name: "Bereiche der Auswertung" });
    for (const name of ["Mein Dashboard", "Team", "Kennzahlen", "Hinweise"])
      await tabs.getByRole("link", { name }).waitFor();
    // The period buttons sit in one row (a form style once stacked every fieldset's content).
    const periodTops = await page
      .getByRole("group", { name: "Zeitraum" })
      .getByRole("button")
      .evaluateAll((buttons) => buttons.map((button) => Math.round(button.getBoundingClientRect().top)));
    expect(periodTops).toHaveLength(4);
    expect(new Set(periodTops).size).toBe(1);
    await tabs.getByRole("link", { name: "Kennzahlen" }).click();
    await page.getByRole("heading", { name: "Buchungen pro Tag" }).waitFor();
    expect(await page.locator("figure.chart canvas").count()).toBeGreaterThanOrEqual(4);
    // The chart's numbers as a table: bookings per day has non-zero rows.
    const perDay = page.locator("figure.chart", {
      has: page.getByRole("heading", { name: "Buchungen pro Tag" }),
    });
    await perDay.getByText("Als Tabelle").click();
    const cells = await perDay.locator("tbody td").allTextContents();
    expect(cells.some((text) => /^[1-9]/.test(text))).toBe(true);
    await page.getByRole("table", { name: "Erscheinensquote nach Wochentag und Uhrzeit" }).waitFor();
    expect(await page.getByText(/Quelle: Kennzahlen aus den Buchungen/).count()).toBeGreaterThan(0);
    await page.screenshot({ path: "test-results/analytics-admin-kpis.png", fullPage: true });

    await tabs.getByRole("link", { name: "Team" }).click();
    await page.getByRole("heading", { name: "Telefonist:innen", exact: true }).waitFor();
    await page.screenshot({ path: "test-results/analytics-admin-team.png", fullPage: true });

    await tabs.getByRole("link", { name: "Hinweise" }).click();
    await page.locator(".alert-list, .empty").first().waitFor();
    await page.screenshot({ path: "test-results/analytics-admin-insights.png", fullPage: true });
    expect(errors).toEqual([]);
  });

  it("an agent sees their personal dashboard (no admin tabs); a hidden and a moved widget survive a reload", async () => {
    const { page, errors } = await signedInPage(demoAgent);
    await page.goto(`${baseUrl}/auswertung`);
    await page.getByRole("heading", { name: /Dashboard von/ }).waitFor();
    const tabs = page.getByRole("navigation", { name: "Bereiche der Auswertung" });
    await tabs.getByRole("link", { name: "Mein Dashboard" }).waitFor();
    expect(await tabs.getByRole("link", { name: "Kennzahlen" }).count()).toBe(0);
    await page.locator('[data-widget-panel="summary"]').waitFor();
    await page.locator('[data-widget-panel="daily"] canvas').waitFor();
    await page.screenshot({ path: "test-results/analytics-agent-dashboard.png", fullPage: true });

    await page.getByText("Dashboard anpassen").click();
    // Hide "Platz im Team"; move "Ergebnisse" up by keyboard.
    await page.locator('[data-widget="rank"]').getByRole("checkbox").uncheck();
    await expect.poll(() => page.locator('[data-widget-panel="rank"]').count()).toBe(0);
    const up = page.getByRole("button", { name: "Ergebnisse nach oben" });
    await up.focus();
    await page.keyboard.press("Enter");
    await expect
      .poll(() =>
        page
          .locator("[data-widget-panel]")
          .evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-widget-panel"))),
      )
      .toEqual(["summary", "outcomes", "daily", "slotTimes"]);
    await page.waitForTimeout(500);

    await page.reload();
    await page.locator('[data-widget-panel="summary"]').waitFor();
    const order = await page
      .locator("[data-widget-panel]")
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-widget-panel")));
    expect(order).toEqual(["summary", "outcomes", "daily", "slotTimes"]);
    await page.screenshot({ path: "test-results/analytics-agent-layout-after-reload.png", fullPage: true });
    expect(errors).toEqual([]);
  });
});
