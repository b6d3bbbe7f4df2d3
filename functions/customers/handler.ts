import { customerWithBookings } from "../../shared/data/customers-repository.ts";
import { customerIdOf } from "../../shared/domain/customers/customer-id.ts";
import { lastBookingsShown, summarize } from "../../shared/domain/customers/profile.ts";
import { HttpError } from "../../shared/http/errors.ts";
import { createFeatureHandler } from "../../shared/http/pipeline.ts";
import { pipelineOptions } from "../../shared/http/pipeline-options.ts";

const unknownCustomer = () => new HttpError("not_found", "customer.notFound");

async function customer(id: string) {
  const record = await customerWithBookings(id);
  if (!record) throw unknownCustomer();
  const { history, ...summary } = summarize(record.bookings, [...record.customer.names]);
  return { id, phone: record.customer.phone, ...summary, history };
}

/**
 * Agents find a customer only by the exact phone number they have in hand
 * (the booking dialog): there is no list and no search, so nobody can browse
 * customers. The full history by id is for admins.
 */
export const handler = createFeatureHandler(
  "customers",
  {
    async findCustomer({ query }) {
      const { history, ...profile } = await customer(customerIdOf(query.phone));
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
      return { ...profile, lastBookings };
    },

    async getCustomer({ params }) {
      return customer(params.id);
    },
  },
  pipelineOptions(),
);
