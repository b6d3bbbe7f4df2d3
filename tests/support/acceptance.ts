/**
 * Acceptance tests that are too slow for every `npm test` run (100k rows, 2,000-event streams)
 * or not yet seen green on a quiet machine: they run with `FULL_ACCEPTANCE=1`
 * (`npm run test:acceptance`). The README lists them; none is counted as done while it sits here.
 */
export const fullAcceptance = process.env.FULL_ACCEPTANCE === "1";
