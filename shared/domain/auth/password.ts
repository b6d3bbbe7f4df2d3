import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/**
 * scrypt with the OWASP password storage parameters (N=2^17, r=8, p=1).
 * They need 128·N·r = 128 MiB, above Node's default `maxmem` of 32 MiB.
 */
export const scryptParameters = { logN: 17, r: 8, p: 1, keyLength: 64, saltLength: 16 } as const;
const maxmem = 256 * 1024 * 1024;

function derive(password: string, salt: Buffer, logN: number, r: number, p: number, keyLength: number) {
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize("NFKC"), salt, keyLength, { N: 2 ** logN, r, p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** `scrypt$logN$r$p$salt$hash` (base64): parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const { logN, r, p, keyLength, saltLength } = scryptParameters;
  const salt = randomBytes(saltLength);
  const key = await derive(password, salt, logN, r, p, keyLength);
  return ["scrypt", logN, r, p, salt.toString("base64"), key.toString("base64")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, logN, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const actual = await derive(
    password,
    Buffer.from(salt, "base64"),
    Number(logN),
    Number(r),
    Number(p),
    expected.length,
  );
  return timingSafeEqual(actual, expected);
}

/** Whether a stored hash uses weaker parameters than today's (rehash on next login). */
export function needsRehash(stored: string): boolean {
  const [, logN, r, p] = stored.split("$");
  return (
    Number(logN) < scryptParameters.logN || Number(r) < scryptParameters.r || Number(p) < scryptParameters.p
  );
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real check, so unknown usernames can't be told apart by timing. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("dummy-password-for-timing");
  await verifyPassword(password, await dummyHash);
  return false;
}
