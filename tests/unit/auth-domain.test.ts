import { describe, expect, it } from "vitest";
import { parseBootstrapUsers } from "../../shared/auth/bootstrap.ts";
import {
  hashPassword,
  needsRehash,
  verifyAgainstDummy,
  verifyPassword,
} from "../../shared/domain/auth/password.ts";
import { lockedForSeconds, loginThrottle } from "../../shared/domain/auth/throttle.ts";

describe("password hashing", () => {
  it("hashes with scrypt N=2^17, r=8, p=1 and a random salt", async () => {
    const first = await hashPassword("correct horse battery staple");
    const second = await hashPassword("correct horse battery staple");
    expect(first).toMatch(/^scrypt\$17\$8\$1\$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword("correct horse battery staple", first)).toBe(true);
    expect(await verifyPassword("correct horse battery stapl", first)).toBe(false);
    expect(needsRehash(first)).toBe(false);
    expect(needsRehash("scrypt$14$8$1$c2FsdA==$aGFzaA==")).toBe(true);
    expect(await verifyAgainstDummy("anything")).toBe(false);
  });

  it("rejects hashes of unknown schemes", async () => {
    expect(await verifyPassword("x", "md5$abc")).toBe(false);
  });
});

describe("login throttle", () => {
  const now = 1_000_000;
  it("locks after the limit within the window and opens when the window ends", () => {
    const limit = loginThrottle.maxFailuresPerUser;
    expect(lockedForSeconds(undefined, limit, now)).toBe(0);
    expect(lockedForSeconds({ count: limit - 1, firstAt: now - 10 }, limit, now)).toBe(0);
    expect(lockedForSeconds({ count: limit, firstAt: now - 10 }, limit, now)).toBe(
      loginThrottle.windowSeconds - 10,
    );
    expect(lockedForSeconds({ count: limit, firstAt: now - loginThrottle.windowSeconds }, limit, now)).toBe(
      0,
    );
  });
});

describe("BOOTSTRAP_USERS", () => {
  it("parses the user:password:role list, defaulting to agent", () => {
    expect(parseBootstrapUsers(" Chef:chef-password-1:admin, tel1:tel1-password ,")).toEqual([
      { username: "chef", password: "chef-password-1", role: "admin", displayName: "Chef" },
      { username: "tel1", password: "tel1-password", role: "agent", displayName: "Tel1" },
    ]);
  });
  it("refuses short passwords and unknown roles", () => {
    expect(() => parseBootstrapUsers("a1b:short:admin")).toThrow(/shorter/);
    expect(() => parseBootstrapUsers("abc:long-enough-pw:boss")).toThrow();
  });
});
