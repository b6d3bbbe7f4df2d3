import type { AuditViewEntry } from "../../shared/contracts/admin.ts";
import type { AuditEntry } from "../../shared/contracts/auth.ts";
import { getBooking } from "../../shared/data/bookings-repository.ts";
import { listConsultants } from "../../shared/data/consultants-repository.ts";
import { listUsers } from "../../shared/data/users-repository.ts";

/** More distinct bookings than this in one page are shown by id: the log stays fast to open. */
const maxBookingLookups = 100;

/**
 * Adds what an admin reads instead of ids: the actor's and target's display names and, for a
 * booking entry, the customer and slot (looked up, since the entry stores only the booking id).
 */
export async function describeAuditEntries(entries: AuditEntry[]): Promise<AuditViewEntry[]> {
  const bookingIds = [
    ...new Set(
      entries
        .filter((entry) => entry.action.startsWith("booking.") && entry.target)
        .map((entry) => entry.target as string),
    ),
  ].slice(0, maxBookingLookups);
  const [users, consultants, bookings] = await Promise.all([
    listUsers(),
    listConsultants(),
    Promise.all(bookingIds.map((id) => getBooking(id))),
  ]);
  const userNames = new Map(users.map((user) => [user.username, user.displayName]));
  const consultantNames = new Map(consultants.map((consultant) => [consultant.id, consultant.name]));
  const bookingById = new Map(
    bookings.flatMap((booking) => (booking ? [[booking.id, booking] as const] : [])),
  );
  return entries.map((entry) => {
    const actorName = userNames.get(entry.actor);
    const target = entry.target;
    const targetName = !target
      ? undefined
      : entry.action.startsWith("user.") || entry.action.startsWith("telefonie.")
        ? userNames.get(target)
        : entry.action.startsWith("consultant.")
          ? consultantNames.get(target)
          : undefined;
    const booking = target && entry.action.startsWith("booking.") ? bookingById.get(target) : undefined;
    return {
      ...entry,
      ...(actorName ? { actorName } : {}),
      ...(targetName ? { targetName } : {}),
      ...(booking
        ? {
            booking: {
              customer: `${booking.lastName}, ${booking.firstName}`,
              date: booking.date,
              time: booking.time,
            },
          }
        : {}),
    };
  });
}
