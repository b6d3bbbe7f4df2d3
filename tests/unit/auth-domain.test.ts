import { describe, expect, it } from "vitest";
import { parseBootstrapUsers } from "../../shared/auth/bootstrap.ts";
import {
  hashPassword,
  needsRehash,
  verifyAgainstDummy,
  verifyPassword,
} from "../../shared/domain/auth/password.ts";
import { loginThrottle, retryAfterSeconds, throttleWindow } from "../../shared/domain/auth/throttle.ts";

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
  });

  it("spends a real password check on unknown users, so timing does not tell them apart", async () => {
    const stored = await hashPassword("the-real-password");
    await verifyAgainstDummy("warm-up"); // the first call also derives the dummy hash
    const timed = async (check: () => Promise<unknown>) => {
      const started = performance.now();
      await check();
      return performance.now() - started;
    };
    const real = await timed(() => verifyPassword("a-wrong-password", stored));
    const dummy = await timed(() => verifyAgainstDummy("a-wrong-password"));
    // Generous bound for a busy machine; skipping the hash makes it ~0.
    expect(dummy).toBeGreaterThan(real * 0.4);
  });

  it("rejects hashes of unknown schemes", async () => {
    expect(await verifyPassword("x", "md5$abc")).toBe(false);
  });
});

describe("login throttle", () => {
  const { windowSeconds, rules } = loginThrottle;
  it("counts in fixed windows that start on multiples of their length", () => {
    const start = 1_000 * windowSeconds;
    expect(throttleWindow(start)).toEqual({ start, end: start + windowSeconds });
    expect(throttleWindow(start + windowSeconds - 1)).toEqual({ start, end: start + windowSeconds });
    expect(throttleWindow(start + windowSeconds).start).toBe(start + windowSeconds);
  });
  it("locks only the user-and-address pair; user and address are slowed, never locked", () => {
    expect(rules.pair.freeAttempts).toBe(5);
    expect("spacingSeconds" in rules.pair).toBe(false);
    expect(rules.user.spacingSeconds).toBeGreaterThan(0);
    expect(rules.address.spacingSeconds).toBeGreaterThan(0);
    expect(rules.user.freeAttempts).toBeGreaterThan(rules.pair.freeAttempts);
    expect(rules.address.freeAttempts).toBeGreaterThan(rules.user.freeAttempts);
  });
  it("asks a locked pair to wait until the window ends and a slowed client one interval", () => {
    const window = throttleWindow(10 * windowSeconds);
    const now = window.start + 100;
    expect(retryAfterSeconds(rules.pair, window, now)).toBe(windowSeconds - 100);
    expect(retryAfterSeconds(rules.user, window, now)).toBe(rules.user.spacingSeconds);
    expect(retryAfterSeconds(rules.user, window, window.end - 2)).toBe(2);
  });
});

describe("BOOTSTRAP_USERS", () => {
  it("parses the user:password:role list, defaulting to agent", () => {
    expect(parseBootstrapUsers(" Chef:chef-password-1:admin, tel1:tel1-password ,")).toEqual([
      { username: "chef", password: "chef-password-1", role: "admin", displayName: "Chef" },
      { username: "tel1", password: "tel1-password", role: "agent", displayName: "Tel1" },
    ]);
  });
  it("keeps colons in passwords: the name ends at the first colon, the role follows the last", () => {
    expect(parseBootstrapUsers("chef:pa:ss:wo:rd-1:admin,tel1:http://pw-with-colon")).toEqual([
      { username: "chef", password: "pa:ss:wo:rd-1", role: "admin", displayName: "Chef" },
      { username: "tel1", password: "http://pw-with-colon", role: "agent", displayName: "Tel1" },
    ]);
  });
  it("accepts a JSON list for passwords with commas", () => {
    const list = JSON.stringify([{ username: "chef", password: "a,b:c-long-enough", role: "admin" }]);
    expect(parseBootstrapUsers(list)).toEqual([
      { username: "chef", password: "a,b:c-long-enough", role: "admin", displayName: "Chef" },
    ]);
  });
  it("reports and skips unusable entries without their passwords, keeping the others", () => {
    const problems: string[] = [];
    const users = parseBootstrapUsers("a1b:short:admin,abc:long-enough-pw:boss,good:good-password-1", (p) =>
      problems.push(p),
    );
    expect(users.map((user) => user.username)).toEqual(["abc", "good"]);
    expect(users[0]?.password).toBe("long-enough-pw:boss");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/entry 1/);
    expect(problems.join()).not.toMatch(/short/);
    expect(() => parseBootstrapUsers("a1b:short:admin")).toThrow(/entry 1/);
  });
});
