import {
  type Categories,
  type Column,
  type CustomerPrior,
  categoriesOf,
  columnsOf,
  encode,
  examplesOf,
  type FactorGroup,
  type FeatureFacts,
  factorGroups,
  type PredictionBooking,
} from "./features.ts";
import { predictProbability, trainLogistic } from "./logistic.ts";
import { auc, brier, type CalibrationBin, calibrationTable } from "./metrics.ts";

/** Below these the model says "not enough data" instead of guessing. */
export const minimums = {
  trainingBookings: 200,
  trainingNoShows: 20,
  heldOutBookings: 50,
  heldOutNoShows: 5,
} as const;

/** The most recent period held out for evaluation. */
export const heldOutDays = 28;

export interface Evaluation {
  from: string;
  to: string;
  bookings: number;
  noShows: number;
  model: { auc: number | null; brier: number };
  baseRate: { rate: number; auc: number | null; brier: number };
  calibration: CalibrationBin[];
}

export interface TrainedModel {
  status: "trained";
  trainedAt: string;
  /** Resolved bookings the stored model was fitted on (all history up to the training date). */
  trainingBookings: number;
  trainingFrom: string;
  trainingTo: string;
  baseRate: number;
  categories: Categories;
  columns: Column[];
  /** Column means over the training rows: a factor is how far this booking's value moves the odds from the average booking's. */
  means: number[];
  intercept: number;
  weights: number[];
  evaluation: Evaluation;
  /** Show rate per weekday and slot time (resolved history): which open slots to fill first. */
  slotShowRates: { weekday: string; time: string; resolved: number; showRate: number }[];
}

export interface InsufficientModel {
  status: "insufficient";
  trainedAt: string;
  trainingBookings: number;
  trainingNoShows: number;
  heldOutBookings: number;
  heldOutNoShows: number;
  required: typeof minimums;
}

export type ModelResult = TrainedModel | InsufficientModel;

const dayMs = 86_400_000;
const l2 = 2;

function fitModel(facts: readonly FeatureFacts[], labels: readonly number[], categories: Categories) {
  const rows = facts.map((fact) => encode(fact, categories));
  const model = trainLogistic(rows, labels, { l2 });
  const means = columnsOf(categories).map(
    (_, j) => rows.reduce((sum, row) => sum + row[j]!, 0) / Math.max(1, rows.length),
  );
  return { model, means };
}

/**
 * Trains on resolved history: evaluated by fitting on everything before the
 * most recent `heldOutDays` and scoring that period (AUC, Brier score and a
 * calibration table, each against the base-rate predictor), then refitted on
 * all of it for the predictions it will make.
 */
export function trainNoShowModel(history: readonly PredictionBooking[], now: Date): ModelResult {
  const today = now.toISOString().slice(0, 10);
  const examples = examplesOf(history.filter((booking) => booking.end <= now.toISOString()));
  const cut = new Date(Date.parse(`${today}T00:00:00Z`) - heldOutDays * dayMs).toISOString().slice(0, 10);
  const train = examples.filter((example) => example.booking.date < cut);
  const heldOut = examples.filter((example) => example.booking.date >= cut);
  const count = (list: typeof examples) => list.reduce((sum, example) => sum + example.label, 0);
  const counts = {
    trainingBookings: train.length,
    trainingNoShows: count(train),
    heldOutBookings: heldOut.length,
    heldOutNoShows: count(heldOut),
  };
  if (
    counts.trainingBookings < minimums.trainingBookings ||
    counts.trainingNoShows < minimums.trainingNoShows ||
    counts.heldOutBookings < minimums.heldOutBookings ||
    counts.heldOutNoShows < minimums.heldOutNoShows
  ) {
    return { status: "insufficient", trainedAt: now.toISOString(), ...counts, required: minimums };
  }

  const trainCategories = categoriesOf(train.map((example) => example.facts));
  const evaluated = fitModel(
    train.map((example) => example.facts),
    train.map((example) => example.label),
    trainCategories,
  );
  const baseRate = counts.trainingNoShows / counts.trainingBookings;
  const labels = heldOut.map((example) => example.label);
  const scores = heldOut.map((example) =>
    predictProbability(evaluated.model, encode(example.facts, trainCategories)),
  );
  const baseScores = labels.map(() => baseRate);
  const evaluation: Evaluation = {
    from: cut,
    to: [cut, ...heldOut.map((example) => example.booking.date)].sort().at(-1)!,
    bookings: heldOut.length,
    noShows: counts.heldOutNoShows,
    model: { auc: auc(scores, labels) ?? null, brier: brier(scores, labels) },
    baseRate: { rate: baseRate, auc: auc(baseScores, labels) ?? null, brier: brier(baseScores, labels) },
    calibration: calibrationTable(scores, labels),
  };

  const categories = categoriesOf(examples.map((example) => example.facts));
  const final = fitModel(
    examples.map((example) => example.facts),
    examples.map((example) => example.label),
    categories,
  );
  const dates = examples.map((example) => example.booking.date).sort();
  return {
    status: "trained",
    trainedAt: now.toISOString(),
    trainingBookings: examples.length,
    trainingFrom: dates[0]!,
    trainingTo: dates.at(-1)!,
    baseRate: count(examples) / examples.length,
    categories,
    columns: columnsOf(categories),
    means: final.means,
    intercept: final.model.intercept,
    weights: final.model.weights,
    evaluation,
    slotShowRates: slotShowRates(examples),
  };
}

function slotShowRates(examples: ReturnType<typeof examplesOf>): TrainedModel["slotShowRates"] {
  const cells = new Map<string, { weekday: string; time: string; resolved: number; shows: number }>();
  for (const { facts, label } of examples) {
    const key = `${facts.weekday} ${facts.slotTime}`;
    const cell = cells.get(key) ?? { weekday: facts.weekday, time: facts.slotTime, resolved: 0, shows: 0 };
    cell.resolved++;
    cell.shows += 1 - label;
    cells.set(key, cell);
  }
  return [...cells.values()]
    .map(({ shows, ...cell }) => ({ ...cell, showRate: shows / cell.resolved }))
    .sort((a, b) => a.weekday.localeCompare(b.weekday) || a.time.localeCompare(b.time));
}

export interface Factor {
  group: FactorGroup;
  /** Change of the log-odds against the average booking: positive raises the risk. */
  effect: number;
}

export interface Prediction {
  probability: number;
  /** The three factors that move this booking's odds most, largest first. */
  factors: Factor[];
}

/** The probability of a no-show and the three factors that move it most (columns summed per factor). */
export function predict(model: TrainedModel, facts: FeatureFacts): Prediction {
  const row = encode(facts, model.categories);
  const probability = predictProbability(model, row);
  const effects = new Map<FactorGroup, number>(factorGroups.map((group) => [group, 0]));
  model.columns.forEach((column, j) => {
    effects.set(column.group, effects.get(column.group)! + model.weights[j]! * (row[j]! - model.means[j]!));
  });
  const factors = [...effects]
    .map(([group, effect]) => ({ group, effect }))
    .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect))
    .slice(0, 3);
  return { probability, factors };
}

export type RiskClass = "low" | "medium" | "high";

export interface Risk {
  risk: RiskClass;
  /** Why, in facts the words are made of: the no-shows and/or the forecast that decided the class. */
  reason: "noShows" | "probability" | "none";
}

/** high at 3 no-shows or a forecast of 0.5, medium at 1 no-show or 0.25, else low. */
export function riskOf(noShows: number, probability: number | undefined): Risk {
  const p = probability ?? 0;
  if (noShows >= 3) return { risk: "high", reason: "noShows" };
  if (p >= 0.5) return { risk: "high", reason: "probability" };
  if (noShows >= 1) return { risk: "medium", reason: "noShows" };
  if (p >= 0.25) return { risk: "medium", reason: "probability" };
  return { risk: "low", reason: "none" };
}

export interface OpenSlot {
  date: string;
  time: string;
  weekday: string;
  capacity: number;
  booked: number;
}

export interface SlotRecommendation extends OpenSlot {
  showRate: number | null;
  use: number;
  score: number;
}

/**
 * Open slots to fill first: a high show rate for their weekday and time and a
 * low use of their capacity (score = show rate × (1 − use); slots with no
 * history count with the base show rate).
 */
export function recommendSlots(
  model: TrainedModel,
  slots: readonly OpenSlot[],
  limit = 10,
): SlotRecommendation[] {
  const rates = new Map(
    model.slotShowRates
      .filter((cell) => cell.resolved >= 5)
      .map((cell) => [`${cell.weekday} ${cell.time}`, cell.showRate]),
  );
  return slots
    .filter((slot) => slot.capacity > slot.booked)
    .map((slot) => {
      const showRate = rates.get(`${slot.weekday} ${slot.time}`) ?? null;
      const use = slot.capacity === 0 ? 1 : slot.booked / slot.capacity;
      return { ...slot, showRate, use, score: (showRate ?? 1 - model.baseRate) * (1 - use) };
    })
    .sort((a, b) => b.score - a.score || a.date.localeCompare(b.date) || a.time.localeCompare(b.time))
    .slice(0, limit);
}

export type { CustomerPrior, FeatureFacts, PredictionBooking };
