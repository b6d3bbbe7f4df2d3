import type { Language } from "../../shared/contracts/messages.ts";
import { listConsultants } from "../../shared/data/consultants-repository.ts";
import {
  customerWithBookings,
  getCustomer,
  searchCustomersByName,
} from "../../shared/data/customers-repository.ts";
import { latestModel } from "../../shared/data/predictions-repository.ts";
import { customerPhoneSchema } from "../../shared/domain/customers/customer.ts";
import { customerIdOf } from "../../shared/domain/customers/customer-id.ts";
import {
  type CustomerBooking,
  lastBookingsShown,
  noShows,
  summarize,
} from "../../shared/domain/customers/profile.ts";
import { searchToken } from "../../shared/domain/customers/search.ts";
import { labelOf } from "../../shared/domain/predictions/features.ts";
import { forecastBookings } from "../../shared/domain/predictions/forecast.ts";
import { riskOf } from "../../shared/domain/predictions/model.ts";
import { riskText } from "../../shared/domain/predictions/words.ts";
import { HttpError } from "../../shared/http/errors.ts";
import { createFeatureHandler } from "../../shared/http/pipeline.ts";
import { pipelineOptions } from "../../shared/http/pipeline-options.ts";

const unknownCustomer = () => new HttpError("not_found", "customer.notFound");

/** A booking the dialog is about to make, or the customer's next one: what the forecast is for. */
interface ForecastTarget {
  date: string;
  time: string;
  start: string;
  createdAt: string;
  agent: string;
  consultant?: string | undefined;
  potentialClass?: string | undefined;
}

/**
 * Risk as the analytics definitions give it: high at 3 no-shows or a forecast
 * of 0.5, medium at 1 or 0.25; the forecast is the model's for `target`
 * (when a model is trained), with its three factors in words.
 */
async function riskWithForecast(
  id: string,
  bookings: readonly CustomerBooking[],
  language: Language,
  target?: ForecastTarget,
) {
  const now = new Date().toISOString();
  const resolvedBefore = bookings.filter(
    (booking) => booking.start < now && labelOf(booking.outcome) !== undefined,
  );
  const prior = {
    resolved: resolvedBefore.length,
    noShows: resolvedBefore.reduce((sum, booking) => sum + (labelOf(booking.outcome) ?? 0), 0),
  };
  const [model, consultants] = target ? await Promise.all([latestModel(), listConsultants()]) : [];
  const names = new Map(consultants?.map((consultant) => [consultant.id, consultant.name]));
  const forecast =
    target && model?.status === "trained"
      ? forecastBookings(
          model,
          [
            {
              id: "prospective",
              customerId: id,
              end: target.start,
              status: "booked",
              outcome: "pending",
              firstName: "",
              lastName: "",
              ...target,
            },
          ],
          new Map([[id, prior]]),
          language,
          (consultant) => names.get(consultant) ?? consultant,
        )[0]
      : undefined;
  const missed = noShows(summarize(bookings, []).outcomes);
  const risk = riskOf(missed, forecast?.probability);
  return {
    risk: risk.risk,
    riskReason: riskText(risk, missed, forecast?.probability, language),
    ...(forecast ? { forecast: { probability: forecast.probability, factors: forecast.factors } } : {}),
  };
}

async function customer(id: string, language: Language) {
  const record = await customerWithBookings(id);
  if (!record) throw unknownCustomer();
  const { history, ...summary } = summarize(record.bookings, [...record.customer.names]);
  const now = new Date().toISOString();
  // The forecast for the customer's next open appointment, when there is one.
  const next = [...history]
    .reverse()
    .find((booking) => booking.status === "booked" && booking.outcome === "pending" && booking.start > now);
  const risk = await riskWithForecast(
    id,
    record.bookings,
    language,
    next ? { ...next, createdAt: next.createdAt } : undefined,
  );
  return { id, phone: record.customer.phone, ...summary, ...risk, history };
}

/**
 * Agents find a customer only by the exact phone number they have in hand
 * (the booking dialog): there is no list and no search for them, so nobody
 * can browse customers. The full history and the search are for admins.
 */
export const handler = createFeatureHandler(
  "customers",
  {
    async findCustomer({ query, language, principal }) {
      const id = customerIdOf(query.phone);
      const record = await customerWithBookings(id);
      if (!record) throw unknownCustomer();
      const { history, ...profile } = summarize(record.bookings, [...record.customer.names]);
      const target: ForecastTarget | undefined =
        query.date && query.time
          ? {
              date: query.date,
              time: query.time,
              start: query.start ?? `${query.date}T${query.time}:00.000Z`,
              createdAt: new Date().toISOString(),
              agent: principal.username,
              potentialClass: query.potential,
            }
          : undefined;
      const risk = await riskWithForecast(id, record.bookings, language, target);
      // Only what the dialog shows: no notes, names or ids of other agents' bookings.
      const lastBookings = history.slice(0, lastBookingsShown).map((booking) => ({
        date: booking.date,
        time: booking.time,
        start: booking.start,
        status: booking.status,
        outcome: booking.outcome,
        agent: booking.agent,
        ...(booking.consultant ? { consultant: booking.consultant } : {}),
      }));
      return { id, phone: record.customer.phone, ...profile, ...risk, lastBookings };
    },

    async getCustomer({ params, language }) {
      return customer(params.id, language);
    },

    async searchCustomers({ query, language }) {
      const phone = customerPhoneSchema.safeParse(query.q);
      const digits = query.q.replace(/[^0-9]/g, "");
      let ids: string[];
      if (phone.success && digits.length >= 6) {
        const id = customerIdOf(phone.data);
        ids = (await getCustomer(id)) ? [id] : [];
      } else {
        if (!searchToken(query.q)) throw new HttpError("invalid", "customer.searchTooShort");
        ids = (await searchCustomersByName(query.q, 20)).map((hit) => hit.customerId);
      }
      const customers = await Promise.all(
        ids.map(async (id) => {
          const record = await customerWithBookings(id);
          if (!record) return undefined;
          const summary = summarize(record.bookings, [...record.customer.names]);
          const risk = await riskWithForecast(id, record.bookings, language);
          return {
            id,
            phone: record.customer.phone,
            names: summary.names,
            bookings: summary.bookings,
            resolved: summary.resolved,
            noShows: noShows(summary.outcomes),
            reliability: summary.reliability,
            risk: risk.risk,
            riskReason: risk.riskReason,
            lastAppointment: summary.history[0]?.date,
          };
        }),
      );
      return { customers: customers.filter((entry) => entry !== undefined) };
    },
  },
  pipelineOptions(),
);
