import { currentBookingRules, currentPointsRule, slotTimeZone } from "../../shared/data/booking-settings.ts";
import {
  cancelBooking,
  consultantLoads,
  createBooking,
  getBooking,
  idempotencyRecord,
  listBookingsOfAgent,
  listBookingsOnDay,
  reassignBooking,
  rescheduleBooking,
  setOutcome,
} from "../../shared/data/bookings-repository.ts";
import { listConsultants } from "../../shared/data/consultants-repository.ts";
import { getSlot, listSlots } from "../../shared/data/slots-repository.ts";

/**
 * The port between the booking service and its storage: everything the
 * service reads or writes goes through this object, so the service's rules
 * are unit-tested against an in-memory store and the DynamoDB adapter below
 * is proven once by the integration tests. Signatures are the repository's,
 * so the two cannot drift apart.
 */
export interface BookingStore {
  listSlots: typeof listSlots;
  getSlot: typeof getSlot;
  listConsultants: typeof listConsultants;
  consultantLoads: typeof consultantLoads;
  bookingRules: typeof currentBookingRules;
  pointsRule: typeof currentPointsRule;
  /** The zone slots are local to (the slot template's, else `TIMEZONE`). */
  timeZone: typeof slotTimeZone;
  idempotencyRecord: typeof idempotencyRecord;
  getBooking: typeof getBooking;
  createBooking: typeof createBooking;
  listBookingsOfAgent: typeof listBookingsOfAgent;
  listBookingsOnDay: typeof listBookingsOnDay;
  rescheduleBooking: typeof rescheduleBooking;
  reassignBooking: typeof reassignBooking;
  cancelBooking: typeof cancelBooking;
  setOutcome: typeof setOutcome;
}

/** The DynamoDB adapter. */
export const dynamoBookingStore: BookingStore = {
  listSlots,
  getSlot,
  listConsultants,
  consultantLoads,
  bookingRules: currentBookingRules,
  pointsRule: currentPointsRule,
  timeZone: slotTimeZone,
  idempotencyRecord,
  getBooking,
  createBooking,
  listBookingsOfAgent,
  listBookingsOnDay,
  rescheduleBooking,
  reassignBooking,
  cancelBooking,
  setOutcome,
};
