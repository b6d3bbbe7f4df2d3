import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { stringify } from "csv-stringify";
import { describe, expect, it } from "vitest";
import { csvOptions, neutraliseFormula } from "../../../shared/domain/exports/csv.ts";
import { bookingRow, columnsOf, type ExportRow } from "../../../shared/domain/exports/datasets.ts";
import { nextRunDate, scheduledRange } from "../../../shared/domain/exports/schedule.ts";

/** The worker's CSV path: rows through csv-stringify with the export's options. */
async function csv(
  rows: ExportRow[],
  columns: readonly string[],
  delimiter: "," | ";" = ",",
): Promise<string> {
  // Decoded by hand: TextDecoder (and so `text()`) would swallow the BOM.
  const bytes = await buffer(
    Readable.from(rows, { objectMode: true }).pipe(stringify(csvOptions(columns, delimiter))),
  );
  return bytes.toString("utf8");
}

describe("CSV export encoding", () => {
  it("starts with a UTF-8 BOM and a header row, lines end in CRLF", async () => {
    const out = await csv([{ a: "x", b: 1 }], ["a", "b"]);
    expect(out.startsWith("\uFEFF")).toBe(true);
    expect(out.slice(1)).toBe("a,b\r\nx,1\r\n");
  });

  it("uses ; as the delimiter for German Excel", async () => {
    const out = await csv([{ a: "Müller, Jörg", b: 3 }], ["a", "b"], ";");
    expect(out.slice(1)).toBe("a;b\r\nMüller, Jörg;3\r\n");
  });

  it("quotes by RFC 4180: delimiter, quotes (doubled) and line breaks", async () => {
    const out = await csv([{ a: 'say "hi"', b: "x,y", c: "two\nlines" }], ["a", "b", "c"]);
    expect(out.slice(1)).toBe('a,b,c\r\n"say ""hi""","x,y","two\nlines"\r\n');
  });

  it("neutralises formulas: cells starting with = + - @ (and tab, CR) get a leading '", async () => {
    const out = await csv(
      [{ a: '=HYPERLINK("http://evil.example","klick")', b: "+1+1", c: "-2", d: "@SUM(A1)", e: "\t=1" }],
      ["a", "b", "c", "d", "e"],
    );
    const [, row] = out.slice(1).split("\r\n");
    expect(row).toBe(`"'=HYPERLINK(""http://evil.example"",""klick"")",'+1+1,'-2,'@SUM(A1),'\t=1`);
    expect(row).not.toMatch(/(^|,)"?[=+\-@]/);
  });

  it("leaves numbers (negative points too), plain text and empty cells alone", async () => {
    expect(neutraliseFormula(-3)).toBe(-3);
    expect(neutraliseFormula("Anna")).toBe("Anna");
    expect(neutraliseFormula(null)).toBe(null);
    const out = await csv([{ a: -3, b: null, c: "a=b" }], ["a", "b", "c"]);
    expect(out.slice(1)).toBe("a,b,c\r\n-3,,a=b\r\n");
  });

  it("writes a bookings row in the dataset's column order, consultant by name", async () => {
    const row = bookingRow(
      {
        date: "2026-12-01",
        time: "09:00",
        firstName: "Jörg",
        lastName: "Müller",
        phone: "+4917012345678",
        agent: "anna",
        consultant: "c1",
        potentialClass: "top",
        outcome: "completed",
        points: 5,
      },
      new Map([["c1", "Berater Eins"]]),
    );
    const out = await csv([row], columnsOf("bookings"), ";");
    expect(out.slice(1)).toBe(
      "date;time;customer;phone;agent;consultant;potential;outcome;points\r\n" +
        "2026-12-01;09:00;Müller, Jörg;'+4917012345678;anna;Berater Eins;top;completed;5\r\n",
    );
  });
});

describe("scheduled export ranges", () => {
  it("weekly: delivered on Mondays, covering the previous ISO week", () => {
    expect(nextRunDate("weekly", "2026-11-30")).toBe("2026-12-07"); // a Monday → the next Monday
    expect(nextRunDate("weekly", "2026-12-03")).toBe("2026-12-07");
    expect(scheduledRange("weekly", "2026-12-07")).toEqual({ from: "2026-11-30", to: "2026-12-06" });
  });

  it("monthly: delivered on the 1st, covering the previous month (across a year)", () => {
    expect(nextRunDate("monthly", "2026-12-15")).toBe("2027-01-01");
    expect(nextRunDate("monthly", "2026-02-01")).toBe("2026-03-01");
    expect(scheduledRange("monthly", "2027-01-01")).toEqual({ from: "2026-12-01", to: "2026-12-31" });
    expect(scheduledRange("monthly", "2028-03-01")).toEqual({ from: "2028-02-01", to: "2028-02-29" });
  });
});
