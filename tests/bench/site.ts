import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { desktopConfig, type Flags, type Result } from "lighthouse";
import type { Browser } from "playwright-core";
import { build } from "vite";
import solid from "vite-plugin-solid";
import { startGateway } from "../../local/gateway.ts";
import { config } from "../../shared/config.ts";
import { addDays, localDate } from "../../shared/domain/booking/local-date.ts";
import { securityHeaders } from "../../shared/http/security-headers.ts";
import { projectRoot } from "../../stacks/functions.ts";
import { launchChromium } from "../support/browser.ts";
import { initialJs } from "../support/site-size.ts";
import { type BenchContext, type BenchRow, repeat, since, timed } from "./table.ts";

// Level 6, as tests/support/site-size.ts counts: what a server's default compression sends.
const gzipKB = (bytes: Buffer) => gzipSync(bytes, { level: 6 }).byteLength / 1024;

/** A bare Solid app built with the site's Vite settings: the least JS any page of ours can ship. */
async function floorApp(): Promise<{ gzipKB: number; dist: string }> {
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
  const kb = readdirSync(assets)
    .filter((file) => file.endsWith(".js"))
    .reduce((sum, file) => sum + gzipKB(readFileSync(join(assets, file))), 0);
  return { gzipKB: kb, dist: join(root, "dist") };
}

type Preset = "mobile" | "desktop";

/** What one Lighthouse run reports of a page's load: the performance score (0–100) and its main metrics. */
interface LighthouseFigures {
  score: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  fcpMs: number;
}

/**
 * One Lighthouse run (performance only) in a headless Chromium of its own, as
 * the Lighthouse CLI does, with Lighthouse's default simulated throttling: the
 * mobile preset (Moto G Power, slow 4G, 4× CPU slowdown) or the desktop preset
 * (1350×940, 40 ms RTT, 10 Mbit/s, no CPU slowdown). Lighthouse resets the
 * cache and storage first, so every run is a first visit; a session travels as
 * a Cookie header (the reset would clear a cookie set in the browser). A run
 * whose trace Lighthouse could not record (NO_NAVSTART and the like: "run
 * Lighthouse again") is run again, up to twice. The last report of each page
 * is kept in test-results/ to find out why a score is what it is.
 */
async function lighthouseRun(
  url: string,
  preset: Preset,
  report: string,
  log: (line: string) => void,
  cookie?: string,
): Promise<LighthouseFigures> {
  for (let attempt = 1; ; attempt++) {
    const chrome = await chromeLauncher.launch({
      chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
      chromeFlags: [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
      ],
      logLevel: "silent",
    });
    let lhr: Result | undefined;
    try {
      const flags: Flags = {
        port: chrome.port,
        output: "json",
        logLevel: "silent",
        onlyCategories: ["performance"],
        ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
      };
      lhr = (await lighthouse(url, flags, preset === "desktop" ? desktopConfig : undefined))?.lhr;
    } finally {
      chrome.kill();
    }
    if (!lhr) throw new Error(`Lighthouse gave no result for ${url}`);
    if (lhr.runtimeError) {
      const message = `Lighthouse on ${url} (${preset}): ${lhr.runtimeError.code} ${lhr.runtimeError.message}`;
      if (attempt >= 3) throw new Error(message);
      log(`${message}: running it again`);
      continue;
    }
    writeFileSync(
      join(projectRoot, "test-results", `lighthouse-${report}-${preset}.json`),
      JSON.stringify(lhr),
    );
    const score = lhr.categories.performance?.score;
    if (score === null || score === undefined) throw new Error(`Lighthouse scored no performance for ${url}`);
    const metric = (id: string) => {
      const value = lhr.audits[id]?.numericValue;
      if (value === undefined) throw new Error(`Lighthouse measured no ${id} for ${url}`);
      return value;
    };
    return {
      score: score * 100,
      lcpMs: metric("largest-contentful-paint"),
      tbtMs: metric("total-blocking-time"),
      cls: metric("cumulative-layout-shift"),
      fcpMs: metric("first-contentful-paint"),
    };
  }
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
  const floor = await floorApp();
  const floorKB = floor.gzipKB;
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
    const lighthouseRows = await lighthouseFigures(ctx, session.cookie, floor.dist, floorName);
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
      ...lighthouseRows,
    ];
  } finally {
    await browser.close();
  }
}

/**
 * Lighthouse on the booking page (the start page after sign-in, signed in as
 * an agent), next to the bare Solid app served by a gateway of its own (same
 * compression and cache headers): mobile preset score, LCP, TBT and CLS, and
 * the desktop preset's score. The runs alternate page and baseline, so load on
 * the machine falls on both alike.
 */
async function lighthouseFigures(
  ctx: BenchContext,
  cookie: string,
  floorDist: string,
  floorName: string,
): Promise<BenchRow[]> {
  const floorGateway = await startGateway({ port: 0, responseHeaders: securityHeaders, siteDir: floorDist });
  const run = (url: string, preset: Preset, report: string, cookie?: string) =>
    lighthouseRun(url, preset, report, ctx.log, cookie);
  try {
    const bookUrl = `${ctx.stack.url}/`;
    const floorUrl = `${floorGateway.url}/`;
    // Warm-up: Chromium's first start, the handlers' first import and the day's login reward (a toast).
    await run(bookUrl, "mobile", "booking", cookie);
    await run(floorUrl, "mobile", "floor");
    const runs = await repeat(ctx.runs, async (index) => {
      const book = await run(bookUrl, "mobile", "booking", cookie);
      const bare = await run(floorUrl, "mobile", "floor");
      const bookDesktop = await run(bookUrl, "desktop", "booking", cookie);
      const bareDesktop = await run(floorUrl, "desktop", "floor");
      ctx.log(
        `lighthouse run ${index + 1}: booking page ${book.score.toFixed(0)} mobile, ${bookDesktop.score.toFixed(0)} desktop (load ${loadavg()[0]!.toFixed(1)})`,
      );
      return { book, bare, bookDesktop, bareDesktop };
    });
    const baseline = (pick: (figures: LighthouseFigures) => number) => ({
      name: floorName,
      samples: runs.map((run) => pick(run.bare)),
    });
    return [
      {
        figure: "Lighthouse performance, booking page signed in (mobile preset, simulated throttling)",
        unit: "points",
        samples: runs.map((run) => run.book.score),
        baseline: baseline((figures) => figures.score),
        note: "higher is better; the goal is ≥ 90",
      },
      {
        figure: "Lighthouse LCP, booking page (mobile preset)",
        unit: "ms",
        samples: runs.map((run) => run.book.lcpMs),
        baseline: baseline((figures) => figures.lcpMs),
      },
      {
        figure: "Lighthouse TBT, booking page (mobile preset)",
        unit: "ms",
        samples: runs.map((run) => run.book.tbtMs),
        baseline: baseline((figures) => figures.tbtMs),
      },
      {
        figure: "Lighthouse CLS, booking page (mobile preset)",
        unit: "shift score",
        samples: runs.map((run) => run.book.cls),
        baseline: baseline((figures) => figures.cls),
      },
      {
        figure: "Lighthouse performance, booking page signed in (desktop preset, simulated throttling)",
        unit: "points",
        samples: runs.map((run) => run.bookDesktop.score),
        baseline: { name: floorName, samples: runs.map((run) => run.bareDesktop.score) },
        note: "higher is better",
      },
    ];
  } finally {
    await floorGateway.close();
  }
}
