/**
 * How good a probability forecast is, on held-out bookings (label 1 = no-show).
 * Each is also computed for the base-rate predictor (the training no-show rate
 * for everyone), the bar any model must clear.
 */

/**
 * Area under the ROC curve: the chance a random no-show gets a higher score
 * than a random show (ties count half), from ranks (Mann–Whitney U).
 * 0.5 = no better than chance; undefined when one class is missing.
 */
export function auc(scores: readonly number[], labels: readonly number[]): number | undefined {
  const order = scores
    .map((score, index) => ({ score, label: labels[index]! }))
    .sort((a, b) => a.score - b.score);
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end < order.length && order[end]!.score === order[start]!.score) end++;
    const averageRank = (start + 1 + end) / 2;
    for (let i = start; i < end; i++) {
      if (order[i]!.label === 1) {
        positives++;
        rankSum += averageRank;
      }
    }
    start = end;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return undefined;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Mean squared difference between forecast and outcome (0 is perfect; lower is better). */
export function brier(scores: readonly number[], labels: readonly number[]): number {
  if (scores.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < scores.length; i++) sum += (scores[i]! - labels[i]!) ** 2;
  return sum / scores.length;
}

export interface CalibrationBin {
  /** Forecasts in [from, to). */
  from: number;
  to: number;
  count: number;
  /** Mean forecast in the bin. */
  predicted: number;
  /** Share of no-shows that actually happened in the bin. */
  observed: number;
}

/** Forecasts grouped into equal-width bins: a calibrated model's observed rate matches its forecast. Empty bins are left out. */
export function calibrationTable(
  scores: readonly number[],
  labels: readonly number[],
  bins = 10,
): CalibrationBin[] {
  const sums = Array.from({ length: bins }, () => ({ count: 0, predicted: 0, observed: 0 }));
  for (let i = 0; i < scores.length; i++) {
    const bin = sums[Math.min(bins - 1, Math.floor(scores[i]! * bins))]!;
    bin.count++;
    bin.predicted += scores[i]!;
    bin.observed += labels[i]!;
  }
  return sums.flatMap((bin, index) =>
    bin.count === 0
      ? []
      : [
          {
            from: index / bins,
            to: (index + 1) / bins,
            count: bin.count,
            predicted: bin.predicted / bin.count,
            observed: bin.observed / bin.count,
          },
        ],
  );
}
