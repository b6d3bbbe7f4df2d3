import { formatNumber, locale, tMaybe } from "./index.ts";

const rules = new Map<string, Intl.PluralRules>();

function category(count: number): string {
  const tag = locale() === "de" ? "de-DE" : "en-GB";
  let forLocale = rules.get(tag);
  if (!forLocale) {
    forLocale = new Intl.PluralRules(tag);
    rules.set(tag, forLocale);
  }
  return forLocale.select(count);
}

/**
 * The text for a count: `base.one` / `base.other` (and any other CLDR category a language needs),
 * chosen by Intl.PluralRules for the current language; `{count}` is filled with the number.
 */
export function tCount(base: string, count: number, params: Record<string, string | number> = {}): string {
  const all = { count, ...params };
  return (
    tMaybe(`${base}.${category(count)}`, all) ??
    tMaybe(`${base}.other`, all) ??
    // A missing key is a programming error; show the key rather than nothing.
    base
  );
}

/** A count in the current language's number format ("1.500 Münzen"), the word chosen by the count. */
export function tCountFormatted(base: string, count: number): string {
  return tCount(base, count, { count: formatNumber(count) });
}

/** A number of coins: "1 Münze", "1.500 Münzen" / "1 coin", "1,500 coins". */
export function coinsText(count: number): string {
  return tCountFormatted("plural.coins", count);
}
