import type { Outcome } from "./outcomes.ts";

/** What the filters read of a booking. */
export interface FilterableBooking {
  firstName: string;
  lastName: string;
  phone: string;
  status: "booked" | "cancelled";
  outcome: Outcome;
}

export type OutcomeFilter = "appeared" | "no_show" | "cancelled" | "open";

/**
 * The outcome groups agents filter by. A ghost counts as a no-show (as the
 * no-show rate counts it); overhang and consultant change are appointments
 * the customer came to; a rescheduled outcome gave its place back like a
 * cancellation; "open" is booked and not yet resolved.
 */
export function matchesOutcome(booking: FilterableBooking, filter: OutcomeFilter): boolean {
  switch (filter) {
    case "open":
      return booking.status === "booked" && booking.outcome === "pending";
    case "cancelled":
      return (
        booking.status === "cancelled" || booking.outcome === "cancelled" || booking.outcome === "rescheduled"
      );
    case "no_show":
      return booking.status === "booked" && (booking.outcome === "no_show" || booking.outcome === "ghost");
    case "appeared":
      return (
        booking.status === "booked" &&
        (booking.outcome === "completed" ||
          booking.outcome === "overhang" ||
          booking.outcome === "consultant_change")
      );
  }
}

/** Lower case without accents (ß as ss): "Müller" is found by "muller", "mueller" is not guessed. */
function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replaceAll("\u00df", "ss")
    .toLowerCase();
}

const phoneLike = /^[+\d\s()/-]+$/;

/**
 * A search over the customer: every word of `query` is part of the name, or
 * the query (at least three digits) is part of the phone number — typed
 * nationally ("0171 …") or internationally ("+49 171 …", stored that way).
 */
export function matchesSearch(booking: FilterableBooking, query: string): boolean {
  const trimmed = query.trim();
  if (phoneLike.test(trimmed)) {
    const digits = trimmed.replace(/\D/g, "");
    if (digits.length >= 3) {
      const stored = booking.phone.replace(/\D/g, "");
      // "0049 171 …" and "0171 …" without their prefix are part of "+49 171 …".
      const withoutPrefix = digits.replace(/^00?/, "");
      return stored.includes(digits) || stored.includes(withoutPrefix);
    }
  }
  const name = fold(`${booking.firstName} ${booking.lastName}`);
  const words = fold(trimmed).split(/\s+/).filter(Boolean);
  return words.length > 0 && words.every((word) => name.includes(word));
}
