/**
 * Logistic regression with an L2 penalty, fitted by Newton's method
 * (iteratively reweighted least squares). A few dozen features and some
 * thousand rows: each step is one d×d solve, converging in well under 25
 * steps. Small and tested rather than a dependency: the maintained JS
 * libraries for this are either unmaintained or pull in a whole ML stack.
 */

export interface LogisticModel {
  intercept: number;
  weights: number[];
}

export interface TrainOptions {
  /** Penalty on the weights (not the intercept): keeps rare categories from running off. */
  l2?: number;
  maxIterations?: number;
  tolerance?: number;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function predictProbability(model: LogisticModel, x: readonly number[]): number {
  let z = model.intercept;
  for (let j = 0; j < model.weights.length; j++) z += model.weights[j]! * (x[j] ?? 0);
  return sigmoid(z);
}

/** Solves A·x = b (A symmetric positive definite) by Gaussian elimination with partial pivoting. */
export function solve(matrix: number[][], vector: number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++)
      if (Math.abs(a[row]![col]!) > Math.abs(a[pivot]![col]!)) pivot = row;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]![col]!;
    if (Math.abs(p) < 1e-12) continue;
    for (let row = col + 1; row < n; row++) {
      const factor = a[row]![col]! / p;
      if (factor === 0) continue;
      for (let k = col; k <= n; k++) a[row]![k]! -= factor * a[col]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row--) {
    let sum = a[row]![n]!;
    for (let k = row + 1; k < n; k++) sum -= a[row]![k]! * x[k]!;
    const p = a[row]![row]!;
    x[row] = Math.abs(p) < 1e-12 ? 0 : sum / p;
  }
  return x;
}

/** Fits the model to rows `x` with labels `y` (1 = no-show). */
export function trainLogistic(
  x: readonly (readonly number[])[],
  y: readonly number[],
  options: TrainOptions = {},
): LogisticModel {
  const { l2 = 1, maxIterations = 25, tolerance = 1e-6 } = options;
  const d = (x[0]?.length ?? 0) + 1;
  // Parameter 0 is the intercept; the rest are the weights.
  let beta = new Array<number>(d).fill(0);
  const mean = y.reduce((sum, label) => sum + label, 0) / Math.max(1, y.length);
  beta[0] = Math.log(Math.max(1e-6, mean) / Math.max(1e-6, 1 - mean));
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const gradient = new Array<number>(d).fill(0);
    const hessian = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < x.length; i++) {
      const row = [1, ...x[i]!];
      let z = 0;
      for (let j = 0; j < d; j++) z += beta[j]! * row[j]!;
      const p = sigmoid(z);
      const w = Math.max(p * (1 - p), 1e-9);
      const error = p - y[i]!;
      for (let j = 0; j < d; j++) {
        const rj = row[j]!;
        if (rj === 0) continue;
        gradient[j]! += error * rj;
        const hj = hessian[j]!;
        for (let k = j; k < d; k++) hj[k]! += w * rj * row[k]!;
      }
    }
    for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) hessian[j]![k] = hessian[k]![j]!;
    for (let j = 1; j < d; j++) {
      gradient[j]! += l2 * beta[j]!;
      hessian[j]![j]! += l2;
    }
    const step = solve(hessian, gradient);
    beta = beta.map((value, j) => value - step[j]!);
    if (Math.max(...step.map(Math.abs)) < tolerance) break;
  }
  return { intercept: beta[0]!, weights: beta.slice(1) };
}
