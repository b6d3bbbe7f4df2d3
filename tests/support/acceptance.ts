/**
 * Acceptance tests that are too slow for every `npm test` run or not yet seen
 * green on a quiet machine: they run with `FULL_ACCEPTANCE=1`
 * (`npm run test:acceptance`). The README lists them; none is counted as done
 * while it sits here.
 *
 * Here now: the 100k-row export's memory (10k vs 100k rows), green but slow:
 * DynamoDB Local spends about a millisecond of CPU on each row written, so
 * the 100k rows alone take 2–4 minutes on two cores. Every `npm test` runs
 * the same assertions at 2k vs 20k rows (~30 s).
 */
export const fullAcceptance = process.env.FULL_ACCEPTANCE === "1";
