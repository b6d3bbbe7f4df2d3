import { config } from "../../shared/config.ts";
import { formatMessage, type Language } from "../../shared/contracts/messages.ts";
import { listConsultants } from "../../shared/data/consultants-repository.ts";
import {
  bookingsBetween,
  customerPriors,
  latestModel,
  listModels,
} from "../../shared/data/predictions-repository.ts";
import { listSlots } from "../../shared/data/slots-repository.ts";
import { localDate, weekdayOf } from "../../shared/domain/booking/local-date.ts";
import { forecastBookings } from "../../shared/domain/predictions/forecast.ts";
import {
  type ModelResult,
  minimums,
  recommendSlots,
  type TrainedModel,
} from "../../shared/domain/predictions/model.ts";
import { createFeatureHandler } from "../../shared/http/pipeline.ts";
import { pipelineOptions } from "../../shared/http/pipeline-options.ts";
import type { Principal } from "../../shared/http/principal.ts";

const dayMs = 86_400_000;
const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * dayMs).toISOString().slice(0, 10);

/** Why there is no forecast, in words. */
export function unavailableReason(model: ModelResult | undefined, language: Language): string {
  if (!model) return formatMessage("prediction.noModel", language);
  if (model.status === "insufficient")
    return formatMessage("prediction.notEnoughData", language, {
      trainingBookings: model.trainingBookings,
      trainingNoShows: model.trainingNoShows,
      heldOutBookings: model.heldOutBookings,
      requiredTraining: minimums.trainingBookings,
      requiredHeldOut: minimums.heldOutBookings,
    });
  return "";
}

/** Upcoming, still open bookings in the window (agents: their own), with their forecast. */
async function forecasts(
  model: TrainedModel,
  principal: Principal,
  language: Language,
  from: string,
  to: string,
) {
  const now = new Date().toISOString();
  const bookings = (await bookingsBetween(from, to)).filter(
    (booking) =>
      booking.status === "booked" &&
      booking.outcome === "pending" &&
      booking.start > now &&
      (principal.role === "admin" || booking.agent === principal.username),
  );
  const [priors, consultants] = await Promise.all([
    customerPriors(
      bookings.flatMap((booking) => (booking.customerId ? [booking.customerId] : [])),
      now,
    ),
    listConsultants(),
  ]);
  const names = new Map(consultants.map((consultant) => [consultant.id, consultant.name]));
  return forecastBookings(model, bookings, priors, language, (id) => names.get(id) ?? id).sort(
    (a, b) => a.start.localeCompare(b.start) || a.bookingId.localeCompare(b.bookingId),
  );
}

const today = () => localDate(new Date(), config().TIMEZONE);

export const handler = createFeatureHandler(
  "predictions",
  {
    async getPredictionModel({ language }) {
      const [model, runs] = await Promise.all([latestModel(), listModels(10)]);
      const history = runs.map((run) => ({
        trainedAt: run.trainedAt,
        status: run.status,
        ...(run.status === "trained"
          ? { auc: run.evaluation.model.auc, brier: run.evaluation.model.brier }
          : {}),
      }));
      if (!model)
        return { status: "none" as const, message: unavailableReason(undefined, language), history };
      if (model.status === "insufficient")
        return {
          status: "insufficient" as const,
          message: unavailableReason(model, language),
          trainedAt: model.trainedAt,
          trainingBookings: model.trainingBookings,
          history,
        };
      return {
        status: "trained" as const,
        trainedAt: model.trainedAt,
        trainingBookings: model.trainingBookings,
        trainingFrom: model.trainingFrom,
        trainingTo: model.trainingTo,
        baseRate: model.baseRate,
        evaluation: model.evaluation,
        history,
      };
    },

    async listBookingPredictions({ principal, language, query }) {
      const model = await latestModel();
      if (model?.status !== "trained")
        return { available: false as const, reason: unavailableReason(model, language) };
      const from = query.from ?? today();
      const to = query.to ?? plusDays(from, 14);
      const predictions = await forecasts(model, principal, language, from, to);
      return {
        available: true as const,
        trainedAt: model.trainedAt,
        predictions: predictions.slice(0, query.limit ?? 500),
      };
    },

    async listConfirmCalls({ principal, language, query }) {
      const model = await latestModel();
      if (model?.status !== "trained")
        return { available: false as const, reason: unavailableReason(model, language) };
      const from = query.from ?? today();
      const to = query.to ?? plusDays(from, 7);
      const ranked = (await forecasts(model, principal, language, from, to)).sort(
        (a, b) => b.probability - a.probability || a.start.localeCompare(b.start),
      );
      return {
        available: true as const,
        trainedAt: model.trainedAt,
        predictions: ranked.slice(0, query.limit ?? 10),
      };
    },

    async listSlotRecommendations({ language }) {
      const model = await latestModel();
      if (model?.status !== "trained")
        return { available: false as const, reason: unavailableReason(model, language) };
      const now = new Date().toISOString();
      const from = today();
      const slots = (await listSlots(from, plusDays(from, 14))).filter(
        (slot) => slot.start > now && slot.capacity > 0,
      );
      const percent = (value: number) => `${Math.round(value * 100)} %`;
      const recommendations = recommendSlots(
        model,
        slots.map((slot) => ({
          date: slot.date,
          time: slot.time,
          weekday: weekdayOf(slot.date),
          capacity: slot.capacity,
          booked: slot.booked,
        })),
      ).map((slot) => {
        const free = slot.capacity - slot.booked;
        return {
          ...slot,
          reason:
            slot.showRate === null
              ? formatMessage("prediction.slotReasonNoHistory", language, { free, capacity: slot.capacity })
              : formatMessage("prediction.slotReason", language, {
                  showRate: percent(slot.showRate),
                  free,
                  capacity: slot.capacity,
                }),
        };
      });
      return { available: true as const, recommendations };
    },
  },
  pipelineOptions(),
);
