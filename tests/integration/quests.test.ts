import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { Booking, SlotView } from "../../shared/contracts/booking.ts";
import { questCatalogue } from "../../shared/domain/gamification/catalogue/quests.ts";
import { drawQuests, questProgress } from "../../shared/domain/gamification/quests.ts";
import { landOn, wheelPrizes } from "../../shared/domain/gamification/wheel.ts";
import { isoDay, waitFor } from "../support/booking.ts";
import { demoAdmin, signedIn, type TestClient } from "../support/http.ts";

type Repos = {
  ledger: typeof import("../../shared/data/gamification/ledger-repository.ts");
  quests: typeof import("../../shared/data/gamification/quests-repository.ts");
  wheel: typeof import("../../shared/data/gamification/wheel-repository.ts");
  settings: typeof import("../../shared/data/booking-settings.ts");
  shop: typeof import("../../shared/data/gamification/shop-repository.ts");
  errors: typeof import("../../shared/data/errors.ts");
};
let repos: Repos;
let admin: TestClient;

/** A day outside every season: coin and XP deltas come out exactly as given. */
const plainDay = "2026-11-25T11:00:00.000Z";

beforeAll(async () => {
  admin = await signedIn(demoAdmin);
  process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
  process.env.S3_ENDPOINT = inject("s3Endpoint");
  repos = {
    ledger: await import("../../shared/data/gamification/ledger-repository.ts"),
    quests: await import("../../shared/data/gamification/quests-repository.ts"),
    wheel: await import("../../shared/data/gamification/wheel-repository.ts"),
    settings: await import("../../shared/data/booking-settings.ts"),
    shop: await import("../../shared/data/gamification/shop-repository.ts"),
    errors: await import("../../shared/data/errors.ts"),
  };
});

/** A new agent with no gamification history, signed in. */
async function freshAgent(): Promise<{ username: string; client: TestClient }> {
  const username = `q${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const password = "quest-password-123";
  const created = await admin.request("POST", "/api/admin/users", {
    body: { username, displayName: `Quest ${username}`, role: "agent", password },
  });
  expect(created.status).toBe(201);
  return { username, client: await signedIn({ username, password }) };
}

/** Test setup: coins as if earned earlier (a ledger entry of its own key). */
async function grantCoins(username: string, coins: number) {
  await repos.ledger.applyLedgerEntry({
    username,
    eventKey: `test:grant:${randomUUID()}`,
    occurredAt: plainDay,
    kind: "login",
    coins,
  });
}

async function book(client: TestClient, slot: SlotView, consultant?: string): Promise<Booking> {
  const response = await client.request<{ booking: Booking }>("POST", "/api/bookings", {
    body: {
      date: slot.date,
      time: slot.time,
      firstName: "Quentin",
      lastName: `Quest-${randomUUID().slice(0, 6)}`,
      phone: `+49 171 ${String(Math.floor(1_000_000 + Math.random() * 8_999_999))}`,
      ...(consultant ? { consultant } : {}),
    },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.booking;
}

describe("daily quests", () => {
  it("a scripted day completes every quest of both pools", async () => {
    const { username, client } = await freshAgent();
    const template = await repos.settings.currentSlotTemplate();
    const zone = template.timeZone;
    const now = new Date();
    const today = DateTime.fromJSDate(now).setZone(zone).toISODate() ?? "";
    const startOfToday = DateTime.fromISO(today, { zone }).startOf("day");
    // The first visit of the day before 10:00 (or now, if that is earlier).
    const early = new Date(Math.min(now.getTime(), startOfToday.plus({ hours: 7, minutes: 30 }).toMillis()));
    const login = await repos.quests.claimLoginReward(username, early);
    expect(login.granted).toBe(true);

    const facts0 = await repos.quests.dayFacts(username, today, now);
    const slots = (
      await client.request<{ slots: SlotView[] }>(
        "GET",
        `/api/availability?from=${isoDay(1)}&to=${isoDay(28)}`,
      )
    ).body.slots.filter((slot) => slot.free >= 2 && slot.consultants.some((c) => c.free >= 2));
    const booked: Booking[] = [];
    const used = new Set<string>();
    // Voller Tag: one booking into each of the day's slot times (any date).
    for (const time of facts0.slotTimes) {
      const slot = slots.find((candidate) => candidate.time === time && !used.has(candidate.date + time));
      if (!slot) throw new Error(`no free slot at ${time}`);
      used.add(slot.date + time);
      booked.push(await book(client, slot));
    }
    // Doppel-Slot: a second booking into one slot; Morgen-Rush: 3 before 11:00.
    const morning = slots.filter((slot) => slot.time < "11:00" && !used.has(slot.date + slot.time));
    const [first, second, third] = morning;
    if (!first || !second || !third) throw new Error("not enough morning slots");
    booked.push(await book(client, first), await book(client, first), await book(client, second));
    booked.push(await book(client, third));
    // Berater-Vielfalt: make sure 3 different consultants are among the day's bookings.
    const consultants = new Set(booked.map((booking) => booking.consultant));
    for (const slot of slots) {
      if (consultants.size >= 3) break;
      const other = slot.consultants.find((c) => c.free > 0 && !consultants.has(c.id));
      if (other && !used.has(slot.date + slot.time)) {
        used.add(slot.date + slot.time);
        consultants.add((await book(client, slot, other.id)).consultant);
      }
    }
    expect(consultants.size).toBeGreaterThanOrEqual(3);
    // Dreh am Rad: three spins.
    await grantCoins(username, 30);
    for (let spin = 0; spin < 3; spin++) {
      await repos.wheel.spinWheel(username, { now, payment: "coins", randomInt: landOn("nothing-1") });
    }

    // The bookings' points reach the ledger through the events handler: the agent is ranked this month.
    await waitFor(
      "the agent's month rank",
      async () => (await repos.quests.monthRank(username, today)).now,
      150_000,
    );
    // Null Storno is decided once the day is over.
    const facts = await repos.quests.dayFacts(
      username,
      today,
      startOfToday.plus({ days: 1, minutes: 5 }).toJSDate(),
    );
    expect(facts.firstSignIn && facts.firstSignIn < "10:00").toBe(true);
    expect(facts.bookings.length).toBeGreaterThanOrEqual(5);
    expect(facts.spins).toBe(3);
    expect(facts.cancellations).toBe(0);
    // A fresh agent with points this month was not ranked at the start of the day: the rank improved.
    expect(facts.rank.now).toBeDefined();

    for (const quest of questCatalogue.filter((q) => q.metric !== "otherQuestsDone")) {
      expect(questProgress([quest], facts)[0], quest.id).toMatchObject({ complete: true });
    }
    const master = questCatalogue.filter((q) =>
      ["buchungs-blitz", "voller-tag", "gluecksrad", "quest-meister"].includes(q.id),
    );
    expect(questProgress(master, facts).every((progress) => progress.complete)).toBe(true);

    // A cancellation that day breaks Null Storno.
    const cancelled = await client.request("POST", `/api/bookings/${booked[0]?.id}/cancel`);
    expect(cancelled.status).toBe(200);
    const after = await repos.quests.dayFacts(
      username,
      today,
      startOfToday.plus({ days: 1, minutes: 5 }).toJSDate(),
    );
    expect(after.cancellations).toBe(1);
    expect(
      questProgress(
        questCatalogue.filter((q) => q.id === "null-storno"),
        after,
      )[0]?.complete,
    ).toBe(false);
  }, 240_000);

  it("claims a completed quest once: the reward is credited, a second claim changes nothing", async () => {
    const { username, client } = await freshAgent();
    await client.request("POST", "/api/gamification/login-reward");
    await grantCoins(username, 30);
    for (let spin = 0; spin < 3; spin++) {
      await repos.wheel.spinWheel(username, {
        now: new Date(),
        payment: "coins",
        randomInt: landOn("nothing-2"),
      });
    }
    type Quests = {
      date: string;
      multiplier: number;
      quests: { id: string; complete: boolean; claimed: boolean; reward: { coins: number; xp: number } }[];
    };
    const listed = await client.request<Quests>("GET", "/api/gamification/quests");
    expect(listed.status).toBe(200);
    expect(listed.body.quests).toHaveLength(4);
    expect([1, 1.2, 1.5]).toContain(listed.body.multiplier);
    const open = listed.body.quests.find((quest) => !quest.complete);
    if (open) {
      const refused = await client.request("POST", `/api/gamification/quests/${open.id}/claim`);
      expect(refused.status).toBe(409);
    }
    // Signing in today completes "Dranbleiben" when drawn; otherwise claim through the repository's own path below.
    const done = listed.body.quests.find((quest) => quest.complete && !quest.claimed);
    const before = await repos.ledger.getAccount(username);
    if (done) {
      const claimed = await client.request<{ reward: { coins: number; xp: number } }>(
        "POST",
        `/api/gamification/quests/${done.id}/claim`,
      );
      expect(claimed.status).toBe(200);
      const again = await client.request("POST", `/api/gamification/quests/${done.id}/claim`);
      expect(again.status).toBe(409);
      const afterAccount = await repos.ledger.getAccount(username);
      expect(afterAccount.coins - before.coins).toBeGreaterThanOrEqual(done.reward.coins);
      expect(afterAccount.counters.quests).toBe(1);
      const relisted = await client.request<Quests>("GET", "/api/gamification/quests");
      expect(relisted.body.quests.find((quest) => quest.id === done.id)?.claimed).toBe(true);
    }
    // Exactly once whatever the path: the same quest key applied again is refused by the ledger.
    const state = (await repos.quests.questDay(username, listed.body.date, new Date())).quests[0];
    if (!state) throw new Error("no quests");
    const firstClaim = await repos.quests.claimQuest(username, listed.body.date, state, new Date());
    const secondClaim = await repos.quests.claimQuest(username, listed.body.date, state, new Date());
    expect([firstClaim.applied, secondClaim.applied]).toEqual([!state.claimed, false]);
  });

  it("measures a finished day's rank quest by that day's standings, not by today's", async () => {
    const zone = (await repos.settings.currentSlotTemplate()).timeZone;
    const today = DateTime.now().setZone(zone).toISODate() ?? "";
    const yesterday = DateTime.fromISO(today).minus({ days: 1 }).toISODate() ?? "";
    // An agent new today whose draw of yesterday holds "improve your rank".
    let agent = await freshAgent();
    while (!drawQuests(yesterday, agent.username).some((quest) => quest.id === "rang-verbessern"))
      agent = await freshAgent();
    const slot = (
      await agent.client.request<{ slots: SlotView[] }>(
        "GET",
        `/api/availability?from=${isoDay(1)}&to=${isoDay(28)}`,
      )
    ).body.slots.find((candidate) => candidate.free > 0);
    if (!slot) throw new Error("no free slot");
    await book(agent.client, slot);
    // Ranked in this month's board today: that says nothing about yesterday.
    await waitFor("a rank today", async () => (await repos.quests.monthRank(agent.username, today)).now);
    const facts = await repos.quests.dayFacts(agent.username, yesterday, new Date());
    expect(facts.rank.now).toBeUndefined();
    const quests = await agent.client.request<{ yesterday?: { quests: { id: string }[] } }>(
      "GET",
      "/api/gamification/quests",
    );
    expect(quests.body.yesterday?.quests.map((quest) => quest.id) ?? []).not.toContain("rang-verbessern");
  });

  it("grants the login reward once a day", async () => {
    const { client } = await freshAgent();
    const first = await client.request<{ granted: boolean; coins: number; streak: number }>(
      "POST",
      "/api/gamification/login-reward",
    );
    expect(first.body).toMatchObject({ granted: true, coins: 15, streak: 1 });
    const second = await client.request<{ granted: boolean }>("POST", "/api/gamification/login-reward");
    expect(second.body.granted).toBe(false);
  });
});

describe("Glücksrad", () => {
  it("credits every prize kind in the spin's own transaction", async () => {
    const { username, client } = await freshAgent();
    await grantCoins(username, 10 * wheelPrizes.length);
    for (const prize of wheelPrizes) {
      const before = await repos.ledger.getAccount(username);
      const spin = await repos.wheel.spinWheel(username, {
        now: new Date(plainDay),
        payment: "coins",
        randomInt: landOn(prize.id),
      });
      const after = await repos.ledger.getAccount(username);
      expect(spin.prizeId).toBe(prize.id);
      const coins = prize.kind === "coins" || prize.kind === "jackpot" ? prize.amount : 0;
      expect(after.coins - before.coins, prize.id).toBe(coins - 10);
      expect(after.xp - before.xp, prize.id).toBe(prize.kind === "xp" ? 50 : 0);
      expect(after.streakShields - before.streakShields, prize.id).toBe(
        prize.kind === "streakShield" ? 1 : 0,
      );
      expect(after.badgeTokens - before.badgeTokens, prize.id).toBe(prize.kind === "badgeToken" ? 1 : 0);
      if (prize.kind === "mysteryBox") {
        expect(spin.itemId, "the mystery box names its cosmetic").toBeDefined();
        expect((await repos.shop.readInventory(username)).owned.has(spin.itemId ?? "")).toBe(true);
      }
    }
    const wheel = await client.request<{
      spins: { prizeId: string }[];
      prizes: unknown[];
      totalWeight: number;
    }>("GET", "/api/gamification/wheel");
    expect(wheel.body.totalWeight).toBe(101);
    expect(wheel.body.prizes).toHaveLength(11);
    expect(wheel.body.spins).toHaveLength(wheelPrizes.length);
    expect((await repos.ledger.getAccount(username)).counters.spins).toBe(wheelPrizes.length);
  });

  it("pays with a bonus spin when there is one, and refuses a spin nobody can pay even when the prize would cover it", async () => {
    const { username, client } = await freshAgent();
    await grantCoins(username, 5);
    // The jackpot would more than pay for the spin: the price is still checked on its own.
    await expect(
      repos.wheel.spinWheel(username, {
        now: new Date(plainDay),
        payment: "coins",
        randomInt: landOn("jackpot"),
      }),
    ).rejects.toBeInstanceOf(repos.ledger.InsufficientCoinsError);
    const refused = await client.request("POST", "/api/gamification/wheel/spin");
    expect(refused.status).toBe(409);
    expect((await repos.ledger.getAccount(username)).coins).toBe(5);
    await repos.ledger.applyLedgerEntry({
      username,
      eventKey: `test:spin:${randomUUID()}`,
      occurredAt: plainDay,
      kind: "quest",
      inventory: { bonusSpins: 1 },
    });
    const spun = await client.request<{
      spin: { payment: string };
      balance: { bonusSpins: number; coins: number };
    }>("POST", "/api/gamification/wheel/spin");
    expect(spun.status).toBe(200);
    expect(spun.body.spin.payment).toBe("bonusSpin");
    expect(spun.body.balance.bonusSpins).toBe(0);
  });

  it("20 concurrent spins with coins for 3: exactly 3 succeed, the balance never goes below 0", async () => {
    const { username } = await freshAgent();
    await grantCoins(username, 30);
    const attempt = async (): Promise<boolean> => {
      for (;;) {
        try {
          await repos.wheel.spinWheel(username, {
            now: new Date(plainDay),
            payment: "coins",
            randomInt: landOn("nothing-3"),
          });
          return true;
        } catch (error) {
          if (error instanceof repos.ledger.InsufficientCoinsError) return false;
          // Contention outlasting the data layer's retries: a client would retry after Retry-After.
          if (error instanceof repos.errors.StoreBusyError) continue;
          throw error;
        }
      }
    };
    const results = await Promise.all(Array.from({ length: 20 }, attempt));
    expect(results.filter(Boolean)).toHaveLength(3);
    const account = await repos.ledger.getAccount(username);
    expect(account.coins).toBe(0);
    expect(account.counters.spins).toBe(3);
  });
});
