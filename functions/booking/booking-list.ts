import {
  type Booking,
  type BookingListView,
  type BookingOutcomeFilter,
  bookingPageSize,
} from "../../shared/contracts/booking.ts";
import { slotTimeZone } from "../../shared/data/booking-settings.ts";
import {
  CursorMismatch,
  decodeCursor,
  encodeCursor,
  type PagePosition,
  pageBookingsByDay,
  pageBookingsOfAgent,
} from "../../shared/data/bookings-list-repository.ts";
import type { StoredBooking } from "../../shared/data/bookings-repository.ts";
import { matchesOutcome, matchesSearch } from "../../shared/domain/booking/booking-filter.ts";
import { addDays, daysBetween, localDate } from "../../shared/domain/booking/local-date.ts";
import { invalidRequest } from "../../shared/http/errors.ts";
import type { Principal } from "../../shared/http/principal.ts";
import { toBooking } from "./booking-service.ts";

/** The list's storage: the two paged reads and the zone dates are local to. */
export interface BookingPages {
  pageOfAgent: typeof pageBookingsOfAgent;
  pageByDay: typeof pageBookingsByDay;
  timeZone: typeof slotTimeZone;
}

export const dynamoBookingPages: BookingPages = {
  pageOfAgent: pageBookingsOfAgent,
  pageByDay: pageBookingsByDay,
  timeZone: slotTimeZone,
};

export interface BookingListQuery {
  from?: string | undefined;
  to?: string | undefined;
  agent?: string | undefined;
  consultant?: string | undefined;
  view?: BookingListView | undefined;
  outcome?: BookingOutcomeFilter | undefined;
  q?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

/** A request pages when it asks for a page, a view or a filter, or continues one; otherwise it is the plain from..to list. */
export function isPagedQuery(query: BookingListQuery): boolean {
  return [query.limit, query.cursor, query.view, query.outcome, query.q].some((part) => part !== undefined);
}

const dayMs = 86_400_000;
/** How far the all-agents list walks days: the booking horizon ahead, a year of history back. */
const daysAhead = 120;
const daysBack = 400;

const badCursor = () => invalidRequest({ "query.cursor": "bookingList.cursorInvalid" });

/**
 * "Meine Termine" at scale: one page at a time. Agents (and admins naming an
 * agent) read one partition of the agent index, by start; the all-agents list
 * walks day partitions. Filters (view, outcome, search, consultant, dates)
 * apply server-side within what is read, so a page holds only matches.
 */
export function bookingListService(pages: BookingPages) {
  async function pageBookings(
    query: BookingListQuery,
    principal: Principal,
    now = new Date(),
  ): Promise<{ bookings: Booking[]; nextCursor?: string }> {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (query.cursor !== undefined && after === undefined) throw badCursor();
    if (query.from !== undefined && query.to !== undefined && daysBetween(query.from, query.to) < 0) {
      throw invalidRequest({ "query.to": "range.toBeforeFrom" });
    }
    const nowIso = now.toISOString();
    const limit = query.limit ?? bookingPageSize.default;
    const descending = query.view === "past";
    const keep = (booking: StoredBooking) =>
      (query.view !== "upcoming" || booking.start > nowIso) &&
      (query.view !== "past" || booking.start <= nowIso) &&
      (query.from === undefined || booking.date >= query.from) &&
      (query.to === undefined || booking.date <= query.to) &&
      (query.consultant === undefined || booking.consultant === query.consultant) &&
      (query.outcome === undefined || matchesOutcome(booking, query.outcome)) &&
      (query.q === undefined || matchesSearch(booking, query.q));
    const agent = principal.role === "admin" ? query.agent : principal.username;
    try {
      let page: { bookings: StoredBooking[]; next?: PagePosition | undefined };
      if (agent) {
        // The index sorts by UTC start: local dates widen by a day each side, `keep` cuts exactly.
        const fromIso = query.from ? new Date(Date.parse(query.from) - dayMs).toISOString() : "0";
        const toIso = query.to ? new Date(Date.parse(query.to) + 2 * dayMs).toISOString() : "9";
        const lower = query.view === "upcoming" && nowIso > fromIso ? nowIso : fromIso;
        const upper = query.view === "past" && `${nowIso}~` < toIso ? `${nowIso}~` : toIso;
        // Dates outside the view (past days asked for upcoming): nothing to read.
        if (lower > upper && !after) return { bookings: [] };
        page = await pages.pageOfAgent({
          agent,
          fromIso: lower,
          toIso: upper,
          descending,
          limit,
          after,
          filtered: query.outcome !== undefined || query.q !== undefined || query.consultant !== undefined,
          keep,
        });
      } else {
        const today = localDate(now, await pages.timeZone());
        let fromDate = query.from ?? addDays(today, query.view === "upcoming" ? 0 : -daysBack);
        let toDate = query.to ?? addDays(today, query.view === "past" ? 0 : daysAhead);
        if (query.view === "upcoming" && fromDate < today) fromDate = today;
        if (query.view === "past" && toDate > today) toDate = today;
        // Today changes between two pages too: the walk still reaches the cursor's day.
        if (after?.d !== undefined && after.d < fromDate) fromDate = after.d;
        if (after?.d !== undefined && after.d > toDate) toDate = after.d;
        if (fromDate > toDate && !after) return { bookings: [] };
        page = await pages.pageByDay({ fromDate, toDate, descending, limit, after, keep });
      }
      return {
        bookings: page.bookings.map(toBooking),
        ...(page.next ? { nextCursor: encodeCursor(page.next) } : {}),
      };
    } catch (error) {
      if (error instanceof CursorMismatch) throw badCursor();
      throw error;
    }
  }

  return { pageBookings };
}
