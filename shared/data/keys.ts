/**
 * Every single-table key is built here and nowhere else, so the access
 * patterns of the whole product can be read in one place.
 *
 * | item            | pk                    | sk               | gsi1pk / gsi1sk                   |
 * | --------------- | --------------------- | ---------------- | --------------------------------- |
 * | health probe    | SYSTEM                | HEALTH           |                                   |
 * | user            | USER#<username>       | PROFILE          | USERS / <username>                |
 * | session         | SESSION#<id>          | SESSION          | SESSIONS#<username> / <createdAt> |
 * | login failures  | THROTTLE#<kind>#<who> | LOGIN            |                                   |
 * | audit entry     | AUDIT#<yyyy-mm-dd>    | <at>#<id>        | AUDIT#<actor> / <at>              |
 * | marker          | SYSTEM                | MARKER#<name>    |                                   |
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
  sessionOfUser: (username: string, createdAt: string) => ({ gsi1pk: `SESSIONS#${username}`, gsi1sk: createdAt }),
  sessionsOfUserPartition: (username: string) => `SESSIONS#${username}`,

  loginFailures: (kind: "user" | "address", who: string): ItemKey => ({ pk: `THROTTLE#${kind}#${who}`, sk: "LOGIN" }),

  audit: (at: string, id: string): ItemKey => ({ pk: `AUDIT#${at.slice(0, 10)}`, sk: `${at}#${id}` }),
  auditDayPartition: (day: string) => `AUDIT#${day}`,
  auditByActor: (actor: string, at: string) => ({ gsi1pk: `AUDIT#${actor}`, gsi1sk: at }),
  auditByActorPartition: (actor: string) => `AUDIT#${actor}`,
};
