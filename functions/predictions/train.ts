import { config } from "../../shared/config.ts";
import { bookingsBetween, saveModel } from "../../shared/data/predictions-repository.ts";
import { localDate } from "../../shared/domain/booking/local-date.ts";
import { type ModelResult, trainNoShowModel } from "../../shared/domain/predictions/model.ts";

/** How far back the training reads resolved bookings. */
export const trainingDays = 365;

/** Reads the resolved history (one Query per day), trains, evaluates and stores the model. */
export async function trainModel(now = new Date()): Promise<ModelResult> {
  const to = localDate(now, config().TIMEZONE);
  const from = new Date(Date.parse(`${to}T12:00:00Z`) - trainingDays * 86_400_000).toISOString().slice(0, 10);
  const history = await bookingsBetween(from, to);
  const model = trainNoShowModel(history, now);
  await saveModel(model);
  return model;
}
