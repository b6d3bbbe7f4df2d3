import { randomInt } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SlotView } from "../../shared/contracts/booking.ts";
import { upcomingSlots } from "../support/booking.ts";
import { launchChromium, signIn } from "../support/browser.ts";
import { demoAdmin, demoAgent, signedIn, type TestClient } from "../support/http.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;
let admin: TestClient;
let agent: TestClient;

beforeAll(async () => {
  browser = await launchChromium();
  admin = await signedIn(demoAdmin);
  agent = await signedIn(demoAgent);
  process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
  process.env.S3_ENDPOINT = inject("s3Endpoint");
});

afterAll(async () => {
  await browser?.close();
});

describe("customers and forecasts for admins", () => {
  it("an admin searches a customer by name and sees the history and the risk with its reason", async () => {
    const phone = `0221 ${randomInt(1_000_000, 9_999_999)}`;
    const slots: SlotView[] = (await upcomingSlots(agent)).filter((slot) => slot.free >= 1);
    const ids: string[] = [];
    for (const slot of slots.slice(0, 2)) {
      const booked = await agent.request<{ booking: { id: string } }>("POST", "/api/bookings", {
        body: { date: slot.date, time: slot.time, firstName: "Greta", lastName: "Suchbär", phone },
      });
      expect(booked.status).toBe(201);
      ids.push(booked.body.booking.id);
    }
    expect(
      (await admin.request("POST", `/api/bookings/${ids[0]}/outcome`, { body: { outcome: "no_show" } }))
        .status,
    ).toBe(200);

    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: "de-DE" });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await signIn(page, baseUrl, demoAdmin.username, demoAdmin.password);
    await page.goto(`${baseUrl}/auswertung/kunden`);
    await page.getByLabel("Name oder Telefonnummer").fill("suchbaer gre");
    await page.getByRole("button", { name: "Suchen" }).click();
    const row = page.getByRole("row").filter({ hasText: "Greta Suchbär" });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain("mittel");
    await expect(row.textContent()).resolves.toContain("1-mal nicht erschienen");
    await row.getByRole("button", { name: "Verlauf" }).click();
    const history = page.locator(".customer-history");
    await history.getByRole("heading", { name: "Verlauf von Greta Suchbär" }).waitFor();
    await expect(history.getByRole("row").count()).resolves.toBe(3);
    await expect(history.textContent()).resolves.toContain("Nicht erschienen");
    await page.screenshot({ path: "test-results/customers-search.png", fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("Prognosen shows the model's metrics next to the base rate, the calibration and the confirmation calls", async () => {
    // A model trained by the same function the nightly job runs, on demo-like history.
    const { generateDemoLikeHistory } = await import("../../local/demo/history.ts");
    const { defaultSlotTemplate, generateSlots } = await import(
      "../../shared/domain/booking/slot-template.ts"
    );
    const { trainNoShowModel } = await import("../../shared/domain/predictions/model.ts");
    const { saveModel, latestModel } = await import("../../shared/data/predictions-repository.ts");
    if ((await latestModel())?.status !== "trained") {
      const today = new Date().toISOString().slice(0, 10);
      const from = new Date(Date.now() - 150 * 86_400_000).toISOString().slice(0, 10);
      const slots = generateSlots(defaultSlotTemplate, from, 150).filter((slot) => slot.date < today);
      const history = generateDemoLikeHistory({
        seed: 5,
        today,
        days: 150,
        slots,
        agents: ["anna", "max", "sophie"],
        consultants: ["a", "b", "c", "d"],
      });
      const model = trainNoShowModel(history, new Date());
      expect(model.status).toBe("trained");
      await saveModel(model);
    }

    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 }, locale: "de-DE" });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await signIn(page, baseUrl, demoAdmin.username, demoAdmin.password);
    await page.goto(`${baseUrl}/auswertung/prognosen`);
    await page.getByRole("heading", { name: "No-Show-Modell" }).waitFor();
    const auc = page.locator('tr[data-metric="auc"]');
    await auc.waitFor();
    const [modelAuc, baseAuc] = (await auc.locator("td").allTextContents()).slice(1).map(Number);
    expect(modelAuc).toBeGreaterThan(baseAuc!);
    const [modelBrier, baseBrier] = (await page.locator('tr[data-metric="brier"] td').allTextContents())
      .slice(1)
      .map(Number);
    expect(modelBrier).toBeLessThan(baseBrier!);
    await expect(page.getByText(/Trainiert am/).count()).resolves.toBe(1);
    await page.getByRole("heading", { name: "Kalibrierung (zurückgehaltener Zeitraum)" }).waitFor();
    await page.getByRole("heading", { name: "Diese 10 Termine lohnen einen Bestätigungsanruf" }).waitFor();
    await page.locator("tr.confirm-call").first().waitFor();
    const calls = await page.locator("tr.confirm-call").count();
    expect(calls).toBeGreaterThan(0);
    expect(calls).toBeLessThanOrEqual(10);
    await expect(page.locator("tr.confirm-call").first().textContent()).resolves.toMatch(
      /erhöht das Risiko|senkt das Risiko/,
    );
    await page.getByRole("heading", { name: "Diese Termine zuerst füllen" }).waitFor();
    await page.screenshot({ path: "test-results/predictions.png", fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("Verwaltung → Import shows the validation report of a file", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: "de-DE" });
    await signIn(page, baseUrl, demoAdmin.username, demoAdmin.password);
    await page.goto(`${baseUrl}/verwaltung/import`);
    const csv = [
      "date,slots,completed,no_show,ghost,cancelled,rescheduled,overhang",
      "2020-01-07,48,30,5,1,2,1,1",
      "2020-01-08,48,x,5,1,2,1,1",
    ].join("\n");
    await page
      .locator("#import-file")
      .setInputFiles({ name: "tage.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Importieren" }).click();
    await page.getByText("Tagessummen: 1 von 2 Zeilen importiert, 1 abgelehnt").first().waitFor();
    await expect(page.locator(".import-report").textContent()).resolves.toContain(
      "completed: keine ganze Zahl ≥ 0",
    );
    await page.screenshot({ path: "test-results/import.png", fullPage: true });
    await page.close();
  });
});
