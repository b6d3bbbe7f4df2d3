import { beforeAll, describe, expect, it } from "vitest";
import type { SlotView } from "../../shared/contracts/booking.ts";
import { customer, isoDay } from "../support/booking.ts";
import { demoAgent, signedIn, type TestClient } from "../support/http.ts";

let agent: TestClient;

beforeAll(async () => {
  agent = await signedIn(demoAgent);
});

describe("conditional GETs for the live pages", () => {
  it("answers an unchanged week with 304 and no body, a changed one with 200 and a new ETag", async () => {
    const path = `/api/availability?from=${isoDay(1)}&to=${isoDay(14)}`;
    const first = await agent.request<{ slots: SlotView[] }>("GET", path);
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);

    const same = await agent.request("GET", path, { headers: { "if-none-match": etag } });
    expect(same.status).toBe(304);
    expect(same.body).toBeUndefined();
    expect(same.headers.get("etag")).toBe(etag);
    // A list of tags, one of them current, is a match too; another tag is not.
    const listed = await agent.request("GET", path, { headers: { "if-none-match": `W/"old", ${etag}` } });
    expect(listed.status).toBe(304);
    const other = await agent.request("GET", path, { headers: { "if-none-match": 'W/"old"' } });
    expect(other.status).toBe(200);

    const slot = first.body.slots.find(
      (candidate) => candidate.free > 0 && candidate.start > new Date().toISOString(),
    );
    if (!slot) throw new Error("no free slot");
    const booked = await agent.request("POST", "/api/bookings", {
      body: { date: slot.date, time: slot.time, ...customer("etag") },
    });
    expect(booked.status).toBe(201);
    const changed = await agent.request<{ slots: SlotView[] }>("GET", path, {
      headers: { "if-none-match": etag },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    const after = changed.body.slots.find(
      (candidate) => candidate.date === slot.date && candidate.time === slot.time,
    );
    expect(after?.booked).toBe(slot.booked + 1);
  });

  it("answers an unchanged leaderboard with 304, a changed one with its new body", async () => {
    const path = "/api/gamification/leaderboards?category=points&period=month";
    // Earlier bookings may still be moving the board (the events handler credits them): a 200 must then differ.
    let statuses: number[] = [];
    for (let attempt = 0; attempt < 10 && !statuses.includes(304); attempt++) {
      const first = await agent.request("GET", path);
      expect(first.status).toBe(200);
      const again = await agent.request("GET", path, {
        headers: { "if-none-match": first.headers.get("etag") ?? "" },
      });
      if (again.status === 200) expect(again.body).not.toEqual(first.body);
      statuses = [...statuses, again.status];
      if (again.status !== 304) await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    expect(statuses).toContain(304);
  });

  it("never answers 304 to a changing request or an error", async () => {
    const refused = await agent.request("GET", "/api/availability?from=2026-02-30&to=2026-03-01", {
      headers: { "if-none-match": "*" },
    });
    expect(refused.status).toBe(400);
    expect(refused.headers.get("etag")).toBeNull();
  });
});
