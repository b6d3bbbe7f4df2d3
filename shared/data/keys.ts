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
 * | telefonie week  | TELEFONIE#<isoWeek>   | <username>       | TELEFONIE#<username> / <isoWeek>  |
 * | gami account    | GAMI#<username>       | ACCOUNT          |                                   |
 * | ledger entry    | GAMI#<username>       | LEDGER#<eventKey>|                                   |
 * | level-up        | GAMI#<username>       | LEVELUP#<tier>#<level> |                                   |
 * | period totals   | GTOTALS#<period>#<key>| <username>       | GTOTALSOF#<user> / <period>#<key> |
 * | booking credit  | GCREDIT#<bookingId>   | CREDIT           |                                   |
 * | board snapshot  | GSNAP#<date>          | <cat>#<period>#<key> |                               |
 * | season final    | GSEASON#<seasonKey>   | FINAL            |                                   |
 * | earned badge    | ACHIEVE#<username>    | BADGE#<id>[#<periodKey>] |                           |
 * | mastery claim   | ACHIEVE#<username>    | MASTERY#<track>#<level> |                            |
 * | badge counters  | ACHIEVE#<username>    | COUNTERS         |                                   |
 * | counted booking | ACHIEVE#<username>    | BOOKING#<bookingId> |                                |
 * | Telefonie week  | ACHIEVE#<username>    | TELWEEK#<yyyy-Www> |                                 |
 * | MVP of a period | MVP#<week|month|year> | <periodKey>      |                                   |
 * | export          | EXPORT#<id>           | EXPORT           | EXPORTS / <createdAt>#<id>        |
 * | export schedule | EXPORTSCHEDULE#<id>   | SCHEDULE         | EXPORTSCHEDULES / <id>            |
 * | quest claim     | QUESTS#<username>     | CLAIM#<date>#<questId> |                            |
 * | login day       | QUESTS#<username>     | LOGIN#<date>     |                                   |
 * | wheel spin      | WHEEL#<username>      | SPIN#<at>#<id>   |                                   |
 * | personal goal   | GOALS#<username>      | GOAL#<id>        |                                   |
 * | owned cosmetic  | SHOP#<username>       | ITEM#<itemId>    |                                   |
 * | worn cosmetics  | SHOP#<username>       | EQUIPPED         |                                   |
 * | mystery grant   | SHOP#<username>       | GRANT#<spinKey>  |                                   |
 * | customer name   | CUSTNAME#<2 letters>  | <token>#<customerId>#<nameHash> |                    |
 * | no-show model   | PREDICTION#MODEL      | <trainedAt>      |                                   |
 * | imported day    | IMPORTEDDAY           | <date>           |                                   |
 * | import run      | IMPORT                | <at>#<id>        |                                   |
 * | quest claim     | QUESTS#<username>     | CLAIM#<date>#<questId> |                            |
 * | login day       | QUESTS#<username>     | LOGIN#<date>     |                                   |
 * | wheel spin      | WHEEL#<username>      | SPIN#<at>#<id>   |                                   |
 * | personal goal   | GOALS#<username>      | GOAL#<id>        |                                   |
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
  // --- telefonie ---
  telefonie: "TELEFONIE",
  // --- gamification ---
  gamification: "GAMI",
  gamificationTotals: "GTOTALS",
  gamificationTotalsOf: "GTOTALSOF",
  bookingCredit: "GCREDIT",
  leaderboardSnapshot: "GSNAP",
  seasonStandings: "GSEASON",
  // --- badges ---
  achievements: "ACHIEVE",
  mvp: "MVP",
  // --- exports ---
  export: "EXPORT",
  exports: "EXPORTS",
  exportSchedule: "EXPORTSCHEDULE",
  exportSchedules: "EXPORTSCHEDULES",
  // --- quests ---
  quests: "QUESTS",
  wheel: "WHEEL",
  goals: "GOALS",
  // --- shop ---
  shop: "SHOP",
  // --- analytics ---
  aggregate: "AGG",
  aggregateCounted: "AGGCOUNTED",
  dashboardLayout: "DASHLAYOUT",
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

  // --- telefonie ---
  /** One participant's Telefonie week (`2026-W49`): the team's week is one Query of the week partition. */
  telefonieWeek: (isoWeek: string, username: string): ItemKey => ({
    pk: key(prefix.telefonie, isoWeek),
    sk: key(username),
  }),
  telefonieWeekPartition: (isoWeek: string) => key(prefix.telefonie, isoWeek),
  /** The same item by participant: their weeks in order (history, goal suggestion). */
  telefonieOfUser: (username: string, isoWeek: string) => ({
    gsi1pk: key(prefix.telefonie, username),
    gsi1sk: key(isoWeek),
  }),
  telefonieOfUserPartition: (username: string) => key(prefix.telefonie, username),
  // --- gamification ---
  /** An agent's gamification account (coins, XP, level, inventory, streaks). */
  gamificationAccount: (username: string): ItemKey => ({
    pk: key(prefix.gamification, username),
    sk: "ACCOUNT",
  }),
  /** One ledger entry per causing event: its existence is the exactly-once guard. */
  ledgerEntry: (username: string, eventKey: string): ItemKey => ({
    pk: key(prefix.gamification, username),
    sk: key("LEDGER", encodeURIComponent(eventKey)),
  }),
  ledgerEntriesPrefix: () => key("LEDGER", ""),
  gamificationPartition: (username: string) => key(prefix.gamification, username),
  /** A level reached, with whether the agent has seen it. */
  levelUp: (username: string, tier: number, level: number): ItemKey => ({
    pk: key(prefix.gamification, username),
    sk: key("LEVELUP", String(tier).padStart(2, "0"), String(level).padStart(4, "0")),
  }),
  levelUpsPrefix: () => key("LEVELUP", ""),
  /**
   * Running totals of one agent in one bucket (`day`/`2026-11-30`, `week`/`2026-W49`,
   * `month`/`2026-11`, `season`/`2026-winter`, `all`/`all`). The bucket is the
   * partition, so a leaderboard is one Query of precomputed items, never a scan.
   */
  periodTotals: (period: string, periodKey: string, username: string): ItemKey => ({
    pk: key(prefix.gamificationTotals, period, periodKey),
    sk: key(username),
  }),
  periodTotalsPartition: (period: string, periodKey: string) =>
    key(prefix.gamificationTotals, period, periodKey),
  /** Lists one agent's buckets (the rebuild removes the ones it no longer finds). */
  periodTotalsOfUser: (username: string, period: string, periodKey: string) => ({
    gsi1pk: key(prefix.gamificationTotalsOf, username),
    gsi1sk: key(period, periodKey),
  }),
  periodTotalsOfUserPartition: (username: string) => key(prefix.gamificationTotalsOf, username),
  /** What a booking has credited so far: outcome changes apply the difference. */
  bookingCredit: (bookingId: string): ItemKey => ({ pk: key(prefix.bookingCredit, bookingId), sk: "CREDIT" }),
  /** Ranks of one board on one night (rank change since yesterday). */
  leaderboardSnapshot: (date: string, category: string, period: string, periodKey: string): ItemKey => ({
    pk: key(prefix.leaderboardSnapshot, date),
    sk: key(category, period, periodKey),
  }),
  /** Final standings of a season, written once when it has ended. */
  seasonStandings: (seasonKey: string): ItemKey => ({
    pk: key(prefix.seasonStandings, seasonKey),
    sk: "FINAL",
  }),
  // --- badges ---
  /** An agent's earned badge: once ever, or once per period key (MVP of a week, month, year). */
  earnedBadge: (username: string, badgeId: string, periodKey?: string): ItemKey => ({
    pk: key(prefix.achievements, username),
    sk: periodKey ? key("BADGE", badgeId, periodKey) : key("BADGE", badgeId),
  }),
  earnedBadgesPrefix: () => key("BADGE", ""),
  masteryClaim: (username: string, track: string, level: number): ItemKey => ({
    pk: key(prefix.achievements, username),
    sk: key("MASTERY", track, String(level)),
  }),
  masteryClaimsPrefix: () => key("MASTERY", ""),
  /** The per-agent counts badge and mastery conditions need beyond the ledger's totals. */
  badgeCounters: (username: string): ItemKey => ({ pk: key(prefix.achievements, username), sk: "COUNTERS" }),
  /** What one booking added to the counters: its existence makes counting a booking exactly once. */
  countedBooking: (username: string, bookingId: string): ItemKey => ({
    pk: key(prefix.achievements, username),
    sk: key("BOOKING", bookingId),
  }),
  /** A Telefonie week counted as at goal (once per week). */
  telefonieWeekAtGoal: (username: string, isoWeek: string): ItemKey => ({
    pk: key(prefix.achievements, username),
    sk: key("TELWEEK", isoWeek),
  }),
  achievementsPartition: (username: string) => key(prefix.achievements, username),
  /** Who won a period's MVP: one winner per period, even if late outcomes change the standings. */
  mvpAward: (period: string, periodKey: string): ItemKey => ({
    pk: key(prefix.mvp, period),
    sk: key(periodKey),
  }),
  // --- exports ---
  /** An export's record (status, progress, rows, the object's key); listed newest first. */
  exportJob: (id: string): ItemKey => ({ pk: key(prefix.export, id), sk: "EXPORT" }),
  exportListing: (createdAt: string, id: string) => ({ gsi1pk: prefix.exports, gsi1sk: key(createdAt, id) }),
  exportsPartition: () => prefix.exports,
  exportSchedule: (id: string): ItemKey => ({ pk: key(prefix.exportSchedule, id), sk: "SCHEDULE" }),
  exportScheduleListing: (id: string) => ({ gsi1pk: prefix.exportSchedules, gsi1sk: key(id) }),
  exportSchedulesPartition: () => prefix.exportSchedules,
  /** `CUSTOMER#`: the customers export pages through profiles by this prefix. */
  customerPartitionPrefix: () => `${prefix.customer}${separator}`,
  // --- quests ---
  /** A claimed daily quest; the reward itself is the ledger entry `quest:<date>:<questId>`. */
  questClaim: (username: string, date: string, questId: string): ItemKey => ({
    pk: key(prefix.quests, username),
    sk: key("CLAIM", date, questId),
  }),
  /** The first authenticated visit of a local day: login streak, reward, sign-in time. */
  loginDay: (username: string, date: string): ItemKey => ({
    pk: key(prefix.quests, username),
    sk: key("LOGIN", date),
  }),
  questsPartition: (username: string) => key(prefix.quests, username),
  /** Sort-key prefixes inside an agent's quests partition. */
  questClaimsOfDayPrefix: (date: string) => key("CLAIM", date, ""),
  loginDaysPrefix: () => key("LOGIN", ""),
  /** One wheel spin, sorted by time: the last ones are one Query. */
  wheelSpin: (username: string, at: string, spinId: string): ItemKey => ({
    pk: key(prefix.wheel, username),
    sk: key("SPIN", at, spinId),
  }),
  wheelSpinsPartition: (username: string) => key(prefix.wheel, username),
  wheelSpinsPrefix: () => key("SPIN", ""),
  personalGoal: (username: string, goalId: string): ItemKey => ({
    pk: key(prefix.goals, username),
    sk: key("GOAL", goalId),
  }),
  personalGoalsPartition: (username: string) => key(prefix.goals, username),
  // --- shop ---
  /** One item per owned cosmetic; the partition also holds what is worn, so one Query reads both. */
  shopOwned: (username: string, itemId: string): ItemKey => ({
    pk: key(prefix.shop, username),
    sk: key("ITEM", itemId),
  }),
  shopEquipped: (username: string): ItemKey => ({ pk: key(prefix.shop, username), sk: "EQUIPPED" }),
  /** The mystery box's grant per spin: a redelivered spin finds it instead of granting again. */
  shopGrant: (username: string, grantKey: string): ItemKey => ({
    pk: key(prefix.shop, username),
    sk: key("GRANT", grantKey),
  }),
  shopPartition: (username: string) => key(prefix.shop, username),
  // --- analytics ---
  /** One aggregate row: a dimension's partition, sorted by local date then value (a date range is one Query). */
  aggregate: (dimension: string, date: string, value: string): ItemKey => ({
    pk: key(prefix.aggregate, dimension),
    sk: key(date, value),
  }),
  aggregatePartition: (dimension: string) => key(prefix.aggregate, dimension),
  /** Sort-key bounds covering whole days from..to of one dimension. */
  aggregateRange: (fromDate: string, toDate: string) => ({ from: key(fromDate, ""), to: key(toDate, "~") }),
  /** How a booking is currently counted in the aggregates (the events handler diffs against it). */
  aggregateCounted: (bookingId: string): ItemKey => ({
    pk: key(prefix.aggregateCounted, bookingId),
    sk: "COUNTED",
  }),
  /** A user's dashboard widget layout. */
  dashboardLayout: (username: string): ItemKey => ({
    pk: key(prefix.dashboardLayout, username),
    sk: "LAYOUT",
  }),
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
