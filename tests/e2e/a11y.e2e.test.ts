import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { analyticsTabs } from "../../frontend/src/pages/analytics/tabs.ts";
import { progressTabs } from "../../frontend/src/pages/progress/tabs.ts";
import { launchChromium, weekWithFreeSlots } from "../support/browser.ts";
import { demoAdmin, demoAgent, signedIn } from "../support/http.ts";

/**
 * axe-core on every page of the site, in both languages and every theme: no
 * serious or critical violation, and a visible keyboard focus. One browser, one
 * signed-in context per role; pages are opened through the router (no reload),
 * so axe is injected once per context. The DOM does not change with the theme
 * (a theme is a block of colour properties on <html data-theme>), so the
 * theme-independent rules run once per page and language and the colour rules
 * once per theme.
 */
const baseUrl = inject("baseUrl");
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const languages = ["de", "en"] as const;
type Language = (typeof languages)[number];

/** "standard" (no attribute) and every `:root[data-theme="…"]` block of the theme sheet. */
const themes = [
  "standard",
  ...[
    ...readFileSync("frontend/src/styles/themes.css", "utf8").matchAll(/:root\[data-theme="([\w-]+)"\]/g),
  ].map((match) => match[1] ?? ""),
];

/** The admin tabs' path segments, as AdminPage declares them (`["users", "benutzer", UsersTab]`). */
const adminTabs = [
  ...readFileSync("frontend/src/pages/admin/AdminPage.tsx", "utf8").matchAll(/\["\w+", "([\w-]+)", \w+\]/g),
].map((match) => `/verwaltung/${match[1]}`);

const agentPages = [
  "/",
  "/termine",
  ...progressTabs
    .filter((tab) => !tab.adminOnly)
    .map((tab) => `/fortschritt${tab.path ? `/${tab.path}` : ""}`),
  "/tv",
  ...analyticsTabs
    .filter((tab) => !tab.adminOnly)
    .map((tab) => `/auswertung${tab.path ? `/${tab.path}` : ""}`),
  "/status",
];
const adminPages = [
  ...progressTabs.filter((tab) => tab.adminOnly).map((tab) => `/fortschritt/${tab.path}`),
  ...analyticsTabs.filter((tab) => tab.adminOnly).map((tab) => `/auswertung/${tab.path}`),
  ...adminTabs,
];
const signedOutPages = ["/login"];

let browser: Browser;
const problems: string[] = [];
const checked = new Set<string>();

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function context(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  // bypassCSP: axe is injected as a script, which the site's CSP rightly forbids.
  const created = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    locale: "de-DE",
    bypassCSP: true,
    reducedMotion: "reduce",
  });
  await created.addInitScript(axeSource);
  const page = await created.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  return { context: created, page, errors };
}

async function signIn(page: Page, user: { username: string; password: string }) {
  await page.goto(`${baseUrl}/login`);
  await page.locator("#username").fill(user.username);
  await page.locator("#password").fill(user.password);
  await page.locator("form button[type=submit]").click();
  await page.waitForURL((url) => url.pathname === "/");
  await page.locator("main h1").first().waitFor();
}

/**
 * The site's language without the DE|EN switch: the switch would save it on the demo
 * user, and a saved language overrides `Accept-Language` for every later test that
 * signs in as them. The demo users have none saved, so the browser's choice holds.
 */
async function chooseLanguage(page: Page, language: Language) {
  await page.evaluate(`localStorage.setItem("slot-booking.locale", "${language}")`);
  await page.reload();
  await page.locator("main h1").first().waitFor();
  await page.waitForFunction(`document.documentElement.lang === "${language}"`);
}

/**
 * Opens a path through the router (as a link would) and waits until the new page has
 * rendered and loaded its data. The router keeps the old page on screen while the new
 * one loads, so the old page's elements are marked first and the wait is for new ones.
 */
async function open(page: Page, path: string) {
  if (new URL(page.url()).pathname === path) return settle(page);
  await page.evaluate(`for (const element of document.querySelectorAll("main *")) element.setAttribute("data-a11y-old", "");
    history.pushState(null, "", ${JSON.stringify(path)});
    dispatchEvent(new PopStateEvent("popstate"));`);
  await page.waitForFunction(
    `location.pathname === ${JSON.stringify(path)} && document.querySelector("main *:not([data-a11y-old])") !== null`,
    undefined,
    { timeout: 30_000, polling: 50 },
  );
  await settle(page);
}

async function settle(page: Page) {
  // Loaded: a heading in the page, nothing busy, no loading placeholder (live pages may refresh later).
  await page
    .waitForFunction(
      `document.querySelector("main h1, main h2") !== null &&
        document.querySelector("main [aria-busy='true'], main .loading, main .skeleton") === null`,
      undefined,
      { timeout: 15_000, polling: 100 },
    )
    .catch(() => undefined);
  await page.waitForTimeout(150);
}

async function axe(page: Page, rules?: string[]): Promise<string[]> {
  // A string: these tests are compiled without the DOM types.
  const options = JSON.stringify(
    rules ? { runOnly: rules, resultTypes: ["violations"] } : { resultTypes: ["violations"] },
  );
  return page.evaluate(`axe.run(document, ${options}).then((result) =>
    result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => v.id + ": " + v.nodes.map((n) => n.target.join(" ") + (n.any[0] ? " (" + n.any[0].message + ")" : "")).slice(0, 3).join(" | ")))`);
}

/** Colour rules: the ones a theme can change. */
const colourRules = ["color-contrast", "link-in-text-block"];

function setTheme(page: Page, theme: string) {
  return page.evaluate(
    theme === "standard"
      ? "delete document.documentElement.dataset.theme"
      : `document.documentElement.dataset.theme = ${JSON.stringify(theme)}`,
  );
}

/**
 * Keyboard focus is visible where it lands: the focused element has an outline
 * of at least 2px whose colour stands out (3:1) from the background around it.
 * Returns the problems of the first `stops` tab stops of `start` (a selector).
 */
async function focusProblems(page: Page, start: string, stops: number): Promise<string[]> {
  const found: string[] = [];
  const from = page.locator(start).first();
  if ((await from.count()) === 0) return found;
  // A starting point just before `start`'s first focusable part, without drawing focus on it.
  await page.evaluate(`(() => {
    const anchor = document.createElement("span");
    anchor.tabIndex = -1;
    document.querySelector(${JSON.stringify(start)}).prepend(anchor);
    anchor.focus();
    anchor.addEventListener("blur", () => anchor.remove(), { once: true });
  })()`);
  for (let stop = 0; stop < stops; stop++) {
    await page.keyboard.press("Tab");
    const problem = await page.evaluate(focusProblem);
    if (problem) found.push(problem as string);
  }
  return found;
}

/**
 * Runs in the page (a string: these tests are compiled without the DOM types):
 * what is wrong with the focused element's focus indicator, or "".
 */
const focusProblem = `(() => {
  const element = document.activeElement;
  if (!element || element === document.body) return "";
  const classes = typeof element.className === "string" && element.className.trim() ? "." + element.className.trim().split(/\\s+/).join(".") : "";
  const name = element.tagName.toLowerCase() + (element.id ? "#" + element.id : "") + classes + ' "' + (element.textContent || "").trim().slice(0, 30) + '"';
  const style = getComputedStyle(element);
  const parse = (colour) => {
    const match = /rgba?\\(([\\d.]+),? ([\\d.]+),? ([\\d.]+)(?:,? \\/? ?([\\d.]+))?\\)/.exec(colour);
    return match ? [Number(match[1]), Number(match[2]), Number(match[3]), match[4] === undefined ? 1 : Number(match[4])] : undefined;
  };
  const luminance = (rgb) => {
    const [r, g, b] = rgb.slice(0, 3).map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a, b) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  };
  const width = Number.parseFloat(style.outlineWidth);
  if (style.outlineStyle === "none" || width < 2) return name + ": no outline (" + style.outlineStyle + " " + style.outlineWidth + ")";
  const ring = parse(style.outlineColor);
  if (!ring) return name + ": outline colour " + style.outlineColor;
  // The ring is drawn around the element: what lies behind it is the first painted ancestor.
  const backgrounds = [];
  for (let node = element.parentElement; node && backgrounds.length === 0; node = node.parentElement) {
    const own = getComputedStyle(node);
    for (const colour of own.backgroundImage.match(/rgba?\\([^)]+\\)/gi) || []) {
      const parsed = parse(colour);
      if (parsed) backgrounds.push(parsed);
    }
    const colour = parse(own.backgroundColor);
    if (colour && colour[3] > 0.5) backgrounds.push(colour);
  }
  if (backgrounds.length === 0) backgrounds.push([255, 255, 255, 1]);
  const worst = Math.min(...backgrounds.map((background) => contrast(ring, background)));
  return worst < 3 ? name + ": focus ring " + style.outlineColor + " has contrast " + worst.toFixed(2) + ":1 with the background" : "";
})()`;

const timings = { axe: 0, colours: 0, focus: 0 };

async function timed<T>(phase: keyof typeof timings, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await work();
  } finally {
    timings[phase] += Date.now() - started;
  }
}

/**
 * Every page of `pages` in both languages and every theme: all axe rules once per
 * page and language, the colour rules once per theme. The focus ring: on every page
 * (German, standard theme) and, per theme, on the first page (header and page).
 */
async function checkPages(page: Page, role: string, pages: string[], errors: string[]) {
  for (const language of languages) {
    await chooseLanguage(page, language);
    for (const [index, path] of pages.entries()) {
      await open(page, path);
      const where = `${role} ${path} ${language}`;
      for (const violation of await timed("axe", () => axe(page))) problems.push(`${where}: ${violation}`);
      for (const theme of themes) {
        await setTheme(page, theme);
        if (theme !== "standard") {
          const violations = await timed("colours", () => axe(page, colourRules));
          for (const violation of violations) problems.push(`${where} ${theme}: ${violation}`);
        }
        if (language === "de" && (theme === "standard" || index === 0)) {
          const found = await timed("focus", async () => [
            ...(await focusProblems(page, "main", 3)),
            ...(index === 0 ? await focusProblems(page, "header.topbar", 4) : []),
          ]);
          for (const problem of found) problems.push(`${where} ${theme}: ${problem}`);
          // The last header stop keeps its ring: one picture per theme to look at.
          if (index === 0 && role === "agent")
            await page.screenshot({ path: `test-results/a11y-theme-${theme}.png` });
        }
        checked.add(`${path} ${language} ${theme}`);
      }
      await setTheme(page, "standard");
    }
  }
  await page.screenshot({ path: `test-results/a11y-${role.replace(/\s/g, "-")}-last.png` });
  expect(errors, role).toEqual([]);
}

describe("accessibility of every page in Chromium", () => {
  it("lists every route of the site", () => {
    // A new route fails here until it is added to the lists above.
    const app = readFileSync("frontend/src/App.tsx", "utf8");
    const top = [...app.matchAll(/<Route path="([^"]+)"/g)].map((match) => match[1] ?? "");
    const known = new Set(
      [...agentPages, ...adminPages, ...signedOutPages].map((path) => `/${path.split("/")[1]}`),
    );
    for (const path of top.filter((path) => path !== "*" && !path.startsWith("/:"))) {
      if (
        ["/quests", "/rangliste", "/abzeichen", "/shop", "/ziele", "/prestige", "/telefonie"].includes(path)
      )
        continue;
      if (
        ["/team", "/kennzahlen", "/hinweise", "/berichte", "/kunden", "/prognosen", "/exporte"].includes(path)
      )
        continue;
      expect(known, path).toContain(`/${path.split("/")[1]}`.replace(/\/:.*$/, ""));
    }
  });

  it("has no serious or critical axe violations and a visible focus on every page, language and theme", async () => {
    const started = Date.now();
    // The roles side by side: each context has its own renderer, so a second core is used where there is one.
    const signedOutRun = async () => {
      const signedOut = await context();
      await signedOut.page.goto(`${baseUrl}/login`);
      await signedOut.page.locator("main h1").first().waitFor();
      await checkPages(signedOut.page, "signed out", signedOutPages, signedOut.errors);
      await signedOut.context.close();
    };
    const signedInRun = async (
      role: string,
      user: { username: string; password: string },
      pages: string[],
    ) => {
      const session = await context();
      await signIn(session.page, user);
      try {
        await checkPages(session.page, role, pages, session.errors);
      } finally {
        await session.context.close();
      }
    };
    await Promise.all([
      signedOutRun(),
      signedInRun("agent", demoAgent, agentPages),
      signedInRun("admin", demoAdmin, adminPages),
    ]);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `a11y: ${checked.size} page × language × theme combinations (${[...agentPages, ...adminPages, ...signedOutPages].length} pages, ${languages.length} languages, ${themes.length} themes) in ${seconds.toFixed(1)} s (summed over the roles: axe ${timings.axe / 1000} s, colour rules ${timings.colours / 1000} s, focus ${timings.focus / 1000} s)`,
    );
    expect(problems).toEqual([]);
  }, 600_000);
});

describe("keyboard alone in Chromium", () => {
  it("moves through the week grid with the arrow keys and opens and closes a slot's form", async () => {
    const { context: created, page, errors } = await context();
    await signIn(page, demoAgent);
    await weekWithFreeSlots(page);
    // From the top of the page: Tab until the focus is in the grid.
    await page.locator("main").focus();
    let inGrid = false;
    for (let press = 0; press < 60 && !inGrid; press++) {
      await page.keyboard.press("Tab");
      inGrid = await page.evaluate(`document.activeElement?.closest(".week-grid") != null`);
    }
    expect(inGrid).toBe(true);
    const where = () =>
      page.evaluate<string>(
        `document.activeElement?.dataset.col + "/" + document.activeElement?.dataset.row`,
      );
    const first = await where();
    await page.keyboard.press("ArrowRight");
    const right = await where();
    await page.keyboard.press("ArrowDown");
    const down = await where();
    await page.keyboard.press("ArrowLeft");
    const left = await where();
    expect(new Set([first, right, down, left]).size, [first, right, down, left].join(" ")).toBeGreaterThan(1);
    expect(await page.evaluate(focusProblem)).toBe("");
    const chosen = await page.evaluate<string>("document.activeElement?.dataset.slot");
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await page.screenshot({ path: "test-results/a11y-week-grid-keyboard.png" });
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    // Back where the keyboard was.
    expect(await page.evaluate("document.activeElement?.dataset.slot")).toBe(chosen);
    expect(errors).toEqual([]);
    await created.close();
  }, 120_000);

  it("spins the Glücksrad and opens its odds with the keyboard alone", async () => {
    // A fresh agent: the first sign-in's reward (15 coins) pays one spin.
    const admin = await signedIn(demoAdmin);
    const user = {
      username: `k${randomUUID().replaceAll("-", "").slice(0, 12)}`,
      password: "keyboard-only-123",
    };
    const created = await admin.request("POST", "/api/admin/users", {
      body: { ...user, displayName: `Tastatur ${user.username}`, role: "agent" },
    });
    expect(created.status).toBe(201);
    const { context: session, page, errors } = await context();
    await signIn(page, user);
    await open(page, "/fortschritt/quests");
    const spin = page.locator(".wheel button.button.primary");
    await spin.waitFor();
    await expect.poll(() => spin.isEnabled(), { timeout: 15_000 }).toBe(true);
    await page.locator("main").focus();
    let onSpin = false;
    for (let press = 0; press < 80 && !onSpin; press++) {
      await page.keyboard.press("Tab");
      onSpin = await page.evaluate<boolean>(
        `document.activeElement === document.querySelector(".wheel button.button.primary")`,
      );
    }
    expect(onSpin).toBe(true);
    expect(await page.evaluate(focusProblem)).toBe("");
    await page.keyboard.press("Enter");
    await page
      .getByTestId("wheel-result")
      .getByText(/Ergebnis:/)
      .waitFor({ timeout: 15_000 });
    // The odds: the summary is the next stop after the button.
    const onSummary = () =>
      page.evaluate<boolean>(`document.activeElement === document.querySelector(".wheel-odds summary")`);
    for (let press = 0; press < 5 && !(await onSummary()); press++) {
      await page.keyboard.press("Tab");
    }
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(`document.querySelector(".wheel-odds").open`)).toBe(true);
    await page.screenshot({ path: "test-results/a11y-wheel-keyboard.png", fullPage: true });
    expect(errors).toEqual([]);
    await session.close();
  }, 120_000);
});
