import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { demoAdmin, signedIn, TestClient } from "../support/http.ts";

/**
 * The cosmetics shop against the real local stack: purchases go through the
 * gamification ledger (one transaction with the ownership item), so coins
 * never go below zero however purchases race.
 */
let admin: TestClient;
let data: {
  ledger: typeof import("../../shared/data/gamification/ledger-repository.ts");
  shop: typeof import("../../shared/data/gamification/shop-repository.ts");
  catalogue: typeof import("../../shared/domain/gamification/catalogue/shop.ts");
};

beforeAll(async () => {
  admin = await signedIn(demoAdmin);
  process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
  process.env.S3_ENDPOINT = inject("s3Endpoint");
  data = {
    ledger: await import("../../shared/data/gamification/ledger-repository.ts"),
    shop: await import("../../shared/data/gamification/shop-repository.ts"),
    catalogue: await import("../../shared/domain/gamification/catalogue/shop.ts"),
  };
});

/** A new user of `role`, signed in, with exactly `coins` coins. */
async function freshUser(coins: number, role: "agent" | "admin" = "agent") {
  const username = `shop${randomUUID().slice(0, 8)}`;
  const password = "shop-password-123";
  const created = await admin.request("POST", "/api/admin/users", {
    body: { username, displayName: `Shop ${username}`, role, password },
  });
  expect(created.status).toBe(201);
  if (coins > 0) await setCoins(username, coins);
  const client = new TestClient();
  expect((await client.login(username, password)).status).toBe(200);
  return { username, client };
}

/** Exactly `coins` on the account, whatever multiplier a season applies to a credit. */
async function setCoins(username: string, coins: number) {
  const credit = (amount: number) =>
    data.ledger.applyLedgerEntry({
      username,
      eventKey: `test:coins:${randomUUID()}`,
      occurredAt: new Date().toISOString(),
      kind: "quest",
      coins: amount,
    });
  const before = (await data.ledger.getAccount(username)).coins;
  if (coins > before) await credit(coins - before);
  const after = (await data.ledger.getAccount(username)).coins;
  // A season's coin bonus applies to credits only: take the surplus back.
  if (after !== coins) await credit(coins - after);
  expect((await data.ledger.getAccount(username)).coins).toBe(coins);
}

interface ShopAnswer {
  coins: number;
  items: {
    id: string;
    slot: string;
    owned: boolean;
    equipped: boolean;
    locked: boolean;
    lockedReason?: string;
  }[];
}

interface ErrorAnswer {
  error: { code: string; message: string; fields?: Record<string, string> };
}

const purchase = (client: TestClient, itemId: string, headers: Record<string, string> = {}) =>
  client.request<ErrorAnswer & { coins: number }>("POST", `/api/gamification/shop/${itemId}/purchase`, {
    headers,
  });

describe("shop", () => {
  it("lets exactly 3 of 20 concurrent purchases through when the coins pay for 3: balance 0, never negative", async () => {
    const { username, client } = await freshUser(150);
    const cheap = data.catalogue.shopCatalogue
      .filter((item) => item.price === 50 && item.unlocks.length === 0)
      .slice(0, 20);
    expect(cheap).toHaveLength(20);
    const answers = await Promise.all(cheap.map((item) => purchase(client, item.id)));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(3);
    expect(statuses.filter((status) => status !== 200).every((status) => status === 409)).toBe(true);
    for (const answer of answers.filter((a) => a.status === 409)) {
      expect(answer.body.error.fields).toHaveProperty("coins");
    }
    for (const answer of answers.filter((a) => a.status === 200))
      expect(answer.body.coins).toBeGreaterThanOrEqual(0);
    expect((await data.ledger.getAccount(username)).coins).toBe(0);
    const shop = await client.request<ShopAnswer>("GET", "/api/gamification/shop");
    expect(shop.body.coins).toBe(0);
    expect(shop.body.items.filter((item) => item.owned && item.id !== "theme-standard")).toHaveLength(3);
  });

  it("refuses a locked item with the reason named by field (403), in the caller's language", async () => {
    const { client } = await freshUser(5000);
    const german = await purchase(client, "frame-centurion");
    expect(german.status).toBe(403);
    expect(german.body.error.code).toBe("forbidden");
    expect(german.body.error.fields?.["unlock.milestone"]).toContain("100 Buchungen");
    expect(german.body.error.fields?.["params.itemId"]).toContain("100 Buchungen");
    const english = await purchase(client, "title-booking-deity", { "accept-language": "en" });
    expect(english.status).toBe(403);
    expect(english.body.error.fields?.["unlock.level"]).toBe("Locked: from level 15");
    const shop = await client.request<ShopAnswer>("GET", "/api/gamification/shop");
    const centurion = shop.body.items.find((item) => item.id === "frame-centurion");
    expect(centurion).toMatchObject({ locked: true, owned: false });
    expect(centurion?.lockedReason).toContain("100");
    expect(shop.body.coins).toBe(5000);
  });

  it("unlocks on the server's facts: 100 bookings open the Centurion frame, a rare badge the Show-Meister title", async () => {
    const { username, client } = await freshUser(2000);
    expect((await purchase(client, "frame-centurion")).status).toBe(403);
    expect((await purchase(client, "title-show-master")).status).toBe(403);
    await data.ledger.applyLedgerEntry({
      username,
      eventKey: `test:bookings:${randomUUID()}`,
      occurredAt: new Date().toISOString(),
      kind: "booking",
      counters: { bookings: 100 },
    });
    const { transactWrite } = await import("../../shared/data/transactions.ts");
    const { earnedBadgeItem } = await import("../../shared/data/gamification/badges-repository.ts");
    await transactWrite([
      earnedBadgeItem(username, {
        badgeId: "test-rare",
        earnedAt: new Date().toISOString(),
        rarity: "epic",
        xp: 0,
        coins: 0,
      }),
    ]);
    expect((await purchase(client, "frame-centurion")).status).toBe(200);
    expect((await purchase(client, "title-show-master")).status).toBe(200);
    expect((await data.ledger.getAccount(username)).coins).toBe(2000 - 500 - 500);
  });

  it("sells an item once: buying it again is refused and costs nothing", async () => {
    const { username, client } = await freshUser(200);
    expect((await purchase(client, "avatar-fox")).status).toBe(200);
    const again = await purchase(client, "avatar-fox");
    expect(again.status).toBe(409);
    expect(again.body.error.fields).toHaveProperty("params.itemId");
    expect((await data.ledger.getAccount(username)).coins).toBe(150);
    expect((await purchase(client, "no-such-item")).status).toBe(404);
    expect((await purchase(client, "theme-standard")).status).toBe(409);
  });

  it("equips one item per slot and unequips it; others see what is worn", async () => {
    const { username, client } = await freshUser(500);
    for (const id of ["avatar-cat", "avatar-dog", "theme-emerald", "title-coffee"]) {
      expect((await purchase(client, id)).status).toBe(200);
    }
    const notOwned = await client.request<ErrorAnswer>("POST", "/api/gamification/shop/avatar-panda/equip");
    expect(notOwned.status).toBe(409);
    expect(notOwned.body.error.fields).toHaveProperty("params.itemId");

    expect((await client.request("POST", "/api/gamification/shop/avatar-cat/equip")).status).toBe(200);
    const worn = await client.request<Record<string, { id: string }>>(
      "POST",
      "/api/gamification/shop/avatar-dog/equip",
    );
    expect(worn.body.avatar?.id).toBe("avatar-dog");
    await client.request("POST", "/api/gamification/shop/theme-emerald/equip");
    await client.request("POST", "/api/gamification/shop/title-coffee/equip");

    const seen = await admin.request<Record<string, { id: string; name: { de: string } }>>(
      "GET",
      `/api/gamification/equipped/${username}`,
    );
    expect(seen.status).toBe(200);
    expect(Object.fromEntries(Object.entries(seen.body).map(([slot, item]) => [slot, item.id]))).toEqual({
      avatar: "avatar-dog",
      theme: "theme-emerald",
      title: "title-coffee",
    });
    expect(seen.body.title?.name.de).toBe("☕ Koffein-Junkie");
    const shop = await client.request<ShopAnswer>("GET", "/api/gamification/shop");
    const avatars = shop.body.items.filter((item) => item.slot === "avatar" && item.equipped);
    expect(avatars.map((item) => item.id)).toEqual(["avatar-dog"]);

    const afterUnequip = await client.request<Record<string, unknown>>(
      "POST",
      "/api/gamification/shop/slots/avatar/unequip",
    );
    expect(afterUnequip.status).toBe(200);
    expect(afterUnequip.body).not.toHaveProperty("avatar");
    expect(afterUnequip.body).toHaveProperty("theme");
    // The free standard theme is worn by emptying the slot.
    const standard = await client.request<Record<string, unknown>>(
      "POST",
      "/api/gamification/shop/theme-standard/equip",
    );
    expect(standard.status).toBe(200);
    expect(standard.body).not.toHaveProperty("theme");
    expect((await client.request("POST", "/api/gamification/shop/slots/nonsense/unequip")).status).toBe(400);
  });

  it("charges admins like everyone else", async () => {
    const { client } = await freshUser(0, "admin");
    const answer = await purchase(client, "avatar-cat");
    expect(answer.status).toBe(409);
    expect(answer.body.error.fields).toHaveProperty("coins");
  });

  it("grants the mystery box's common cosmetic once per spin, free of coins", async () => {
    const { username } = await freshUser(0);
    const grantKey = `spin-${randomUUID()}`;
    const first = await data.shop.grantItem(username, { grantKey, random: 0.42 });
    const again = await data.shop.grantItem(username, { grantKey, random: 0.9 });
    expect(first?.rarity).toBe("common");
    expect(again?.id).toBe(first?.id);
    const { owned } = await data.shop.readInventory(username);
    expect([...owned]).toEqual([first?.id]);
    expect((await data.ledger.getAccount(username)).coins).toBe(0);
  });
});
