import { describe, expect, it } from "vitest";
import { rescheduleSchema } from "../../../shared/contracts/booking.ts";
import { formatMessage, translateIssue } from "../../../shared/contracts/messages.ts";
import {
  bookingInputSchema,
  isInFuture,
  normalizePhone,
} from "../../../shared/domain/booking/booking-input.ts";

const valid = {
  date: "2026-03-30",
  time: "09:00",
  firstName: "Jürgen",
  lastName: "Müller-Lüdenscheidt",
  phone: "+49 171 1234567",
};
const messagesFor = (input: unknown, path: string) =>
  (bookingInputSchema.safeParse(input).error?.issues ?? [])
    .filter((issue) => issue.path.join(".") === path)
    .map((issue) => translateIssue(issue, "de"));

describe("bookingInputSchema", () => {
  it("accepts a valid booking and normalises it", () => {
    expect(
      bookingInputSchema.parse({
        ...valid,
        firstName: "  Anna   Maria ",
        lastName: "O'Brien",
        note: "  Rückruf ab 17 Uhr  ",
      }),
    ).toEqual({
      date: "2026-03-30",
      time: "09:00",
      firstName: "Anna Maria",
      lastName: "O'Brien",
      phone: "+491711234567",
      note: "Rückruf ab 17 Uhr",
    });
  });

  it("treats an empty or missing note as none", () => {
    expect(bookingInputSchema.parse({ ...valid, note: "   " }).note).toBeUndefined();
    expect(bookingInputSchema.parse(valid).note).toBeUndefined();
  });

  it.each([
    "SSaß",
    "José",
    "Dr. Weiß",
    "Jean-Luc",
    "D’Angelo",
    "Łukasz",
    "A",
    "<script>x</script> Test",
    "Max II",
  ])("accepts the name %s", (name) => {
    expect(bookingInputSchema.safeParse({ ...valid, lastName: name }).success).toBe(true);
  });

  it.each(["1234", "'", "-", "Max\u0000", "Max\u200bHans", "<>"])("rejects the name %s", (name) => {
    expect(messagesFor({ ...valid, firstName: name }, "firstName")).toEqual([
      "Vorname: bitte einen Namen mit Buchstaben angeben",
    ]);
  });

  it("limits names to 1–60 characters after trimming", () => {
    expect(messagesFor({ ...valid, lastName: "   " }, "lastName")).toEqual(["Nachname fehlt"]);
    expect(messagesFor({ ...valid, lastName: undefined }, "lastName")).toEqual(["Nachname fehlt"]);
    expect(bookingInputSchema.safeParse({ ...valid, lastName: ` ${"a".repeat(60)} ` }).success).toBe(true);
    expect(messagesFor({ ...valid, lastName: "a".repeat(61) }, "lastName")).toEqual([
      "Nachname: höchstens 60 Zeichen",
    ]);
  });

  it("limits the note to 500 characters", () => {
    expect(bookingInputSchema.safeParse({ ...valid, note: "x".repeat(500) }).success).toBe(true);
    expect(messagesFor({ ...valid, note: "x".repeat(501) }, "note")).toEqual([
      "Notiz: höchstens 500 Zeichen",
    ]);
  });

  it.each([
    ["2026-02-29", "date"],
    ["2026-3-30", "date"],
    ["30.03.2026", "date"],
  ])("rejects the date %s", (date, path) => {
    expect(messagesFor({ ...valid, date }, path)).toEqual([
      "Datum im Format JJJJ-MM-TT angeben (gültiges Datum)",
    ]);
  });

  it.each(["9:00", "24:00", "09:60", "0900"])("rejects the time %s", (time) => {
    expect(messagesFor({ ...valid, time }, "time")).toEqual(["Uhrzeit im Format HH:MM angeben"]);
  });

  it("reports every missing field in German", () => {
    const result = bookingInputSchema.safeParse({});
    expect(result.error?.issues.map((issue) => [issue.path.join("."), translateIssue(issue, "de")])).toEqual([
      ["date", "Datum fehlt"],
      ["time", "Uhrzeit fehlt"],
      ["firstName", "Vorname fehlt"],
      ["lastName", "Nachname fehlt"],
      ["phone", "Telefonnummer fehlt"],
    ]);
  });
});

describe("phone numbers", () => {
  it.each([
    ["+49 171 1234567", "+491711234567"],
    ["0171/1234567", "+491711234567"],
    ["0221 123456-7", "+492211234567"],
    ["(0221) 12 34 56", "+49221123456"],
    ["+49 (0)221 1234567", "+492211234567"],
    ["+49 0171 1234567", "+491711234567"],
    ["0049 171 1234567", "+491711234567"],
    ["+43 1 234567", "+431234567"],
    ["+1 (212) 555-0100", "+12125550100"],
  ])("normalises %s to %s", (raw, phone) => {
    expect(normalizePhone(raw)).toEqual({ ok: true, phone });
    expect(bookingInputSchema.parse({ ...valid, phone: raw }).phone).toBe(phone);
  });

  it.each([
    ["0171 123456a", "Telefonnummer: nur Ziffern, Leerzeichen, /, -, Klammern und ein führendes + erlaubt"],
    ["0171+1234567", "Telefonnummer: nur Ziffern, Leerzeichen, /, -, Klammern und ein führendes + erlaubt"],
    ["1711234567", "Telefonnummer mit Vorwahl angeben, z. B. 0171 1234567"],
    ["0123", "Telefonnummer: 6 bis 15 Ziffern angeben"],
    ["+49 171 1234567 8901 23", "Telefonnummer: 6 bis 15 Ziffern angeben"],
    ["+0 171 1234567", "Telefonnummer: ungültige Ländervorwahl"],
  ])("rejects %s", (raw, message) => {
    const result = normalizePhone(raw);
    expect(result.ok ? result.phone : formatMessage(result.message, "de")).toBe(message);
    expect(messagesFor({ ...valid, phone: raw }, "phone")).toEqual([message]);
  });
});

describe("isInFuture", () => {
  const start = "2026-03-30T07:00:00.000Z";

  it("is true only strictly before the slot starts", () => {
    expect(isInFuture(start, new Date("2026-03-30T06:59:59.999Z"))).toBe(true);
    expect(isInFuture(start, Date.parse(start))).toBe(false);
    expect(isInFuture(start, new Date("2026-03-30T08:00:00Z"))).toBe(false);
  });

  it("compares instants, not wall-clock text", () => {
    expect(isInFuture("2026-03-30T09:00:00+02:00", new Date("2026-03-30T06:30:00Z"))).toBe(true);
  });

  it("is false for an unreadable instant", () => {
    expect(isInFuture("morgen", new Date("2026-03-30T06:00:00Z"))).toBe(false);
  });
});

describe("date and time validation is one definition", () => {
  it("create and reschedule validate date and time with the same schemas and messages", () => {
    expect(rescheduleSchema.shape.time).toBe(bookingInputSchema.shape.time);
    expect(rescheduleSchema.shape.date).toBe(bookingInputSchema.shape.date);
    const moved = rescheduleSchema.safeParse({ date: "2026-02-30", time: "9:00" });
    expect(moved.error?.issues.map((issue) => issue.path[0])).toEqual(["date", "time"]);
  });
});
