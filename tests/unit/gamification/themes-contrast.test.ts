import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { shopCatalogue, standardThemeId } from "../../../shared/domain/gamification/catalogue/shop.ts";

/**
 * Every shop theme keeps the site readable: the contrast of each text colour
 * against each background it is drawn on is at least 4.5:1 (WCAG AA for
 * normal text). The colours are read from the style sheets themselves, so a
 * changed colour is checked as it ships.
 */
const base = readFileSync("frontend/src/styles/base.css", "utf8");
const themes = readFileSync("frontend/src/styles/themes.css", "utf8");

type Properties = Record<string, string>;

/** The custom properties declared in the rule whose selector is exactly `selector`. */
function block(css: string, selector: string): Properties {
  const escaped = selector.replace(/[[\]"()=.*]/g, (char) => `\\${char}`);
  const match = new RegExp(`(^|\\n)${escaped}\\s*\\{([^}]*)\\}`).exec(css);
  if (!match) return {};
  return Object.fromEntries(
    [...(match[2] ?? "").matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1], (m[2] ?? "").trim()]),
  );
}

function resolve(properties: Properties, value: string, depth = 0): string {
  const reference = /^var\((--[\w-]+)\)$/.exec(value);
  if (!reference || depth > 5) return value;
  const target = properties[reference[1] ?? ""];
  if (!target) throw new Error(`undefined ${reference[1]}`);
  return resolve(properties, target, depth + 1);
}

function luminance(hex: string): number {
  const match = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  const channels = [0, 2, 4].map(
    (offset) => Number.parseInt((match[1] ?? "").slice(offset, offset + 2), 16) / 255,
  );
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** Text colour → the backgrounds the site draws it on. */
const pairs: [string, string][] = [
  ["--text", "--bg"],
  ["--text", "--surface"],
  ["--muted", "--bg"],
  ["--muted", "--surface"],
  ["--primary", "--surface"],
  ["--primary", "--bg"],
  ["--primary-dark", "--surface"],
  ["--danger", "--surface"],
  ["--on-primary", "--primary"],
  ["--on-primary", "--primary-dark"],
  ["--free-text", "--free"],
  ["--few-text", "--few"],
  ["--full-text", "--full"],
  ["--muted", "--full"],
  ["--topbar-text", "--topbar-bg"],
  ["--topbar-text", "--topbar-bg-2"],
  ["--topbar-muted", "--topbar-bg"],
  ["--topbar-muted", "--topbar-bg-2"],
  ["--nav-active-text", "--nav-active-bg"],
];

const themeNames = shopCatalogue
  .filter((item) => item.slot === "theme")
  .map((item) => item.id.replace(/^theme-/, ""));

function themeProperties(name: string): Properties {
  const properties = { ...block(base, ":root"), ...block(themes, ":root") };
  if (`theme-${name}` !== standardThemeId) {
    Object.assign(properties, block(themes, `:root[data-theme="${name}"]`));
  }
  return properties;
}

describe("theme contrast", () => {
  it("has a style block for every theme of the shop", () => {
    expect(themeNames).toHaveLength(6);
    for (const name of themeNames) {
      if (`theme-${name}` === standardThemeId) continue;
      expect(Object.keys(block(themes, `:root[data-theme="${name}"]`)).length, name).toBeGreaterThan(10);
    }
  });

  it("computes contrast like WCAG (black on white 21:1, same colour 1:1)", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrast("#777777", "#777777")).toBe(1);
    expect(contrast("#767676", "#ffffff")).toBeGreaterThan(4.5);
  });

  for (const name of themeNames) {
    it(`keeps every text/background pair of "${name}" at 4.5:1 or more`, () => {
      const properties = themeProperties(name);
      const failing = pairs
        .map(([text, background]) => {
          const ratio = contrast(
            resolve(properties, properties[text] ?? ""),
            resolve(properties, properties[background] ?? ""),
          );
          return { pair: `${text} on ${background}`, ratio: Math.round(ratio * 100) / 100 };
        })
        .filter(({ ratio }) => ratio < 4.5);
      expect(failing).toEqual([]);
    });
  }
});
