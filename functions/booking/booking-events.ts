// The booking events are a contract between features: defined in shared/events/booking-events.ts.
export { bookingEvents, calendarRelevantEvents } from "../../shared/events/booking-events.ts";
