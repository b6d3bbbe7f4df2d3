/**
 * Every single-table key is built here and nowhere else, so the access
 * patterns of the whole product can be read in one place.
 *
 * | item            | pk                    | sk               | gsi1pk / gsi1sk                   |
 * | --------------- | --------------------- | ---------------- | --------------------------------- |
 * | health probe    | SYSTEM                | HEALTH           |                                   |
 * | user            | USER#<username>       | PROFILE          | USERS / <username>                |
 * | session         | SESSION#<id>          | SESSION          | SESSIONS#<username> / <createdAt> |
 * | login attempts  | THROTTLE#<scope>#<who>| LOGIN#<window>   | LOGINLOCKS / <user>#<scope>#<win> |
 * | audit entry     | AUDIT#<yyyy-mm-dd>    | <at>#<id>        | AUDIT#<actor> / <at>              |
 * | marker          | SYSTEM                | MARKER#<name>    |                                   |
 * | setting         | CONFIG                | <name>           |                                   |
 * | consultant      | CONSULTANT#<id>       | PROFILE          | CONSULTANTS / <name>              |
 * | slot            | SLOTS                 | <date>#<time>    |                                   |
 * | booking         | BOOKING#<id>          | BOOKING          | AGENT#<agent> / <start>#<id>      |
 * |                 |                       |                  | gsi2: DAY#<date> / <time>#<id>    |
 * | customer        | CUSTOMER#<id>         | PROFILE          |                                   |
 * | customer booking| CUSTOMER#<id>         | BOOKING#<createdAt>#<bookingId> |                    |
 * | idempotency     | IDEMPOTENCY#<agent>#<key> | REQUEST      |                                   |
 * | outbox event    | OUTBOX#<aggregateId>  | <at>#<eventId>   |                                   |
 * | sync retry      | SYNCRETRY#<bookingId> | RETRY            | SYNCRETRY / <nextAttemptAt>       |
 * | job run         | RUN#<job>             | <at>             |                                   |
 * | consultant load | LOAD#<consultantId>   | DAY#<date> / WEEK#<yyyy-Www> |                       |
 * | over capacity   | OVERCAPACITY          | <date>#<time>#<bookingId> |                          |
 * | customer name   | CUSTNAME#<2 letters>  | <token>#<customerId>#<nameHash> |                    |
 * | no-show model   | PREDICTION#MODEL      | <trainedAt>      |                                   |
 * | imported day    | IMPORTEDDAY           | <date>           |                                   |
 * | import run      | IMPORT                | <at>#<id>        |                                   |
 *
 * A customer's partition holds the profile and one immutable link per
 * booking (written with it): one Query finds the profile and every booking id
 * of the customer, without a third GSI on the booking item.
 *
 * All slots sit in one partition: a sales team's slots for 56 days are a few
 * hundred items, a week is one Query, and bookings touch one item each.
 */
export interface ItemKey {
  pk: string;
  sk: string;
}

const separator = "#";

/** Each partition prefix, written once: keys and partition queries both use these. */
const prefix = {
  system: "SYSTEM",
  user: "USER",
  users: "USERS",
  session: "SESSION",
  sessionsOfUser: "SESSIONS",
  throttle: "THROTTLE",
  loginLocks: "LOGINLOCKS",
  config: "CONFIG",
  consultant: "CONSULTANT",
  consultants: "CONSULTANTS",
  slots: "SLOTS",
  booking: "BOOKING",
  agent: "AGENT",
  day: "DAY",
  customer: "CUSTOMER",
  idempotency: "IDEMPOTENCY",
  outbox: "OUTBOX",
  syncRetry: "SYNCRETRY",
  run: "RUN",
  audit: "AUDIT",
  load: "LOAD",
  overCapacity: "OVERCAPACITY",
  // --- customers search, predictions, imports (H8) ---
  customerName: "CUSTNAME",
  prediction: "PREDICTION",
  importedDay: "IMPORTEDDAY",
  importRun: "IMPORT",
} as const;

/**
 * Joins key parts with `#`. A part containing the separator would let one
 * value address another's items (`anna#x` reading `anna`'s partition), so it
 * is refused before any request is sent.
 */
function key(...parts: string[]): string {
  for (const part of parts) {
    if (part.includes(separator)) throw new Error(`key part contains "${separator}"`);
  }
  return parts.join(separator);
}

export const keys = {
  /** A fixed item the health check reads: proves the table answers with the function's own rights. */
  health: (): ItemKey => ({ pk: prefix.system, sk: "HEALTH" }),
  marker: (name: string): ItemKey => ({ pk: prefix.system, sk: key("MARKER", name) }),

  user: (username: string): ItemKey => ({ pk: key(prefix.user, username), sk: "PROFILE" }),
  userListing: (username: string) => ({ gsi1pk: prefix.users, gsi1sk: key(username) }),
  usersPartition: () => prefix.users,

  session: (sessionId: string): ItemKey => ({ pk: key(prefix.session, sessionId), sk: "SESSION" }),
  sessionOfUser: (username: string, createdAt: string) => ({
    gsi1pk: key(prefix.sessionsOfUser, username),
    gsi1sk: key(createdAt),
  }),
  sessionsOfUserPartition: (username: string) => key(prefix.sessionsOfUser, username),

  /** One counter per fixed window: a new window starts from zero without a reset write. */
  loginFailures: (scope: "pair" | "user" | "address", who: string, windowStart: number): ItemKey => ({
    pk: key(prefix.throttle, scope, who),
    sk: key("LOGIN", String(windowStart)),
  }),

  /** Pair and user counters, listed by user: what an admin sees and lifts as a login lockout. */
  loginLockListing: (username: string, scope: "pair" | "user", windowStart: number) => ({
    gsi1pk: prefix.loginLocks,
    gsi1sk: key(username, scope, String(windowStart)),
  }),
  loginLocksPartition: () => prefix.loginLocks,

  setting: (name: string): ItemKey => ({ pk: prefix.config, sk: key(name) }),

  consultant: (id: string): ItemKey => ({ pk: key(prefix.consultant, id), sk: "PROFILE" }),
  consultantListing: (name: string) => ({ gsi1pk: prefix.consultants, gsi1sk: key(name) }),
  consultantsPartition: () => prefix.consultants,

  slot: (date: string, time: string): ItemKey => ({ pk: prefix.slots, sk: key(date, time) }),
  slotsPartition: () => prefix.slots,
  /** Sort-key bounds covering whole days from..to. */
  slotRange: (fromDate: string, toDate: string) => ({ from: key(fromDate, ""), to: key(toDate, "~") }),

  booking: (id: string): ItemKey => ({ pk: key(prefix.booking, id), sk: "BOOKING" }),
  bookingOfAgent: (agent: string, start: string, id: string) => ({
    gsi1pk: key(prefix.agent, agent),
    gsi1sk: key(start, id),
  }),
  agentBookingsPartition: (agent: string) => key(prefix.agent, agent),
  bookingOnDay: (date: string, time: string, id: string) => ({
    gsi2pk: key(prefix.day, date),
    gsi2sk: key(time, id),
  }),
  dayBookingsPartition: (date: string) => key(prefix.day, date),

  customer: (id: string): ItemKey => ({ pk: key(prefix.customer, id), sk: "PROFILE" }),
  /** Sorted by when the booking was made: its start changes with a reschedule, this never. */
  customerBooking: (customerId: string, createdAt: string, bookingId: string): ItemKey => ({
    pk: key(prefix.customer, customerId),
    sk: key("BOOKING", createdAt, bookingId),
  }),
  customerPartition: (id: string) => key(prefix.customer, id),

  idempotency: (agent: string, idempotencyKey: string): ItemKey => ({
    pk: key(prefix.idempotency, agent, idempotencyKey),
    sk: "REQUEST",
  }),
  outbox: (aggregateId: string, at: string, eventId: string): ItemKey => ({
    pk: key(prefix.outbox, aggregateId),
    sk: key(at, eventId),
  }),
  syncRetry: (bookingId: string): ItemKey => ({ pk: key(prefix.syncRetry, bookingId), sk: "RETRY" }),
  syncRetryQueue: (nextAttemptAt: string) => ({ gsi1pk: prefix.syncRetry, gsi1sk: key(nextAttemptAt) }),
  syncRetryPartition: () => prefix.syncRetry,
  jobRun: (job: string, at: string): ItemKey => ({ pk: key(prefix.run, job), sk: key(at) }),
  jobRunsPartition: (job: string) => key(prefix.run, job),

  audit: (at: string, id: string): ItemKey => ({ pk: key(prefix.audit, at.slice(0, 10)), sk: key(at, id) }),
  auditDayPartition: (day: string) => key(prefix.audit, day),
  auditByActor: (actor: string, at: string) => ({ gsi1pk: key(prefix.audit, actor), gsi1sk: key(at) }),
  auditByActorPartition: (actor: string) => key(prefix.audit, actor),

  /** A consultant's bookings on one local date (assignment load, per-day limit). */
  consultantDayLoad: (consultantId: string, date: string): ItemKey => ({
    pk: key(prefix.load, consultantId),
    sk: key("DAY", date),
  }),
  /** A consultant's bookings in one ISO week (`2026-W49`): the assignment balances on it. */
  consultantWeekLoad: (consultantId: string, isoWeek: string): ItemKey => ({
    pk: key(prefix.load, consultantId),
    sk: key("WEEK", isoWeek),
  }),
  /** One item per booking flagged over capacity: admins list them with one Query. */
  overCapacity: (date: string, time: string, bookingId: string): ItemKey => ({
    pk: prefix.overCapacity,
    sk: key(date, time, bookingId),
  }),
  overCapacityPartition: () => prefix.overCapacity,

  // --- customers search, predictions, imports (H8) ---
  /**
   * One item per normalised name token and customer, written with the customer:
   * a name search is one Query of the token's two-letter partition with
   * `begins_with` on the token, never a scan of all customers.
   */
  customerNameToken: (token: string, customerId: string, nameHash: string): ItemKey => ({
    pk: key(prefix.customerName, token.slice(0, 2)),
    sk: key(token, customerId, nameHash),
  }),
  customerNamePartition: (tokenPrefix: string) => key(prefix.customerName, tokenPrefix.slice(0, 2)),
  /** The trained no-show models, newest last (sk = trainedAt); `LATEST` points at the current one. */
  predictionModel: (trainedAt: string): ItemKey => ({
    pk: key(prefix.prediction, "MODEL"),
    sk: key(trainedAt),
  }),
  predictionModelsPartition: () => key(prefix.prediction, "MODEL"),
  /** Imported daily totals (the old app's history), one item per date, in one partition. */
  importedDay: (date: string): ItemKey => ({ pk: prefix.importedDay, sk: key(date) }),
  importedDaysPartition: () => prefix.importedDay,
  /** One item per import run (its validation report). */
  importRun: (at: string, id: string): ItemKey => ({ pk: prefix.importRun, sk: key(at, id) }),
  importRunsPartition: () => prefix.importRun,
};
