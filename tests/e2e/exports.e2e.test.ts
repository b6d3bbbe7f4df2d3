import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Booking } from "../../shared/contracts/booking.ts";
import type { ExportView } from "../../shared/contracts/exports.ts";
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

/** A window of the demo data that has bookings: the 60 days around today. */
function isoDay(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

describe("Auswertung → Exporte", () => {
  it("an admin starts a CSV export, watches its progress and downloads the file", async () => {
    const from = isoDay(-30);
    const to = isoDay(30);
    const bookings = await admin.request<{ bookings: Booking[] }>(
      "GET",
      `/api/bookings?from=${from}&to=${to}`,
    );
    expect(bookings.body.bookings.length).toBeGreaterThan(0);
    const known = bookings.body.bookings[0]!;

    const page = await browser.newPage({
      viewport: { width: 1280, height: 1100 },
      locale: "de-DE",
      acceptDownloads: true,
    });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await signIn(page, baseUrl, demoAdmin.username, demoAdmin.password, "/auswertung/exporte");
    await page.getByRole("heading", { name: "Exporte", exact: true, level: 2 }).waitFor();

    // The form checks the range before asking the server (the page also has the schedule form).
    const form = page.getByRole("form", { name: "Neuer Export" });
    await form.getByLabel("Von").fill(to);
    await form.getByLabel("Bis").fill(from);
    await form.getByRole("button", { name: "Export starten" }).click();
    await page.getByText("Das Ende liegt vor dem Anfang").waitFor();

    await form.getByLabel("Von").fill(from);
    await form.getByLabel("Bis").fill(to);
    await form.getByLabel("Format").selectOption("csv");
    await expect(form.getByLabel("Semikolon als Trennzeichen (deutsches Excel)").isChecked()).resolves.toBe(
      true,
    );
    await form.getByRole("button", { name: "Export starten" }).click();

    // Progress first (queued or running), then the link.
    const progress = page.locator(".export-progress");
    await progress.waitFor();
    const firstStatus = await progress.getAttribute("data-status");
    expect(["queued", "running", "done"]).toContain(firstStatus);
    await page.locator('.export-progress[data-status="done"]').waitFor({ timeout: 30_000 });
    const link = page.getByRole("link", { name: /^Herunterladen \(bookings_/ });
    await link.waitFor();
    await page.screenshot({ path: "test-results/exports.png", fullPage: true });

    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe(`bookings_${from}_${to}.csv`);
    const file = readFileSync(await download.path());
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = file.toString("utf8").slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe("date;time;customer;phone;agent;consultant;potential;outcome;points");

    const list = await admin.request<{ exports: ExportView[] }>("GET", "/api/exports");
    const done = list.body.exports.find(
      (item) => item.createdBy === "admin" && item.from === from && item.to === to,
    );
    expect(done?.status).toBe("done");
    expect(lines).toHaveLength(done!.rows + 1);
    expect(lines.some((line) => line.includes(`${known.lastName}, ${known.firstName}`))).toBe(true);

    // The finished export is listed with its link.
    await page
      .locator(`tr[data-export="${done!.id}"]`)
      .getByRole("link", { name: "Herunterladen" })
      .waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("both forms offer PDF for bookings only; a planned export is listed, paused and deleted", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: "de-DE" });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await signIn(page, baseUrl, demoAdmin.username, demoAdmin.password, "/auswertung/exporte");
    await page.getByRole("heading", { name: "Exporte", exact: true, level: 2 }).waitFor();

    for (const name of ["Neuer Export", "Export planen"]) {
      const form = page.getByRole("form", { name });
      await form.getByLabel("Format").selectOption("pdf");
      // Another dataset has no PDF: the choice falls back to CSV and PDF cannot be chosen.
      await form.getByLabel("Datensatz").selectOption("customers");
      expect(await form.getByLabel("Format").inputValue(), name).toBe("csv");
      expect(await form.locator('option[value="pdf"]').isDisabled(), name).toBe(true);
      await form.getByLabel("Datensatz").selectOption("bookings");
      expect(await form.locator('option[value="pdf"]').isDisabled(), name).toBe(false);
    }

    const plan = page.getByRole("form", { name: "Export planen" });
    await plan.getByLabel("Datensatz").selectOption("customers");
    await plan.getByLabel("Rhythmus").selectOption("monthly");
    await plan.getByRole("button", { name: "Export planen" }).click();
    await page.getByTestId("toast").filter({ hasText: "Geplanter Export gespeichert." }).waitFor();
    const row = page
      .locator("tr[data-schedule]")
      .filter({ hasText: "Kunden · CSV" })
      .filter({ hasText: "monatlich" });
    await row.first().waitFor();
    const id = await row.first().getAttribute("data-schedule");
    const planned = page.locator(`tr[data-schedule="${id}"]`);
    await planned.getByRole("button", { name: "Pausieren" }).click();
    await expect.poll(() => planned.locator("td").nth(3).textContent()).toBe("nein");
    await planned.getByRole("button", { name: "Löschen" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Löschen" }).click();
    await planned.waitFor({ state: "detached" });
    expect(errors).toEqual([]);
    await page.close();
  });
});
