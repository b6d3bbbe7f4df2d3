import { createSignal } from "solid-js";
import type * as z from "zod";
import {
  isMessageId,
  type Language,
  formatMessage as messageText,
  translateIssue,
} from "../../../shared/contracts/messages.ts";
import { setRequestLanguage } from "../api/client.ts";
import { timeZone } from "../dates.ts";
import { de, type MessageKey } from "./de.ts";
import { en } from "./en.ts";

type Locale = Language;
const dictionaries: Record<Locale, Record<MessageKey, string>> = { de, en };
const storageKey = "slot-booking.locale";

const [locale, setLocaleSignal] = createSignal<Locale>(
  localStorage.getItem(storageKey) === "en" ? "en" : "de",
);

export { locale };

setRequestLanguage(locale());

export function setLocale(next: Locale): void {
  localStorage.setItem(storageKey, next);
  document.documentElement.lang = next;
  setRequestLanguage(next);
  setLocaleSignal(next);
}

/** A zod issue of the shared schemas in the current language (their messages are catalogue ids). */
export function issueText(issue: z.core.$ZodIssue): string {
  return translateIssue(issue, locale());
}

/** A text the API stored as a catalogue id (e.g. a job run's error) in the current language; other text as is. */
export function apiText(text: string): string {
  return isMessageId(text) ? messageText(text, locale()) : text;
}

/** The text for `key` in the current language, with `{name}` placeholders filled. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return dictionaries[locale()][key].replace(/\{(\w+)\}/g, (_, name: string) =>
    String(params[name] ?? `{${name}}`),
  );
}

/** For keys built at run time (audit actions, job summary fields): the text, or undefined when unknown. */
export function tMaybe(key: string, params: Record<string, string | number> = {}): string | undefined {
  return Object.hasOwn(dictionaries[locale()], key) ? t(key as MessageKey, params) : undefined;
}

const intlLocale = () => (locale() === "de" ? "de-DE" : "en-GB");

export function formatDay(date: string, style: "short" | "long" = "short"): string {
  return new Intl.DateTimeFormat(intlLocale(), {
    weekday: style === "long" ? "long" : "short",
    day: "2-digit",
    month: "2-digit",
    ...(style === "long" ? { year: "numeric" } : {}),
    timeZone: "UTC",
  }).format(new Date(`${date}T12:00:00Z`));
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(intlLocale()).format(value);
}

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(intlLocale(), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: timeZone(),
  }).format(new Date(iso));
}

export function formatTime(iso: string): string {
  return new Intl.DateTimeFormat(intlLocale(), { timeStyle: "medium", timeZone: timeZone() }).format(
    new Date(iso),
  );
}
