import { mkdirSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/**
 * Debian's Chromium, headless, for the e2e tests. Background networking off:
 * this machine has no internet, and Chromium would keep trying. Screenshots go
 * to test-results/.
 */
export async function launchChromium(): Promise<Browser> {
  mkdirSync("test-results", { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}
