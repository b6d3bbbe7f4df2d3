import { DateTime } from "luxon";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Booking, SlotView } from "../../shared/contracts/booking.ts";
import { blockedDateReason } from "../../shared/domain/booking/holidays.ts";
import type { SlotTemplateSettings } from "../../shared/domain/booking/slot-template.ts";
import { calendarApi, waitFor } from "../support/booking.ts";
import { launchChromium, signIn } from "../support/browser.ts";
import { demoAdmin, demoAgent, signedIn, type TestClient } from "../support/http.ts";
import { runJobAndWait } from "../support/jobs.ts";

const baseUrl = inject("baseUrl");
const zone = "Europe/Berlin";
let browser: Browser;
let admin: TestClient;

beforeAll(async () => {
  browser = await launchChromium();
  admin = await signedIn(demoAdmin);
});

afterAll(async () => {
  await browser?.close();
});

async function newPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: "de-DE" });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  return { page, errors };
}

/** The first Friday at least two days ahead (in the slots' zone) that is no public holiday. */
function nextOpenFriday(template: SlotTemplateSettings): string {
  let day = DateTime.now().setZone(zone).startOf("day").plus({ days: 2 });
  while (day.weekday !== 5 || blockedDateReason(template, day.toISODate()!)) day = day.plus({ days: 1 });
  return day.toISODate()!;
}

/** A slot at least an hour ahead with at least two free places. */
function freeSlot(client: TestClient): Promise<SlotView> {
  return waitFor("a free slot", async () => {
    const from = DateTime.now().setZone(zone).toISODate()!;
    const to = DateTime.now().setZone(zone).plus({ days: 21 }).toISODate()!;
    const answer = await client.request<{ slots: SlotView[] }>(
      "GET",
      `/api/availability?from=${from}&to=${to}`,
    );
    return answer.body.slots.find((slot) => slot.free > 1 && Date.parse(slot.start) > Date.now() + 3_600_000);
  });
}

/** Opens the booking dialog on the first bookable cell of the week view (going forward if needed). */
async function openBookingDialog(page: Page) {
  const freeCell = page.locator(".week-grid button.cell:not([disabled])");
  await page.locator(".week-grid, .empty").first().waitFor();
  for (let week = 0; week < 4 && (await freeCell.count()) === 0; week++) {
    await page.getByRole("button", { name: /Nächste Woche/ }).click();
    await page.locator(".week-grid:not([aria-busy='true']), .empty").first().waitFor();
  }
  await freeCell.first().click();
  return page.getByRole("dialog");
}

describe("booking facts in Chromium", () => {
  it("offers a Friday 16:00 slot after an admin adds it in the slot template and the availability job runs", async () => {
    const original = (await admin.request<SlotTemplateSettings>("GET", "/api/admin/slot-template")).body;
    const friday = nextOpenFriday(original);
    expect(original.times.fri).not.toContain("16:00");
    // A consultant ready on that Friday afternoon (the demo calendars end Fridays at 16:30).
    const consultants = await admin.request<{ calendarId: string; active: boolean }[]>(
      "GET",
      "/api/admin/consultants",
    );
    const calendarId = consultants.body.find((consultant) => consultant.active)?.calendarId ?? "";
    const at = (time: string) => DateTime.fromISO(`${friday}T${time}`, { zone }).toISO()!;
    const ready = await calendarApi().events.insert({
      calendarId,
      requestBody: {
        summary: "T1-bereit",
        start: { dateTime: at("15:30"), timeZone: zone },
        end: { dateTime: at("18:30"), timeZone: zone },
      },
    });

    const { page, errors } = await newPage();
    try {
      await signIn(page, baseUrl, demoAdmin.username, demoAdmin.password);
      await page.goto(`${baseUrl}/verwaltung/terminvorlage`);
      const fridayField = page.getByLabel("Freitag");
      await fridayField.waitFor();
      // A wrong time is refused with the shared schema's message before anything is sent.
      await fridayField.fill(`${original.times.fri.join(", ")}, 16:7`);
      await page.getByRole("button", { name: "Speichern" }).click();
      await page.getByText("Uhrzeit im Format HH:MM angeben").waitFor();
      expect(await fridayField.getAttribute("aria-invalid")).toBe("true");

      await fridayField.fill(`${original.times.fri.join(", ")}, 16:00`);
      // A company holiday with its reason: the preview marks the day, the template keeps the reason.
      const thursday = DateTime.fromISO(friday).minus({ days: 1 }).toISODate()!;
      await page.getByRole("button", { name: "Gesperrten Tag hinzufügen" }).click();
      await page.locator("#blocked-date-0").fill(thursday);
      await page.locator("#blocked-reason-0").fill("Betriebsausflug");
      const blockedDay = page.locator(`.preview-grid th[data-date="${thursday}"]`);
      if ((await blockedDay.count()) > 0) {
        await expect.poll(() => blockedDay.textContent()).toContain("Betriebsausflug");
        expect(await page.locator(`td[data-slot="${thursday} 09:00"]`).getAttribute("class")).not.toContain(
          "offered",
        );
      }
      // The preview shows the new slot before anything is saved (when that Friday is within its 14 days).
      const inPreview = page.locator(`td[data-slot="${friday} 16:00"]`);
      if ((await inPreview.count()) > 0) expect(await inPreview.getAttribute("class")).toContain("offered");
      await page.screenshot({ path: "test-results/e2e-admin-template.png", fullPage: true });
      await page.getByRole("button", { name: "Speichern" }).click();
      await page.getByText("Terminvorlage gespeichert").waitFor();
      const stored = (await admin.request<SlotTemplateSettings>("GET", "/api/admin/slot-template")).body;
      expect(stored.times.fri).toEqual([...original.times.fri, "16:00"]);
      expect(stored.companyHolidays).toContainEqual({ date: thursday, reason: "Betriebsausflug" });

      // Not offered before the next availability run …
      const before = await admin.request<{ slots: SlotView[] }>(
        "GET",
        `/api/availability?from=${friday}&to=${friday}`,
      );
      expect(before.body.slots.some((slot) => slot.time === "16:00" && slot.capacity > 0)).toBe(false);

      // … which the admin starts from the Jobs tab.
      await page.getByRole("tab", { name: "Jobs" }).click();
      const job = page.locator('[data-job="generate-availability"]');
      await job.getByRole("button", { name: "Jetzt ausführen" }).click();
      await job.locator(".job-result").waitFor({ timeout: 45_000 });

      const after = await admin.request<{ slots: SlotView[] }>(
        "GET",
        `/api/availability?from=${friday}&to=${friday}`,
      );
      const offered = after.body.slots.find((slot) => slot.time === "16:00");
      expect(offered?.capacity).toBeGreaterThan(0);
      const closed = await admin.request<{ slots: SlotView[] }>(
        "GET",
        `/api/availability?from=${thursday}&to=${thursday}`,
      );
      expect(closed.body.slots.filter((slot) => slot.capacity > 0)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await admin.request("PUT", "/api/admin/slot-template", { body: original });
      await calendarApi().events.delete({ calendarId, eventId: ready.data.id ?? "" });
      // Back to the slots the other tests expect, before the stack stops.
      await runJobAndWait(admin, "generate-availability");
    }
  });

  it("shows the points rule and the booking screens with their preview", async () => {
    const { page, errors } = await newPage();
    await signIn(page, baseUrl, demoAdmin.username, demoAdmin.password);
    await page.goto(`${baseUrl}/verwaltung/regeln`);
    const firstTier = page.getByLabel("Punkte").first();
    await firstTier.waitFor();
    await page.getByTestId("settings-preview").waitFor();
    // A tier out of order is refused with the shared schema's message.
    await page.locator("#tier-upTo-1").fill("1/4");
    await page.getByRole("button", { name: "Speichern" }).first().click();
    await page.getByText("Stufen aufsteigend angeben").waitFor();
    await page.screenshot({ path: "test-results/e2e-admin-rules.png", fullPage: true });
    // The list editors add an empty row at the end and remove the row named by its button.
    const tiers = page.locator(".points-form [data-tier]");
    const tierCount = await tiers.count();
    await page.getByRole("button", { name: "Stufe hinzufügen" }).click();
    await expect.poll(() => tiers.count()).toBe(tierCount + 1);
    expect(await page.locator(`#tier-upTo-${tierCount}`).inputValue()).toBe("");
    await page
      .getByRole("button", { name: `Zeile ${tierCount + 1} entfernen` })
      .first()
      .click();
    await expect.poll(() => tiers.count()).toBe(tierCount);
    expect(await page.locator("#tier-upTo-1").inputValue()).toBe("1/4");
    await page.goto(`${baseUrl}/verwaltung/terminvorlage`);
    const blocked = page.locator(".template-form [data-blocked]");
    await page.getByRole("button", { name: "Gesperrten Tag hinzufügen" }).waitFor();
    const blockedCount = await blocked.count();
    await page.getByRole("button", { name: "Gesperrten Tag hinzufügen" }).click();
    await page.locator(`#blocked-reason-${blockedCount}`).fill("Betriebsausflug");
    await expect.poll(() => blocked.count()).toBe(blockedCount + 1);
    await blocked
      .last()
      .getByRole("button", { name: `Zeile ${blockedCount + 1} entfernen` })
      .click();
    await expect.poll(() => blocked.count()).toBe(blockedCount);
    await page.getByRole("button", { name: "Abweichung hinzufügen" }).click();
    const override = page.locator(".template-form [data-override]").last();
    expect(await override.getByLabel("Plätze", { exact: true }).inputValue()).toBe(
      await page.locator("#template-placesPerConsultant").inputValue(),
    );
    await page.goto(`${baseUrl}/verwaltung/buchungen`);
    await page.getByRole("heading", { name: "Überbuchte Termine" }).waitFor();
    await page.locator("table.table, .empty").last().waitFor();
    await page.screenshot({ path: "test-results/e2e-admin-bookings.png", fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("lets an admin correct an outcome in Verwaltung, kept in the booking's history", async () => {
    const agent = await signedIn(demoAgent);
    const slot = await freeSlot(agent);
    const lastName = `Ergebnis-${Date.now().toString(36)}`;
    const created = await agent.request<{ booking: Booking }>("POST", "/api/bookings", {
      body: { date: slot.date, time: slot.time, firstName: "Olga", lastName, phone: "0171 5550001" },
    });
    expect(created.status).toBe(201);
    const id = created.body.booking.id;

    const { page, errors } = await newPage();
    await signIn(page, baseUrl, demoAdmin.username, demoAdmin.password);
    await page.goto(`${baseUrl}/verwaltung/buchungen`);
    await page.locator("#bookings-day").fill(slot.date);
    await page.getByRole("button", { name: "Anzeigen" }).click();
    const row = page.locator(`tr[data-booking="${id}"]`);
    await row.getByRole("button", { name: `Ergebnis setzen: Olga ${lastName}` }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("Noch keine Änderungen.").waitFor();
    await dialog.getByLabel("Neues Ergebnis").selectOption("no_show");
    await dialog.getByLabel("Grund (optional)").fill("Kunde nicht erreicht");
    await dialog.getByRole("button", { name: "Speichern" }).click();
    await page.getByText("Ergebnis gespeichert.").waitFor();
    await expect.poll(() => row.locator(".badge.outcome-no_show").textContent()).toBe("Nicht erschienen");

    await row.getByRole("button", { name: `Ergebnis setzen: Olga ${lastName}` }).click();
    const history = page.getByRole("dialog").locator(".history-list li");
    await history.first().waitFor();
    expect(await history.first().textContent()).toMatch(
      /Ausstehend → Nicht erschienen \(admin\).*Kunde nicht erreicht/,
    );
    await page.screenshot({ path: "test-results/e2e-admin-outcome.png" });

    const stored = await admin.request<{ booking: Booking }>("GET", `/api/bookings/${id}`);
    expect(stored.body.booking.outcome).toBe("no_show");
    expect(stored.body.booking.outcomeHistory).toEqual([
      expect.objectContaining({
        by: "admin",
        from: "pending",
        to: "no_show",
        reason: "Kunde nicht erreicht",
      }),
    ]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows a known customer's history in the booking dialog as the agent types the number", async () => {
    const agent = await signedIn(demoAgent);
    const phone = `+49 171 ${String(Date.now()).slice(-7)}`;
    const lastName = `Bekannt-${Date.now().toString(36)}`;
    const slot = await freeSlot(agent);
    const created = await agent.request<{ booking: Booking }>("POST", "/api/bookings", {
      body: { date: slot.date, time: slot.time, firstName: "Karla", lastName, phone },
    });
    expect(created.status).toBe(201);

    const { page, errors } = await newPage();
    await signIn(page, baseUrl, demoAgent.username, demoAgent.password);
    const form = await openBookingDialog(page);
    const phoneField = form.getByLabel("Telefon");
    // A number nobody booked yet: a new customer.
    await phoneField.fill("+49 151 99887766");
    await form.getByText("Neuer Kunde").waitFor();
    await phoneField.fill(phone.replace("+49 ", "0"));
    const known = form.locator(".known-customer");
    await known.waitFor();
    expect(await known.textContent()).toContain(`Karla ${lastName}`);
    expect(await known.textContent()).toMatch(/Ausstehend \(gebucht von anna\)/);
    expect(await known.textContent()).toMatch(/Risiko: niedrig/);
    await page.screenshot({ path: "test-results/e2e-booking-dialog-customer.png" });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("stores the potential class and the consultant chosen in the booking dialog", async () => {
    const { page, errors } = await newPage();
    await signIn(page, baseUrl, demoAgent.username, demoAgent.password);
    const form = await openBookingDialog(page);
    await form.getByLabel("Vorname").fill("Paula");
    await form.getByLabel("Nachname").fill(`Potenzial-${Date.now().toString(36)}`);
    await form.getByLabel("Telefon").fill("0171 7654321");
    await form.getByLabel("Potenzial").selectOption("top");
    const consultant = form.getByLabel("Berater (optional)");
    const choice = await consultant.locator("option:not([disabled]):not([value=''])").first();
    const consultantId = (await choice.getAttribute("value")) ?? "";
    const consultantText = (await choice.textContent()) ?? "";
    expect(consultantText).toMatch(/– \d+ von \d+ frei/);
    await consultant.selectOption(consultantId);
    await page.screenshot({ path: "test-results/e2e-booking-dialog.png" });
    const created = page.waitForResponse(
      (response) => response.url().endsWith("/api/bookings") && response.request().method() === "POST",
    );
    await form.getByRole("button", { name: "Verbindlich buchen" }).click();
    const answer = (await (await created).json()) as { booking: Booking & { consultant?: string } };
    await form.getByRole("heading", { name: "Termin gebucht" }).waitFor();
    expect(await form.textContent()).toContain(`Berater: ${consultantText.split(" – ")[0]}`);

    const stored = await admin.request<{ booking: Booking & { consultant?: string } }>(
      "GET",
      `/api/bookings/${answer.booking.id}`,
    );
    expect(stored.body.booking.potentialClass).toBe("top");
    expect(stored.body.booking.consultant).toBe(consultantId);

    // Meine Termine names the consultant and the class.
    await form.getByRole("link", { name: /Meine Termine/ }).click();
    const row = page.locator(`li.booking[data-booking="${answer.booking.id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(`Berater: ${consultantText.split(" – ")[0]}`);
    expect(await row.textContent()).toContain("Top");
    expect(errors).toEqual([]);
    await page.close();
  });
});
