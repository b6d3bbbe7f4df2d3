import * as z from "zod";
import type { ErrorCode } from "./errors.ts";
import { defaultLanguage, type Language, languages } from "./languages.ts";
import { analyticsMessages } from "./messages-analytics.ts";
import { badgesMessages } from "./messages-badges.ts";
import { bookingListMessages } from "./messages-bookinglist.ts";
import { exportsMessages } from "./messages-exports.ts";
import { predictionsMessages } from "./messages-predictions.ts";
import { progressMessages } from "./messages-progress.ts";
import { questsMessages } from "./messages-quests.ts";
import { reportsMessages } from "./messages-reports.ts";
import { shopMessages } from "./messages-shop.ts";
import { telefonieMessages } from "./messages-telefonie.ts";

/**
 * Every text the API can answer with, by id, in each language the site
 * offers. The server throws ids (`new HttpError("conflict", "booking.slotFull")`,
 * zod messages are ids too) and translates at the edge; the site uses the same
 * catalogue for its own validation. `{name}` placeholders are filled from the
 * params given with the id (for zod issues: the issue's own fields such as
 * `maximum`, plus `params` of a custom issue).
 *
 * Plain TS without AWS imports: the site bundles this file.
 */

export { defaultLanguage, type Language, languages };
export const languageSchema = z.enum(languages);

type Texts = Record<Language, string>;

export const messages = {
  // One per error code: the fallback when nothing more specific is known.
  "error.invalid": { de: "Ungültige Eingabe.", en: "Invalid input." },
  "error.unauthorized": { de: "Bitte melden Sie sich an.", en: "Please sign in." },
  "error.forbidden": { de: "Dafür fehlen Ihnen die Rechte.", en: "You are not allowed to do this." },
  "error.not_found": { de: "Nicht gefunden.", en: "Not found." },
  "error.method_not_allowed": { de: "Methode nicht erlaubt.", en: "Method not allowed." },
  "error.conflict": {
    de: "Das geht gerade nicht: die Daten wurden geändert.",
    en: "This is not possible right now: the data has changed.",
  },
  "error.booking_in_past": {
    de: "Vergangene Termine kann nur die Verwaltung ändern.",
    en: "Only administrators can change past appointments.",
  },
  "error.booking_has_outcome": {
    de: "Termine mit Ergebnis kann nur die Verwaltung ändern.",
    en: "Only administrators can change appointments that have an outcome.",
  },
  "error.payload_too_large": { de: "Die Anfrage ist zu groß.", en: "The request is too large." },
  "error.unsupported_media_type": {
    de: "Die Anfrage muss JSON sein (Content-Type: application/json).",
    en: "The request must be JSON (Content-Type: application/json).",
  },
  "error.idempotency_key_reused": {
    de: "Dieser Idempotency-Key gehört zu einer anderen Anfrage.",
    en: "This Idempotency-Key belongs to a different request.",
  },
  "error.rate_limited": {
    de: "Zu viele Anfragen. Bitte später erneut versuchen.",
    en: "Too many requests. Please try again later.",
  },
  "error.internal": {
    de: "Interner Fehler. Bitte später erneut versuchen.",
    en: "Internal error. Please try again later.",
  },
  "error.unavailable": {
    de: "Gerade sehr viel Betrieb. Bitte gleich noch einmal versuchen.",
    en: "Very busy right now. Please try again in a moment.",
  },

  // Requests in general (pipeline).
  "request.invalid": { de: "Ungültige Eingabe: {fields}", en: "Invalid input: {fields}" },
  "request.tooLarge": {
    de: "Die Anfrage ist zu groß (höchstens {maxBytes} Bytes).",
    en: "The request is too large (at most {maxBytes} bytes).",
  },
  "request.unknownRoute": { de: "Unbekannte Route.", en: "Unknown route." },
  "request.csrf": {
    de: "Sicherheitstoken fehlt oder ist ungültig. Bitte laden Sie die Seite neu.",
    en: "Security token missing or invalid. Please reload the page.",
  },

  // Field messages: zod's own checks map to these (see `issueMessage`).
  "field.required": { de: "Pflichtfeld", en: "Required" },
  "field.empty": { de: "Darf nicht leer sein", en: "Must not be empty" },
  "field.minLength": { de: "Mindestens {minimum} Zeichen", en: "At least {minimum} characters" },
  "field.maxLength": { de: "Höchstens {maximum} Zeichen", en: "At most {maximum} characters" },
  "field.minValue": { de: "Mindestens {minimum}", en: "At least {minimum}" },
  "field.maxValue": { de: "Höchstens {maximum}", en: "At most {maximum}" },
  "field.minItems": { de: "Mindestens {minimum} Einträge", en: "At least {minimum} entries" },
  "field.maxItems": { de: "Höchstens {maximum} Einträge", en: "At most {maximum} entries" },
  "field.integer": { de: "Ganze Zahl angeben", en: "Enter a whole number" },
  "field.number": { de: "Zahl angeben", en: "Enter a number" },
  "field.text": { de: "Text angeben", en: "Enter text" },
  "field.boolean": { de: "Ja oder nein angeben", en: "Enter yes or no" },
  "field.invalid": { de: "Ungültiger Wert", en: "Invalid value" },
  "field.format": { de: "Ungültiges Format", en: "Invalid format" },
  "field.oneOf": { de: "Erlaubt: {values}", en: "Allowed: {values}" },
  "field.unknown": { de: "Unbekanntes Feld", en: "Unknown field" },
  "field.noChange": { de: "Keine Änderung angegeben", en: "No change given" },
  "field.invalidJson": { de: "Kein gültiges JSON", en: "Not valid JSON" },
  "field.badEncoding": { de: "Ungültig kodiert", en: "Invalid encoding" },
  "field.date": {
    de: "Datum im Format JJJJ-MM-TT angeben (gültiges Datum)",
    en: "Enter a valid date as YYYY-MM-DD",
  },
  "field.dateMissing": { de: "Datum fehlt", en: "Date missing" },
  "field.time": { de: "Uhrzeit im Format HH:MM angeben", en: "Enter the time as HH:MM" },
  "field.timeMissing": { de: "Uhrzeit fehlt", en: "Time missing" },
  "field.nameMissing": { de: "Name fehlt", en: "Name missing" },

  // Ranges of dates in queries.
  "range.fromAfterTo": { de: "Liegt nach dem Enddatum", en: "Lies after the end date" },
  "range.toBeforeFrom": { de: "Liegt vor dem Startdatum", en: "Lies before the start date" },
  "range.tooManyDays": { de: "Höchstens {max} Tage auf einmal", en: "At most {max} days at once" },

  // Sign-in and users.
  "auth.badCredentials": {
    de: "Benutzername oder Passwort ist falsch.",
    en: "Username or password is wrong.",
  },
  "auth.throttled": {
    de: "Zu viele fehlgeschlagene Anmeldungen. Bitte später erneut versuchen.",
    en: "Too many failed sign-ins. Please try again later.",
  },
  "auth.foreignOrigin": {
    de: "Anmeldung nur über die eigene Seite möglich.",
    en: "Signing in is only possible through this site.",
  },
  "user.usernameMissing": { de: "Benutzername fehlt", en: "Username missing" },
  "user.passwordMissing": { de: "Passwort fehlt", en: "Password missing" },
  "user.usernameChars": {
    de: "Nur Buchstaben a–z, Ziffern, Punkt, Binde- und Unterstrich",
    en: "Only letters a–z, digits, dot, hyphen and underscore",
  },
  "user.exists": { de: "Diesen Benutzernamen gibt es schon.", en: "This username already exists." },
  "user.taken": { de: "Bereits vergeben", en: "Already taken" },
  "user.notFound": { de: "Diesen Benutzer gibt es nicht.", en: "This user does not exist." },
  "user.selfLockout": {
    de: "Sie können sich nicht selbst sperren oder die Admin-Rolle entziehen.",
    en: "You cannot deactivate yourself or remove your own admin role.",
  },

  // Consultants.
  "consultant.exists": { de: "Diesen Berater gibt es schon.", en: "This consultant already exists." },
  "consultant.notFound": { de: "Diesen Berater gibt es nicht.", en: "This consultant does not exist." },
  "consultant.calendarIdMissing": { de: "Kalender-ID fehlt", en: "Calendar ID missing" },
  "consultant.calendarNotFound": {
    de: "Diesen Kalender gibt es nicht (Google antwortete 404)",
    en: "This calendar does not exist (Google answered 404)",
  },
  "consultant.calendarNoAccess": {
    de: "Kein Lesezugriff auf diesen Kalender: bitte für das Dienstkonto freigeben",
    en: "No read access to this calendar: please share it with the service account",
  },
  "consultant.calendarInvalid": { de: "Ungültige Kalender-ID", en: "Invalid calendar ID" },

  // Bookings.
  "booking.idUnknown": { de: "Unbekannte Buchungsnummer", en: "Unknown booking number" },
  "booking.notFound": { de: "Diese Buchung gibt es nicht.", en: "This booking does not exist." },
  "customer.notFound": {
    de: "Zu dieser Nummer gibt es noch keinen Kunden.",
    en: "There is no customer with this number yet.",
  },
  "customer.idInvalid": { de: "Unbekannte Kundennummer", en: "Unknown customer id" },
  "booking.slotFull": {
    de: "Dieser Termin ist leider schon ausgebucht.",
    en: "Sorry, this appointment slot is already fully booked.",
  },
  "booking.slotFullField": { de: "Ausgebucht", en: "Fully booked" },
  "booking.slotNotOffered": { de: "Dieser Termin wird nicht angeboten.", en: "This slot is not offered." },
  "booking.slotNotOfferedField": { de: "Nicht angeboten", en: "Not offered" },
  "booking.slotInPast": {
    de: "Der Termin liegt in der Vergangenheit",
    en: "The appointment lies in the past",
  },
  "booking.changedMeanwhile": {
    de: "Die Buchung wurde inzwischen geändert. Bitte neu laden.",
    en: "The booking has been changed meanwhile. Please reload.",
  },
  "booking.cancelledNoReschedule": {
    de: "Eine stornierte Buchung kann nicht verschoben werden.",
    en: "A cancelled booking cannot be rescheduled.",
  },
  "booking.idempotencyKeyReused": {
    de: "Dieser Idempotency-Key gehört zu einer anderen Buchung.",
    en: "This Idempotency-Key belongs to a different booking.",
  },
  "booking.idempotencyKeyReusedField": {
    de: "Schon für eine Anfrage mit anderem Inhalt verwendet",
    en: "Already used for a request with different content",
  },
  "booking.consultantNotOffering": {
    de: "Dieser Berater bietet diesen Termin nicht an.",
    en: "This consultant does not offer this slot.",
  },
  "booking.consultantNotOfferingField": {
    de: "Bietet diesen Termin nicht an",
    en: "Does not offer this slot",
  },
  "booking.consultantFull": {
    de: "Dieser Berater ist in diesem Termin ausgebucht.",
    en: "This consultant is fully booked in this slot.",
  },
  "booking.consultantFullField": { de: "Ausgebucht", en: "Fully booked" },
  "booking.consultantDayLimit": {
    de: "Dieser Berater hat an diesem Tag schon {max} Termine.",
    en: "This consultant already has {max} appointments that day.",
  },
  "booking.consultantDayLimitField": {
    de: "Höchstens {max} Termine am Tag",
    en: "At most {max} appointments a day",
  },
  "booking.everyConsultantDayLimit": {
    de: "Alle Berater dieses Termins haben an diesem Tag schon {max} Termine.",
    en: "Every consultant of this slot already has {max} appointments that day.",
  },
  "booking.everyConsultantDayLimitField": {
    de: "Höchstens {max} Termine pro Berater am Tag",
    en: "At most {max} appointments per consultant a day",
  },
  "booking.minNotice": {
    de: "Termine sind mindestens {minutes} Minuten im Voraus zu buchen",
    en: "Appointments must be booked at least {minutes} minutes ahead",
  },
  "booking.consultantUnknown": { de: "Unbekannter Berater", en: "Unknown consultant" },
  "availability.dateOrRange": {
    de: "Entweder date oder from und to angeben, nicht beides",
    en: "Give either date or from and to, not both",
  },
  "availability.fromMissing": { de: "Datum fehlt (oder date angeben)", en: "Date missing (or give date)" },
  "booking.idempotencyKeyFormat": {
    de: "8–100 Zeichen: Buchstaben, Ziffern, - und _",
    en: "8–100 characters: letters, digits, - and _",
  },
  "booking.firstNameMissing": { de: "Vorname fehlt", en: "First name missing" },
  "booking.lastNameMissing": { de: "Nachname fehlt", en: "Last name missing" },
  "booking.firstNameTooLong": {
    de: "Vorname: höchstens {maximum} Zeichen",
    en: "First name: at most {maximum} characters",
  },
  "booking.lastNameTooLong": {
    de: "Nachname: höchstens {maximum} Zeichen",
    en: "Last name: at most {maximum} characters",
  },
  "booking.firstNameLetters": {
    de: "Vorname: bitte einen Namen mit Buchstaben angeben",
    en: "First name: please enter a name with letters",
  },
  "booking.lastNameLetters": {
    de: "Nachname: bitte einen Namen mit Buchstaben angeben",
    en: "Last name: please enter a name with letters",
  },
  "booking.phoneMissing": { de: "Telefonnummer fehlt", en: "Phone number missing" },
  "booking.phoneTooLong": {
    de: "Telefonnummer: höchstens {maximum} Zeichen",
    en: "Phone number: at most {maximum} characters",
  },
  "booking.phoneChars": {
    de: "Telefonnummer: nur Ziffern, Leerzeichen, /, -, Klammern und ein führendes + erlaubt",
    en: "Phone number: only digits, spaces, /, -, brackets and a leading + allowed",
  },
  "booking.phoneAreaCode": {
    de: "Telefonnummer mit Vorwahl angeben, z. B. 0171 1234567",
    en: "Enter the phone number with its area code, e.g. 0171 1234567",
  },
  "booking.phoneCountryCode": {
    de: "Telefonnummer: ungültige Ländervorwahl",
    en: "Phone number: invalid country code",
  },
  "booking.phoneLength": {
    de: "Telefonnummer: 6 bis 15 Ziffern angeben",
    en: "Phone number: enter 6 to 15 digits",
  },
  "booking.phoneInvalid": {
    de: "Telefonnummer: diese Nummer gibt es nicht, bitte prüfen",
    en: "Phone number: this number cannot exist, please check it",
  },
  "booking.noteText": { de: "Notiz muss Text sein", en: "The note must be text" },
  "booking.noteTooLong": {
    de: "Notiz: höchstens {maximum} Zeichen",
    en: "Note: at most {maximum} characters",
  },
  "booking.outcomeUnknown": { de: "Unbekanntes Ergebnis", en: "Unknown outcome" },
  "booking.potentialUnknown": { de: "Unbekannte Potenzialklasse", en: "Unknown potential class" },

  // Settings: slot template, holidays, points rule.
  "template.weekday": {
    de: "Wochentag als mon, tue, wed, thu, fri, sat oder sun",
    en: "Weekday as mon, tue, wed, thu, fri, sat or sun",
  },
  "template.overlap": {
    de: "Slots überschneiden sich: Abstand kleiner als {minutes} Minuten",
    en: "Slots overlap: less than {minutes} minutes apart",
  },
  "template.unknownState": {
    de: "Unbekanntes Bundesland (z. B. NW, BY, BE)",
    en: "Unknown German state (e.g. NW, BY, BE)",
  },
  "template.timesDuplicate": { de: "Uhrzeiten doppelt angegeben", en: "Times listed twice" },
  "template.timeZoneUnknown": {
    de: "Unbekannte Zeitzone (z. B. Europe/Berlin)",
    en: "Unknown time zone (e.g. Europe/Berlin)",
  },
  "points.fraction": {
    de: "Anteil als Bruch zwischen 0 und 1 angeben, z. B. 1/3",
    en: "Enter the share as a fraction between 0 and 1, e.g. 1/3",
  },
  "points.tiersAscending": { de: "Stufen aufsteigend angeben", en: "List the tiers in ascending order" },

  // Jobs.
  "job.unknown": { de: "Unbekannter Job", en: "Unknown job" },
  "job.startFailed": { de: "Der Job konnte nicht gestartet werden.", en: "The job could not be started." },
  ...analyticsMessages,
  ...bookingListMessages,
  ...telefonieMessages,
  ...reportsMessages,
  ...badgesMessages,
  ...exportsMessages,
  ...progressMessages,
  ...shopMessages,
  ...questsMessages,
  ...predictionsMessages,
  ...questsMessages,
  ...progressMessages,
  ...shopMessages,
} as const satisfies Record<string, Texts>;

export type MessageId = keyof typeof messages;

/** The `{name}` placeholders of a text, as a union of names. */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;
export type ParamsOf<M extends MessageId> = Placeholders<(typeof messages)[M]["de"]>;
export type MessageParams = Record<string, string | number>;

/**
 * A message to show: an id alone when its text has no placeholders, else the
 * id with exactly the params the text names (checked by the compiler).
 */
export type Message = {
  [M in MessageId]: [ParamsOf<M>] extends [never]
    ? M | { id: M; params?: undefined }
    : { id: M; params: Record<ParamsOf<M>, string | number> };
}[MessageId];

export function isMessageId(value: string): value is MessageId {
  return Object.hasOwn(messages, value);
}

/** The text of `id` in `language`, placeholders filled (an unknown one stays visible as `{name}`). */
export function formatMessage(id: MessageId, language: Language, params: MessageParams = {}): string {
  return messages[id][language].replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : placeholder,
  );
}

export function translate(message: Message, language: Language): string {
  return typeof message === "string"
    ? formatMessage(message, language)
    : formatMessage(message.id, language, message.params);
}

export function messageId(message: Message): MessageId {
  return typeof message === "string" ? message : message.id;
}

/** The fallback message of every error code. */
export function errorCodeMessage(code: ErrorCode): `error.${ErrorCode}` {
  return `error.${code}`;
}

type Issue = z.core.$ZodIssue;

/**
 * The id for a zod issue whose message is not an id already: zod's own checks
 * (type, length, format, enum, unknown keys) map to generic field messages.
 * A missing value shows as an `invalid_type` issue whose message ends in
 * "received undefined" (zod does not keep the input on the issue).
 */
function defaultIssueId(issue: Issue): MessageId {
  switch (issue.code) {
    case "invalid_type":
      if (/received undefined$/.test(issue.message)) return "field.required";
      if (issue.expected === "int") return "field.integer";
      if (issue.expected === "number" || issue.expected === "bigint") return "field.number";
      if (issue.expected === "string") return "field.text";
      if (issue.expected === "boolean") return "field.boolean";
      return "field.invalid";
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? "field.empty" : "field.minLength";
      if (issue.origin === "array" || issue.origin === "set") return "field.minItems";
      return "field.minValue";
    case "too_big":
      if (issue.origin === "string") return "field.maxLength";
      if (issue.origin === "array" || issue.origin === "set") return "field.maxItems";
      return "field.maxValue";
    case "invalid_format":
      return issue.format === "date" ? "field.date" : "field.format";
    case "invalid_value":
      return "field.oneOf";
    case "unrecognized_keys":
      return "field.unknown";
    default:
      return "field.invalid";
  }
}

/** The params a zod issue offers to its message's placeholders. */
function issueParams(issue: Issue): MessageParams {
  const params: MessageParams = {};
  if ("minimum" in issue) params.minimum = Number(issue.minimum);
  if ("maximum" in issue) params.maximum = Number(issue.maximum);
  if (issue.code === "invalid_value") params.values = issue.values.map(String).join(", ");
  if (issue.code === "custom" && issue.params) {
    for (const [name, value] of Object.entries(issue.params)) {
      if (typeof value === "string" || typeof value === "number") params[name] = value;
    }
  }
  return params;
}

/** A zod issue as a message: its id when the schema gave one, else the generic one for its check. */
export function issueMessage(issue: Issue): { id: MessageId; params: MessageParams } {
  const id = isMessageId(issue.message) ? issue.message : defaultIssueId(issue);
  return { id, params: issueParams(issue) };
}

/** A zod issue's text in `language`. */
export function translateIssue(issue: Issue, language: Language): string {
  const { id, params } = issueMessage(issue);
  return formatMessage(id, language, params);
}

/**
 * The language to answer in from an `Accept-Language` header: the supported
 * one with the highest weight (`en-GB` counts as `en`), else undefined.
 */
export function languageFromAcceptLanguage(header: string | undefined): Language | undefined {
  if (!header) return undefined;
  let best: { language: Language; weight: number } | undefined;
  for (const part of header.split(",")) {
    const [tag = "", ...options] = part.trim().split(";");
    const primary = tag.trim().toLowerCase().split("-")[0];
    const q = options.map((option) => option.trim()).find((option) => option.startsWith("q="));
    const weight = q ? Number(q.slice(2)) : 1;
    if (!Number.isFinite(weight) || weight <= 0) continue;
    const language = languages.find((candidate) => candidate === primary);
    if (language && (!best || weight > best.weight)) best = { language, weight };
  }
  return best?.language;
}
