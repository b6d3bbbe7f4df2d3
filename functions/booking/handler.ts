import { listConsultants } from "../../shared/data/consultants-repository.ts";
import { invalidRequest } from "../../shared/http/errors.ts";
import { createFeatureHandler } from "../../shared/http/pipeline.ts";
import { pipelineOptions } from "../../shared/http/pipeline-options.ts";
import { bookingListService, dynamoBookingPages, isPagedQuery } from "./booking-list.ts";
import { bookingService, toBooking } from "./booking-service.ts";
import { dynamoBookingStore } from "./booking-store.ts";

const { availability, book, cancel, listBookings, recordOutcome, reschedule, visibleBooking } =
  bookingService(dynamoBookingStore);
const { pageBookings } = bookingListService(dynamoBookingPages);

const idempotencyKeyPattern = /^[A-Za-z0-9_-]{8,100}$/;

export const handler = createFeatureHandler(
  "booking",
  {
    async listConsultants() {
      const consultants = await listConsultants();
      return consultants.map(({ id, name, active }) => ({ id, name, active }));
    },

    async getAvailability({ query }) {
      return availability(query);
    },

    async createBooking({ body, principal, event, response }) {
      const idempotencyKey = event.headers["idempotency-key"];
      if (idempotencyKey !== undefined && !idempotencyKeyPattern.test(idempotencyKey)) {
        throw invalidRequest({ "headers.idempotency-key": "booking.idempotencyKeyFormat" });
      }
      const { booking, replayed } = await book(body, principal, idempotencyKey);
      if (replayed) response.headers["idempotent-replayed"] = "true";
      response.headers.location = `/api/bookings/${booking.id}`;
      return { booking };
    },

    async listBookings({ query, principal }) {
      if (isPagedQuery(query)) return pageBookings(query, principal);
      return { bookings: await listBookings(query, principal) };
    },

    async getBooking({ params, principal }) {
      return { booking: toBooking(await visibleBooking(params.id, principal)) };
    },

    async rescheduleBooking({ params, body, principal }) {
      return { booking: await reschedule(params.id, body, principal) };
    },

    async cancelBooking({ params, principal }) {
      return { booking: await cancel(params.id, principal) };
    },

    async setBookingOutcome({ params, body, principal }) {
      return { booking: await recordOutcome(params.id, body, principal) };
    },
  },
  pipelineOptions(),
);
