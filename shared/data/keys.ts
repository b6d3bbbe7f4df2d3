/**
 * Every single-table key is built here and nowhere else, so the access
 * patterns of the whole product can be read in one place.
 *
 * | item            | pk                    | sk               | gsi1pk / gsi1sk                   |
 * | --------------- | --------------------- | ---------------- | --------------------------------- |
 * | health probe    | SYSTEM                | HEALTH           |                                   |
 * | user            | USER#<username>       | PROFILE          | USERS / <username>                |
 * | session         | SESSION#<id>          | SESSION          | SESSIONS#<username> / <createdAt> |
 * | login attempts  | THROTTLE#<scope>#<who>| LOGIN#<window>   |                                   |
 * | audit entry     | AUDIT#<yyyy-mm-dd>    | <at>#<id>        | AUDIT#<actor> / <at>              |
 * | marker          | SYSTEM                | MARKER#<name>    |                                   |
 * | setting         | CONFIG                | <name>           |                                   |
 * | consultant      | CONSULTANT#<id>       | PROFILE          | CONSULTANTS / <name>              |
 * | slot            | SLOTS                 | <date>#<time>    |                                   |
 * | booking         | BOOKING#<id>          | BOOKING          | AGENT#<agent> / <start>#<id>      |
 * |                 |                       |                  | gsi2: DAY#<date> / <time>#<id>    |
 * | idempotency     | IDEMPOTENCY#<agent>#<key> | REQUEST      |                                   |
 * | outbox event    | OUTBOX#<aggregateId>  | <at>#<eventId>   |                                   |
 * | sync retry      | SYNCRETRY#<bookingId> | RETRY            | SYNCRETRY / <nextAttemptAt>       |
 * | job run         | RUN#<job>             | <at>             |                                   |
 *
 * All slots sit in one partition: a sales team's slots for 56 days are a few
 * hundred items, a week is one Query, and bookings touch one item each.
 */
export interface ItemKey {
  pk: string;
  sk: string;
}

export const keys = {
  /** A fixed item the health check reads: proves the table answers with the function's own rights. */
  health: (): ItemKey => ({ pk: "SYSTEM", sk: "HEALTH" }),
  marker: (name: string): ItemKey => ({ pk: "SYSTEM", sk: `MARKER#${name}` }),

  user: (username: string): ItemKey => ({ pk: `USER#${username}`, sk: "PROFILE" }),
  userListing: (username: string) => ({ gsi1pk: "USERS", gsi1sk: username }),
  usersPartition: () => "USERS",

  session: (sessionId: string): ItemKey => ({ pk: `SESSION#${sessionId}`, sk: "SESSION" }),
  sessionOfUser: (username: string, createdAt: string) => ({
    gsi1pk: `SESSIONS#${username}`,
    gsi1sk: createdAt,
  }),
  sessionsOfUserPartition: (username: string) => `SESSIONS#${username}`,

  /** One counter per fixed window: a new window starts from zero without a reset write. */
  loginFailures: (scope: "pair" | "user" | "address", who: string, windowStart: number): ItemKey => ({
    pk: `THROTTLE#${scope}#${who}`,
    sk: `LOGIN#${windowStart}`,
  }),

  setting: (name: string): ItemKey => ({ pk: "CONFIG", sk: name }),

  consultant: (id: string): ItemKey => ({ pk: `CONSULTANT#${id}`, sk: "PROFILE" }),
  consultantListing: (name: string) => ({ gsi1pk: "CONSULTANTS", gsi1sk: name }),
  consultantsPartition: () => "CONSULTANTS",

  slot: (date: string, time: string): ItemKey => ({ pk: "SLOTS", sk: `${date}#${time}` }),
  slotsPartition: () => "SLOTS",
  /** Sort-key bounds covering whole days from..to. */
  slotRange: (fromDate: string, toDate: string) => ({ from: `${fromDate}#`, to: `${toDate}#~` }),

  booking: (id: string): ItemKey => ({ pk: `BOOKING#${id}`, sk: "BOOKING" }),
  bookingOfAgent: (agent: string, start: string, id: string) => ({
    gsi1pk: `AGENT#${agent}`,
    gsi1sk: `${start}#${id}`,
  }),
  agentBookingsPartition: (agent: string) => `AGENT#${agent}`,
  bookingOnDay: (date: string, time: string, id: string) => ({
    gsi2pk: `DAY#${date}`,
    gsi2sk: `${time}#${id}`,
  }),
  dayBookingsPartition: (date: string) => `DAY#${date}`,

  idempotency: (agent: string, key: string): ItemKey => ({
    pk: `IDEMPOTENCY#${agent}#${key}`,
    sk: "REQUEST",
  }),
  outbox: (aggregateId: string, at: string, eventId: string): ItemKey => ({
    pk: `OUTBOX#${aggregateId}`,
    sk: `${at}#${eventId}`,
  }),
  syncRetry: (bookingId: string): ItemKey => ({ pk: `SYNCRETRY#${bookingId}`, sk: "RETRY" }),
  syncRetryQueue: (nextAttemptAt: string) => ({ gsi1pk: "SYNCRETRY", gsi1sk: nextAttemptAt }),
  syncRetryPartition: () => "SYNCRETRY",
  jobRun: (job: string, at: string): ItemKey => ({ pk: `RUN#${job}`, sk: at }),

  audit: (at: string, id: string): ItemKey => ({ pk: `AUDIT#${at.slice(0, 10)}`, sk: `${at}#${id}` }),
  auditDayPartition: (day: string) => `AUDIT#${day}`,
  auditByActor: (actor: string, at: string) => ({ gsi1pk: `AUDIT#${actor}`, gsi1sk: at }),
  auditByActorPartition: (actor: string) => `AUDIT#${actor}`,
};
