import type { Language } from "../../contracts/messages.ts";
import { type CustomerPrior, type FactorGroup, factsOf, type PredictionBooking } from "./features.ts";
import { predict, riskOf, type TrainedModel } from "./model.ts";
import { factorText, riskText } from "./words.ts";

export interface ForecastBooking extends PredictionBooking {
  firstName: string;
  lastName: string;
}

export interface BookingForecast {
  bookingId: string;
  date: string;
  time: string;
  start: string;
  firstName: string;
  lastName: string;
  agent: string;
  consultant?: string;
  customerId?: string;
  probability: number;
  risk: "low" | "medium" | "high";
  riskReason: string;
  factors: { group: FactorGroup; effect: number; text: string }[];
}

/** Forecast, risk class (history and forecast) and the top three factors in words, per booking. */
export function forecastBookings(
  model: TrainedModel,
  bookings: readonly ForecastBooking[],
  priors: ReadonlyMap<string, CustomerPrior>,
  language: Language,
  consultantName: (id: string) => string,
): BookingForecast[] {
  return bookings.map((booking) => {
    const prior = priors.get(booking.customerId ?? "") ?? { resolved: 0, noShows: 0 };
    const facts = factsOf(booking, prior);
    const { probability, factors } = predict(model, facts);
    const risk = riskOf(prior.noShows, probability);
    return {
      bookingId: booking.id,
      date: booking.date,
      time: booking.time,
      start: booking.start,
      firstName: booking.firstName,
      lastName: booking.lastName,
      agent: booking.agent,
      ...(booking.consultant ? { consultant: booking.consultant } : {}),
      ...(booking.customerId ? { customerId: booking.customerId } : {}),
      probability,
      risk: risk.risk,
      riskReason: riskText(risk, prior.noShows, probability, language),
      factors: factors.map((factor) => ({
        ...factor,
        text: factorText(factor, { ...facts, date: booking.date }, language, { consultant: consultantName }),
      })),
    };
  });
}
