import { createJobHandler } from "../../shared/jobs/job-handler.ts";
import { trainModel } from "./train.ts";

/**
 * Nightly: the no-show model trained on the resolved history, evaluated on
 * the most recent four weeks held out, stored with its date and metrics.
 */
export const handler = createJobHandler("train-no-show-model", async (event) => {
  const model = await trainModel(event.time ? new Date(event.time) : new Date());
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
});
