import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { errorStatus } from "../../shared/contracts/errors.ts";
import {
  errorCodeMessage,
  formatMessage,
  isMessageId,
  languageFromAcceptLanguage,
  languages,
  type MessageId,
  messages,
  translateIssue,
} from "../../shared/contracts/messages.ts";
import { fieldsFromZodIssues, HttpError, invalidRequest } from "../../shared/http/errors.ts";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe("message catalogue", () => {
  it("has every message in every language, with the same placeholders", () => {
    for (const [id, texts] of Object.entries(messages)) {
      for (const language of languages) {
        expect(texts[language].trim(), `${id}.${language}`).not.toBe("");
        expect(placeholders(texts[language]), `${id}.${language}`).toEqual(placeholders(texts.de));
      }
      // An English text that is the German one is a translation someone forgot.
      if (texts.de.length > 3) expect(texts.en, id).not.toBe(texts.de);
    }
  });

  it("has a message per error code", () => {
    for (const code of Object.keys(errorStatus) as (keyof typeof errorStatus)[]) {
      expect(isMessageId(errorCodeMessage(code)), code).toBe(true);
    }
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(formatMessage("range.tooManyDays", "en", { max: 31 })).toBe("At most 31 days at once");
    expect(formatMessage("range.tooManyDays", "de")).toBe("Höchstens {max} Tage auf einmal");
  });
});

describe("languageFromAcceptLanguage", () => {
  it.each([
    ["en-GB,en;q=0.9,de;q=0.8", "en"],
    ["de-DE,de;q=0.9,en;q=0.8", "de"],
    ["fr-FR, en;q=0.5", "en"],
    ["fr, it", undefined],
    ["en;q=0, de;q=0.1", "de"],
    ["*", undefined],
    ["", undefined],
  ])("%s → %s", (header, expected) => {
    expect(languageFromAcceptLanguage(header)).toBe(expected);
  });
});

describe("zod issues", () => {
  const schema = z
    .object({
      name: z.string().min(1, "field.nameMissing").max(5),
      count: z.int().min(2),
      kind: z.enum(["a", "b"]),
    })
    .strict();
  const issues = schema.safeParse({ name: "toolong", count: 1.5, kind: "c", extra: 1 }).error?.issues ?? [];

  it("maps zod's own checks to generic messages with their limits", () => {
    const text = (path: string, language: "de" | "en") =>
      translateIssue(issues.find((issue) => issue.path.join(".") === path) ?? issues[0]!, language);
    expect(text("name", "en")).toBe("At most 5 characters");
    expect(text("name", "de")).toBe("Höchstens 5 Zeichen");
    expect(text("count", "en")).toBe("Enter a whole number");
    expect(text("kind", "en")).toBe("Allowed: a, b");
  });

  it("treats a missing value as required and keeps a schema's own id", () => {
    const missing = schema.safeParse({ name: "", count: 2, kind: "a" }).error?.issues ?? [];
    expect(translateIssue(missing[0]!, "en")).toBe("Name missing");
    const absent = z.object({ a: z.string() }).safeParse({}).error?.issues ?? [];
    expect(translateIssue(absent[0]!, "en")).toBe("Required");
  });

  it("names unknown keys one by one and translates the field messages in the body", () => {
    const error = invalidRequest(fieldsFromZodIssues("body", issues));
    const body = error.toBody("en");
    expect(body.error.message).toBe("Invalid input: body.name, body.count, body.kind, body.extra");
    expect(body.error.fields).toMatchObject({
      "body.extra": "Unknown field",
      "body.name": "At most 5 characters",
    });
    expect(error.toBody("de").error.fields?.["body.extra"]).toBe("Unbekanntes Feld");
  });
});

describe("HttpError", () => {
  it("answers in the asked language, German by default, with the id", () => {
    const error = new HttpError("conflict", "booking.slotFull", {
      fields: { "body.time": "booking.slotFullField" },
    });
    expect(error.toBody().error).toEqual({
      code: "conflict",
      message: "Dieser Termin ist leider schon ausgebucht.",
      messageId: "booking.slotFull",
      fields: { "body.time": "Ausgebucht" },
    });
    expect(error.toBody("en").error.fields).toEqual({ "body.time": "Fully booked" });
    expect(error.message).toBe("Dieser Termin ist leider schon ausgebucht.");
  });

  it("falls back to the code's message", () => {
    expect(new HttpError("forbidden").toBody("en").error.message).toBe("You are not allowed to do this.");
    const id: MessageId = errorCodeMessage("internal");
    expect(id).toBe("error.internal");
  });
});

describe("messages in the code", () => {
  const sources = [
    ...readdirSync("functions", { recursive: true, encoding: "utf8" }).map((file) => `functions/${file}`),
    ...readdirSync("shared", { recursive: true, encoding: "utf8" }).map((file) => `shared/${file}`),
  ].filter((file) => file.endsWith(".ts") && !/^shared\/contracts\/messages(-[a-z]+)?\.ts$/.test(file));
  // Code without comments: a comment may quote German text.
  const code = (file: string) =>
    readFileSync(file, "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/^\s*\/\/.*$/gm, "")
      .replace(/\s\/\/ .*$/gm, "");

  // Data with its own German and English texts side by side (holiday names, the
  // gamification and analytics catalogues), checked for both languages by their own tests.
  const bilingualData = (file: string) =>
    file === "shared/domain/booking/holidays.ts" || file.includes("/catalogue/");

  it("has no German text outside the catalogue (holiday names and bilingual catalogues are data)", () => {
    const german =
      /["'`][^"'`\n]*([äöüÄÖÜß]|\b(fehlt|Bitte|angeben|Ungültig|nicht|gibt es|antwortete|fehlgeschlagen|Termin|Buchung)\b)[^"'`\n]*["'`]/;
    const found = sources
      .filter((file) => !bilingualData(file))
      .flatMap((file) =>
        code(file)
          .split("\n")
          .filter((line) => german.test(line))
          .map((line) => `${file}: ${line.trim()}`),
      );
    expect(found).toEqual([]);
  });

  it("gives zod only message ids that exist", () => {
    const zodMessage =
      /(?:\b(?:error|message):\s*|\.(?:min|max|length|regex|refine|int|date|enum)\([^()"]*?,\s*|z\.int\(|z\.iso\.date\(|z\.enum\(\w+,\s*)"([^"]+)"/g;
    const unknown = sources.flatMap((file) =>
      [...code(file).matchAll(zodMessage)]
        .map((match) => match[1] ?? "")
        .filter((text) => !isMessageId(text))
        .map((text) => `${file}: ${text}`),
    );
    expect(unknown).toEqual([]);
  });
});
