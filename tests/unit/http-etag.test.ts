import { describe, expect, it } from "vitest";
import { etagMatches, weakEtag } from "../../shared/http/etag.ts";

describe("weak ETags over response bodies", () => {
  it("is stable for the same body and differs for another", () => {
    expect(weakEtag('{"a":1}')).toBe(weakEtag('{"a":1}'));
    expect(weakEtag('{"a":1}')).not.toBe(weakEtag('{"a":2}'));
    expect(weakEtag("{}")).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
  });

  it("compares If-None-Match weakly, as a list, and with *", () => {
    const etag = weakEtag("{}");
    const opaque = etag.slice(2);
    expect(etagMatches(etag, etag)).toBe(true);
    expect(etagMatches(opaque, etag)).toBe(true);
    expect(etagMatches(`W/"x", ${etag}`, etag)).toBe(true);
    expect(etagMatches("*", etag)).toBe(true);
    expect(etagMatches('W/"x"', etag)).toBe(false);
    expect(etagMatches(undefined, etag)).toBe(false);
  });
});
