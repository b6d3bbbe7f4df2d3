import { createSignal } from "solid-js";
import type * as z from "zod";
import type { Language } from "../../../shared/contracts/languages.ts";
import { setRequestLanguage } from "../api/client.ts";
import { timeZone } from "../dates.ts";
import { dateTimeFormat, numberFormat } from "../intl.ts";
import type { MessageKey } from "./de.ts";

type Locale = Language;
type Dictionary = Record<MessageKey, string>;

/**
 * Only the current language's texts are loaded (the entry waits for them before
 * the first render); switching loads the other one first, then shows it.
 */
const loaders: Record<Locale, () => Promise<{ default: Record<string, string> }>> = {
  de: () => import("virtual:texts/de"),
  en: () => import("virtual:texts/en"),
};
const dictionaries: Partial<Record<Locale, Dictionary>> = {};
const storageKey = "slot-booking.locale";

const [locale, setLocaleSignal] = createSignal<Locale>(
  localStorage.getItem(storageKey) === "en" ? "en" : "de",
);

export { locale };

setRequestLanguage(locale());

/** Loads a language's texts once; the site renders only after the current one is there. */
export async function loadTexts(language: Locale): Promise<void> {
  dictionaries[language] ??= (await loaders[language]()).default as Dictionary;
}

export async function setLocale(next: Locale): Promise<void> {
  await loadTexts(next);
  localStorage.setItem(storageKey, next);
  document.documentElement.lang = next;
  setRequestLanguage(next);
  setLocaleSignal(next);
}

/**
 * The API's message catalogue (every area's texts in both languages) is loaded
 * only by pages that validate with the shared schemas or show stored message ids:
 * their loaders await `loadCatalogue()` before they render, so the sign-in page
 * and the week view do not pay for it.
 */
let catalogue: typeof import("../../../shared/contracts/messages.ts") | undefined;
let catalogueLoading: Promise<void> | undefined;

export function loadCatalogue(): Promise<void> {
  catalogueLoading ??= import("../../../shared/contracts/messages.ts").then(
    (module) => {
      catalogue = module;
    },
    (error: unknown) => {
      catalogueLoading = undefined; // a failed load (offline) is tried again by the next page
      throw error;
    },
  );
  return catalogueLoading;
}

/** A zod issue of the shared schemas in the current language (their messages are catalogue ids). */
export function issueText(issue: z.core.$ZodIssue): string {
  // Without the catalogue (a caller that did not load it): the id rather than nothing.
  return catalogue ? catalogue.translateIssue(issue, locale()) : issue.message;
}

/** A text the API stored as a catalogue id (e.g. a job run's error) in the current language; other text as is. */
export function apiText(text: string): string {
  return catalogue?.isMessageId(text) ? catalogue.formatMessage(text, locale()) : text;
}

/** The text for `key` in the current language, with `{name}` placeholders filled. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  // Before the texts are there (nothing renders then) or for a key missing at run time: the key.
  return (dictionaries[locale()]?.[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) =>
    String(params[name] ?? `{${name}}`),
  );
}

/** For keys built at run time (audit actions, job summary fields): the text, or undefined when unknown. */
export function tMaybe(key: string, params: Record<string, string | number> = {}): string | undefined {
  const texts = dictionaries[locale()];
  return texts && Object.hasOwn(texts, key) ? t(key as MessageKey, params) : undefined;
}

const intlLocale = () => (locale() === "de" ? "de-DE" : "en-GB");

/** "Mo., 01.12."; "Mo., 01.12.2025" (`shortWithYear`, where a range crosses a year); "Montag, 01.12.2025". */
export function formatDay(date: string, style: "short" | "shortWithYear" | "long" = "short"): string {
  return dateTimeFormat(intlLocale(), {
    weekday: style === "long" ? "long" : "short",
    day: "2-digit",
    month: "2-digit",
    ...(style === "short" ? {} : { year: "numeric" }),
    timeZone: "UTC",
  }).format(new Date(`${date}T12:00:00Z`));
}

export function formatNumber(value: number): string {
  return numberFormat(intlLocale()).format(value);
}

export function formatDateTime(iso: string): string {
  return dateTimeFormat(intlLocale(), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: timeZone(),
  }).format(new Date(iso));
}

export function formatTime(iso: string): string {
  return dateTimeFormat(intlLocale(), { timeStyle: "medium", timeZone: timeZone() }).format(new Date(iso));
}
