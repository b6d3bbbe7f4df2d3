import { randomUUID } from "node:crypto";
import type { TelefonieTrendPoint, TelefonieWeekView } from "../../shared/contracts/telefonie.ts";
import {
  getStoredWeek,
  goalSuggestion,
  listWeekPartition,
  listWeeksOfUser,
  type StoredTelefonieWeek,
  saveWeek,
} from "../../shared/data/gamification/telefonie-repository.ts";
import { getUser, listUsers } from "../../shared/data/users-repository.ts";
import type { TelefonieChange } from "../../shared/domain/telefonie/ledger.ts";
import {
  achievementRate,
  roundPoints,
  statusOf,
  summarizeWeek,
  type TelefonieWeekState,
  telefonieRules,
  weekDates,
  weeksEndingWith,
} from "../../shared/domain/telefonie/week.ts";
import { HttpError } from "../../shared/http/errors.ts";
import { createFeatureHandler } from "../../shared/http/pipeline.ts";
import { pipelineOptions } from "../../shared/http/pipeline-options.ts";

function stateOf(week: StoredTelefonieWeek): TelefonieWeekState {
  return {
    username: week.username,
    isoWeek: week.isoWeek,
    ...(week.goal === undefined ? {} : { goal: week.goal }),
    vacation: week.vacation,
    entries: week.entries,
  };
}

function view(week: StoredTelefonieWeek, suggestion: number, displayName?: string): TelefonieWeekView {
  return { ...summarizeWeek(stateOf(week)), suggestion, ...(displayName ? { displayName } : {}) };
}

function trendPoint(isoWeek: string, weeks: StoredTelefonieWeek[]): TelefonieTrendPoint {
  let goal = 0;
  let achieved = 0;
  for (const week of weeks) {
    const summary = summarizeWeek(stateOf(week));
    achieved += summary.achieved;
    if (summary.goal !== undefined) goal += summary.goal;
  }
  const rate = achievementRate(goal, achieved);
  return { isoWeek, goal: roundPoints(goal), achieved: roundPoints(achieved), rate, status: statusOf(rate) };
}

/** The participant must exist (any active user; agents and admins alike can take part). */
async function participant(username: string) {
  const user = await getUser(username);
  if (!user) throw new HttpError("not_found", "telefonie.userNotFound");
  return user;
}

const conflict = () => new HttpError("conflict");

/** Writes the change or answers 409 when someone else changed the week in between. */
async function commit(
  seen: StoredTelefonieWeek,
  next: TelefonieWeekState,
  change: TelefonieChange,
  audit: { actor: string; action: string; detail: Record<string, string | number | boolean> },
): Promise<TelefonieWeekView> {
  const { saved, week } = await saveWeek(seen, next, change, {
    actor: audit.actor,
    action: audit.action,
    target: next.username,
    detail: { week: next.isoWeek, ...audit.detail },
  });
  if (!saved) throw conflict();
  return view(week, await goalSuggestion(next.username, next.isoWeek));
}

function findEntry(week: StoredTelefonieWeek, entryId: string) {
  const entry = week.entries.find((candidate) => candidate.id === entryId);
  if (!entry) throw new HttpError("not_found", "telefonie.entryNotFound");
  return entry;
}

export const handler = createFeatureHandler(
  "telefonie",
  {
    async getTelefonieTeamWeek({ params }) {
      const { isoWeek } = params;
      const trendWeeks = weeksEndingWith(isoWeek, telefonieRules.trendWeeks);
      const [users, ...partitions] = await Promise.all([
        listUsers(),
        ...trendWeeks.map((week) => listWeekPartition(week)),
      ]);
      const stored = new Map((partitions.at(-1) ?? []).map((week) => [week.username, week]));
      // Everyone active who takes part (agents), plus anyone with a stored week.
      const names = new Map(users.map((user) => [user.username, user.displayName]));
      const usernames = [
        ...new Set([
          ...users.filter((user) => user.active && user.role === "agent").map((user) => user.username),
          ...stored.keys(),
        ]),
      ].sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b, "de"));
      const participants = await Promise.all(
        usernames.map(async (username) =>
          view(
            stored.get(username) ?? { username, isoWeek, vacation: false, entries: [], version: 0 },
            await goalSuggestion(username, isoWeek),
            names.get(username),
          ),
        ),
      );
      return {
        isoWeek,
        ...weekDates(isoWeek),
        participants,
        totals: trendPoint(isoWeek, partitions.at(-1) ?? []),
        trend: trendWeeks.map((week, index) => trendPoint(week, partitions[index] ?? [])),
      };
    },

    async getTelefonieWeek({ params, principal }) {
      const { isoWeek, username } = params;
      // Agents read their own week only; admins anyone's.
      if (principal.role !== "admin" && principal.username !== username)
        throw new HttpError("forbidden", "telefonie.ownWeekOnly");
      const user = await participant(username);
      const trendWeeks = weeksEndingWith(isoWeek, telefonieRules.trendWeeks);
      const [history, suggestion] = await Promise.all([
        listWeeksOfUser(username, trendWeeks[0] ?? isoWeek, isoWeek),
        goalSuggestion(username, isoWeek),
      ]);
      const byWeek = new Map(history.map((week) => [week.isoWeek, week]));
      const current = byWeek.get(isoWeek) ?? { username, isoWeek, vacation: false, entries: [], version: 0 };
      return {
        ...view(current, suggestion, user.displayName),
        ...weekDates(isoWeek),
        trend: trendWeeks.map((week) => trendPoint(week, byWeek.has(week) ? [byWeek.get(week)!] : [])),
      };
    },

    async createTelefonieEntry({ params, body, principal, response }) {
      await participant(params.username);
      const seen = await getStoredWeek(params.username, params.isoWeek);
      if (seen.vacation) throw new HttpError("conflict", "telefonie.vacationWeek");
      const entry = {
        id: randomUUID(),
        kind: body.kind,
        points: body.points,
        ...(body.note ? { note: body.note } : {}),
        version: 1,
        at: new Date().toISOString(),
        by: principal.username,
      };
      const week = await commit(
        seen,
        { ...stateOf(seen), entries: [...seen.entries, entry] },
        { type: "saved", entry },
        {
          actor: principal.username,
          action: "telefonie.entry_created",
          detail: { kind: entry.kind, points: entry.points },
        },
      );
      response.status = 201;
      return week;
    },

    async updateTelefonieEntry({ params, body, principal }) {
      const seen = await getStoredWeek(params.username, params.isoWeek);
      const previous = findEntry(seen, params.entryId);
      const entry = {
        ...previous,
        ...(body.kind === undefined ? {} : { kind: body.kind }),
        ...(body.points === undefined ? {} : { points: body.points }),
        ...(body.note === undefined ? {} : { note: body.note }),
        version: previous.version + 1,
        at: new Date().toISOString(),
        by: principal.username,
      };
      return commit(
        seen,
        {
          ...stateOf(seen),
          entries: seen.entries.map((candidate) => (candidate.id === entry.id ? entry : candidate)),
        },
        { type: "saved", entry, previous },
        {
          actor: principal.username,
          action: "telefonie.entry_updated",
          detail: { kind: entry.kind, points: entry.points, previousPoints: previous.points },
        },
      );
    },

    async deleteTelefonieEntry({ params, principal }) {
      const seen = await getStoredWeek(params.username, params.isoWeek);
      const entry = findEntry(seen, params.entryId);
      return commit(
        seen,
        { ...stateOf(seen), entries: seen.entries.filter((candidate) => candidate.id !== entry.id) },
        { type: "deleted", entry },
        {
          actor: principal.username,
          action: "telefonie.entry_deleted",
          detail: { kind: entry.kind, points: entry.points },
        },
      );
    },

    async putTelefonieGoal({ params, body, principal }) {
      await participant(params.username);
      const seen = await getStoredWeek(params.username, params.isoWeek);
      if (body.vacation && seen.entries.length > 0)
        throw new HttpError("conflict", "telefonie.vacationHasEntries");
      const goal = body.vacation ? undefined : (body.goal ?? undefined);
      const { goal: _old, ...rest } = stateOf(seen);
      return commit(
        seen,
        { ...rest, ...(goal === undefined ? {} : { goal }), vacation: body.vacation },
        { type: "goal" },
        {
          actor: principal.username,
          action: body.vacation ? "telefonie.vacation_set" : "telefonie.goal_set",
          detail: goal === undefined ? { vacation: body.vacation } : { goal },
        },
      );
    },
  },
  pipelineOptions(),
);
