import { chmodSync, lstatSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";

/**
 * Makes `dir` (created if missing) and everything already in it readable by
 * this user only: folders 0700, files 0600. It holds password hashes, sessions
 * and the session secret; older versions created it world-readable.
 */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const walk = (path: string) => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return;
    if (stat.isDirectory()) {
      chmodSync(path, 0o700);
      for (const name of readdirSync(path)) walk(join(path, name));
    } else {
      chmodSync(path, 0o600);
    }
  };
  walk(dir);
}
