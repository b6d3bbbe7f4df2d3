import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { build } from "vite";
import solid from "vite-plugin-solid";
import { config } from "../../shared/config.ts";
import { addDays, localDate } from "../../shared/domain/booking/local-date.ts";
import { projectRoot } from "../../stacks/functions.ts";
import { launchChromium } from "../support/browser.ts";
import { initialJs } from "../support/site-size.ts";
import { type BenchContext, type BenchRow, repeat, since, timed } from "./table.ts";

// Level 6, as tests/support/site-size.ts counts: what a server's default compression sends.
const gzipKB = (bytes: Buffer) => gzipSync(bytes, { level: 6 }).byteLength / 1024;

/** A bare Solid app built with the site's Vite settings: the least JS any page of ours can ship. */
async function floorAppGzipKB(): Promise<number> {
  const root = join(projectRoot, "cdk.out", "bench-site-floor");
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  writeFileSync(
    join(root, "index.html"),
    '<!doctype html><html lang="de"><body><div id="root"></div><script type="module" src="/main.tsx"></script></body></html>',
  );
  writeFileSync(
    join(root, "main.tsx"),
    'import { render } from "solid-js/web";\nrender(() => <main><h1>Termin buchen</h1></main>, document.getElementById("root")!);\n',
  );
  await build({
    configFile: false,
    root,
    logLevel: "silent",
    plugins: [solid()],
    build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
  });
  const assets = join(root, "dist", "assets");
  return readdirSync(assets)
    .filter((file) => file.endsWith(".js"))
    .reduce((sum, file) => sum + gzipKB(readFileSync(join(assets, file))), 0);
}

/** Monday of the week `date` lies in. */
function mondayOf(date: string): string {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

/**
 * The site as a new user's browser gets it: the JS (gzip, as served) a cold
 * Chromium loads until the booking page's week is usable, and on the login
 * page, next to a bare Solid app built the same way; and the time from
 * navigation to a usable week (signed in, cold cache) next to the week's own
 * API request made from Node.
 */
export async function benchSite(ctx: BenchContext): Promise<BenchRow[]> {
  const siteDir = ctx.siteDir;
  if (!siteDir || !existsSync(join(siteDir, "index.html"))) {
    throw new Error("no site build in frontend/dist: run npm run build (npm run bench does)");
  }
  const floorKB = await floorAppGzipKB();
  const session = await ctx.signIn();
  const cookies = session.cookie.split("; ").map((pair) => {
    const at = pair.indexOf("=");
    return { name: pair.slice(0, at), value: pair.slice(at + 1), url: ctx.stack.url };
  });
  const monday = mondayOf(localDate(new Date(), config().TIMEZONE));
  const weekUrl = `${ctx.stack.url}/api/availability?from=${monday}&to=${addDays(monday, 6)}`;

  /** gzip size of the dist files behind the script URLs a page loaded. */
  const scriptKB = (urls: Set<string>) =>
    [...urls].reduce((sum, url) => {
      const file = join(siteDir, decodeURIComponent(new URL(url).pathname));
      if (!existsSync(file)) throw new Error(`script ${url} is not in the build`);
      return sum + gzipKB(readFileSync(file));
    }, 0);

  const browser: Browser = await launchChromium();
  try {
    const load = async (path: string, ready: string, signedIn: boolean) => {
      // A fresh context per load: empty cache, as a new user's first visit.
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "de-DE" });
      try {
        if (signedIn) await context.addCookies(cookies);
        const page = await context.newPage();
        const scripts = new Set<string>();
        page.on("request", (request) => {
          if (request.resourceType() === "script") scripts.add(request.url());
        });
        const started = performance.now();
        await page.goto(`${ctx.stack.url}${path}`);
        try {
          await page.locator(ready).first().waitFor({ timeout: 60_000 });
        } catch (error) {
          const shot = join(projectRoot, "test-results", "bench-site.png");
          await page.screenshot({ path: shot, fullPage: true });
          throw new Error(`${path}: no ${ready} at ${page.url()} (screenshot ${shot}): ${String(error)}`);
        }
        const ms = since(started);
        return { ms, kb: scriptKB(scripts) };
      } finally {
        await context.close();
      }
    };
    // Warm-up: Chromium's own first start and the handlers' first import are no part of the site.
    await load("/", ".week-grid:not([aria-busy='true']) button.cell", true);
    const runs = await repeat(ctx.runs, async () => {
      const week = await load("/", ".week-grid:not([aria-busy='true']) button.cell", true);
      const login = await load("/login", "form input:not([type='hidden'])", false);
      const api = await timed(async () => {
        const response = await fetch(weekUrl, { headers: { cookie: session.cookie } });
        if (!response.ok) throw new Error(`availability answered ${response.status}`);
        await response.arrayBuffer();
      });
      return { week, login, api };
    });
    const floorName = "a bare Solid app, same Vite settings";
    // What the size test asserts (≤ 60 KB): the build manifest's static graph of each start page.
    const manifestKB = (page: string) => [initialJs(page).gzipBytes / 1024];
    return [
      {
        figure: "site initial JS, booking page (gzip, build manifest)",
        unit: "KB",
        samples: manifestKB("src/pages/Book.tsx"),
        baseline: { name: floorName, samples: [floorKB] },
      },
      {
        figure: "site initial JS, login page (gzip, build manifest)",
        unit: "KB",
        samples: manifestKB("src/pages/Login.tsx"),
        baseline: { name: floorName, samples: [floorKB] },
      },
      {
        figure: "JS Chromium loaded until the week is usable (gzip)",
        unit: "KB",
        samples: runs.map((run) => run.week.kb),
        baseline: { name: floorName, samples: [floorKB] },
      },
      {
        figure: "JS Chromium loaded for the login page (gzip)",
        unit: "KB",
        samples: runs.map((run) => run.login.kb),
        baseline: { name: floorName, samples: [floorKB] },
      },
      {
        figure: "time to a usable week view in Chromium (signed in, cold cache)",
        unit: "ms",
        samples: runs.map((run) => run.week.ms),
        baseline: { name: "the week's GET /api/availability from Node", samples: runs.map((run) => run.api) },
      },
    ];
  } finally {
    await browser.close();
  }
}
