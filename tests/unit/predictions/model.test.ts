import { describe, expect, it } from "vitest";
import { seededRandom } from "../../../local/demo/random.ts";
import { parseCsv } from "../../../shared/domain/imports/csv.ts";
import { parseImport } from "../../../shared/domain/imports/rows.ts";
import { examplesOf, type PredictionBooking } from "../../../shared/domain/predictions/features.ts";
import { predictProbability, solve, trainLogistic } from "../../../shared/domain/predictions/logistic.ts";
import { auc, brier, calibrationTable } from "../../../shared/domain/predictions/metrics.ts";
import { riskOf } from "../../../shared/domain/predictions/model.ts";
import { factorText } from "../../../shared/domain/predictions/words.ts";

describe("metrics on known data", () => {
  it("AUC is the share of (no-show, show) pairs ranked right, ties counting half", () => {
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
    expect(auc([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0])).toBe(1);
    expect(auc([0.5, 0.5, 0.5], [1, 0, 0])).toBe(0.5);
    expect(auc([0.2, 0.3], [0, 0])).toBeUndefined();
  });

  it("Brier score is the mean squared error of the forecasts", () => {
    expect(brier([1, 0, 0.5], [1, 0, 1])).toBeCloseTo(0.25 / 3, 12);
    expect(brier([0.2, 0.2, 0.2, 0.2, 0.2], [1, 0, 0, 0, 0])).toBeCloseTo(0.16, 12);
  });

  it("the calibration table groups forecasts in tenths with mean forecast and observed rate", () => {
    const table = calibrationTable([0.05, 0.08, 0.52, 0.55, 0.58, 1], [0, 1, 1, 0, 1, 1]);
    expect(table).toEqual([
      { from: 0, to: 0.1, count: 2, predicted: expect.closeTo(0.065, 10), observed: 0.5 },
      { from: 0.5, to: 0.6, count: 3, predicted: expect.closeTo(0.55, 10), observed: 2 / 3 },
      { from: 0.9, to: 1, count: 1, predicted: 1, observed: 1 },
    ]);
  });
});

describe("logistic regression", () => {
  it("solves a linear system", () => {
    expect(
      solve(
        [
          [4, 1],
          [1, 3],
        ],
        [1, 2],
      ).map((v) => Number(v.toFixed(6))),
    ).toEqual([0.090909, 0.636364]);
  });

  it("recovers the weights of data drawn from a known logistic model", () => {
    const next = seededRandom(42);
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 6000; i++) {
      const row = [next() * 2 - 1, next() < 0.3 ? 1 : 0];
      const p = 1 / (1 + Math.exp(-(-1 + 2 * row[0]! - 1.5 * row[1]!)));
      x.push(row);
      y.push(next() < p ? 1 : 0);
    }
    const model = trainLogistic(x, y, { l2: 0.01 });
    expect(model.intercept).toBeCloseTo(-1, 0);
    expect(model.weights[0]).toBeCloseTo(2, 0);
    expect(model.weights[1]).toBeCloseTo(-1.5, 0);
    expect(predictProbability(model, [0, 0])).toBeCloseTo(1 / (1 + Math.E), 1);
  });
});

describe("features known at booking time", () => {
  const booking = (id: string, date: string, outcome: string, createdAt: string): PredictionBooking => ({
    id,
    customerId: "c1",
    date,
    time: "09:00",
    start: `${date}T08:00:00.000Z`,
    end: `${date}T09:00:00.000Z`,
    createdAt,
    agent: "anna",
    status: "booked",
    outcome,
  });

  it("counts only the customer's appointments that had ended when the booking was made", () => {
    const examples = examplesOf([
      booking("a", "2026-01-05", "no_show", "2026-01-01T10:00:00Z"),
      // Made before "a" took place: "a" is not known yet.
      booking("b", "2026-01-09", "completed", "2026-01-04T10:00:00Z"),
      booking("c", "2026-01-20", "no_show", "2026-01-10T10:00:00Z"),
    ]);
    expect(examples.map((e) => [e.booking.id, e.facts.prior])).toEqual([
      ["a", { resolved: 0, noShows: 0 }],
      ["b", { resolved: 0, noShows: 0 }],
      ["c", { resolved: 2, noShows: 1 }],
    ]);
  });

  it("classes the risk as the definitions say", () => {
    expect(riskOf(3, 0.1)).toEqual({ risk: "high", reason: "noShows" });
    expect(riskOf(0, 0.5)).toEqual({ risk: "high", reason: "probability" });
    expect(riskOf(1, 0.1)).toEqual({ risk: "medium", reason: "noShows" });
    expect(riskOf(0, 0.25)).toEqual({ risk: "medium", reason: "probability" });
    expect(riskOf(0, 0.2)).toEqual({ risk: "low", reason: "none" });
  });
});

describe("import files", () => {
  it("reads RFC 4180 CSV with quotes, semicolons, a BOM and keeps line numbers", () => {
    expect(parseCsv('\uFEFFa;b\r\n"x; ""y""";2\n\n3;"multi\nline"\n')).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ['x; "y"', "2"] },
      { line: 4, cells: ["3", "multi\nline"] },
    ]);
  });

  it("reports each bad row with its field and reason", () => {
    const csv = [
      "date,time,customer,phone,agent,consultant,potential,outcome",
      "2026-03-02,09:00,Anna Müller,0171 1234567,anna,,top,completed",
      "2026-13-02,09:00,Anna Müller,0171 1234567,anna,,top,completed",
      "2026-03-02,9 Uhr,Anna Müller,0171 1234567,anna,,top,completed",
      "2026-03-02,09:00,Anna Müller,12,anna,,top,completed",
      "2026-03-02,09:00,Anna Müller,0171 1234567,anna,,top,pending",
      "2099-03-02,09:00,Anna Müller,0171 1234567,anna,,top,completed",
    ].join("\n");
    const parsed = parseImport(csv, "csv", "2026-11-30");
    expect(parsed.kind).toBe("bookings");
    expect(parsed.accepted).toHaveLength(1);
    expect(parsed.rejected).toEqual([
      { row: 3, field: "date", reason: "import.date" },
      { row: 4, field: "time", reason: "import.time" },
      { row: 5, field: "phone", reason: "import.phone" },
      { row: 6, field: "outcome", reason: "import.outcome" },
      { row: 7, field: "date", reason: "import.future" },
    ]);
    // The same row gives the same id: re-importing writes the same booking.
    const again = parseImport(csv, "csv", "2026-11-30");
    expect(again.kind === "bookings" && again.accepted[0]!.id).toBe(
      parsed.kind === "bookings" && parsed.accepted[0]!.id,
    );
  });
});

describe("factors in words", () => {
  const facts = {
    prior: { resolved: 0, noShows: 0 },
    weekday: "mon",
    slotTime: "09:00",
    potential: "normal",
    agent: "anna",
    consultant: "c1",
    month: 12,
    date: "2026-12-07",
  };
  const leadTime = (leadDays: number, language: "de" | "en") =>
    factorText({ group: "leadTime", effect: 0.2 }, { ...facts, leadDays }, language);

  it("counts the days ahead in proper German and English, the same day in words", () => {
    expect(leadTime(0.2, "de")).toMatch(/^Am selben Tag gebucht/);
    expect(leadTime(1.1, "de")).toMatch(/^1 Tag im Voraus gebucht/);
    expect(leadTime(4, "de")).toMatch(/^4 Tage im Voraus gebucht/);
    expect(leadTime(1, "en")).toMatch(/^Booked 1 day ahead/);
    expect(leadTime(4, "en")).toMatch(/^Booked 4 days ahead/);
  });
});
