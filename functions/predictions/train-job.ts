import type { ModelResult } from "../../shared/domain/predictions/model.ts";
import { createJobHandler } from "../../shared/jobs/job-handler.ts";
import { trainModel } from "./train.ts";

/** What a training run reports: the evaluation against the base rate, or why there is no model. */
export function trainingSummary(model: ModelResult) {
  return model.status === "trained"
    ? {
        status: model.status,
        trainingBookings: model.trainingBookings,
        heldOut: model.evaluation.bookings,
        auc: model.evaluation.model.auc,
        brier: model.evaluation.model.brier,
        baseAuc: model.evaluation.baseRate.auc,
        baseBrier: model.evaluation.baseRate.brier,
      }
    : {
        status: model.status,
        trainingBookings: model.trainingBookings,
        heldOutBookings: model.heldOutBookings,
      };
}

export type TrainingSummary = ReturnType<typeof trainingSummary>;

/**
 * Nightly: the no-show model trained on the resolved history, evaluated on
 * the most recent four weeks held out, stored with its date and metrics.
 */
export const handler = createJobHandler("train-no-show-model", async (event) =>
  trainingSummary(await trainModel(event.time ? new Date(event.time) : new Date())),
);
