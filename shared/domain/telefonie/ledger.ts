import type { TelefonieEntry, TelefonieWeekSummary } from "./week.ts";

/**
 * What a Telefonie change credits to the gamification ledger (counters only:
 * Telefonie points are their own weekly ledger, not booking points). Keys make
 * each credit happen once: a saved entry version, a deletion, a week reaching
 * its goal. Shaped like the ledger's entry input so the caller passes it on.
 */
export interface TelefonieCredit {
  username: string;
  eventKey: string;
  occurredAt: string;
  kind: "telefonie";
  counters: Record<string, number>;
  detail: Record<string, string | number>;
}

export type TelefonieChange =
  | { type: "saved"; entry: TelefonieEntry; previous?: TelefonieEntry }
  | { type: "deleted"; entry: TelefonieEntry }
  /** Goal or vacation changed: no points move, but the week may now reach its goal. */
  | { type: "goal" };

/** The ledger credits of one change to a participant's week (`after`: the week once changed). */
export function telefonieCredits(
  change: TelefonieChange,
  before: Pick<TelefonieWeekSummary, "reachedGoal">,
  after: Pick<TelefonieWeekSummary, "username" | "isoWeek" | "reachedGoal">,
  occurredAt: string,
): TelefonieCredit[] {
  const { username, isoWeek } = after;
  const base = { username, occurredAt, kind: "telefonie" as const };
  const credits: TelefonieCredit[] = [];
  if (change.type !== "goal") {
    const delta =
      change.type === "deleted" ? -change.entry.points : change.entry.points - (change.previous?.points ?? 0);
    const eventKey =
      change.type === "deleted"
        ? `telefonie:${change.entry.id}:deleted`
        : `telefonie:${change.entry.id}:v${change.entry.version}`;
    if (delta !== 0) {
      credits.push({
        ...base,
        eventKey,
        counters: { telefonie: Math.round(delta * 10) / 10 },
        detail: { isoWeek, entryId: change.entry.id, kind: change.entry.kind },
      });
    }
  }
  // A week counts once when it first reaches its goal (the key makes a second time a no-op).
  if (after.reachedGoal && !before.reachedGoal) {
    credits.push({
      ...base,
      eventKey: `telefonie:week:${username}:${isoWeek}:atGoal`,
      counters: { telefonieWeeksAtGoal: 1 },
      detail: { isoWeek },
    });
  }
  return credits;
}
