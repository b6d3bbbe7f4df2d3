import { slotTimeZone } from "../data/booking-settings.ts";
import { getBooking, type StoredBooking } from "../data/bookings-repository.ts";
import {
  type BookingFlag,
  countBooking,
  countTelefonieWeekAtGoal,
  earnedBadgeItem,
  getBadgeCounters,
  listEarnedBadges,
  mvpAwardItem,
  uncountBooking,
} from "../data/gamification/badges-repository.ts";
import { leaderboardExclusions, readLeaderboard } from "../data/gamification/leaderboards-repository.ts";
import {
  applyLedgerEntry,
  type GamificationAccount,
  getAccount,
  getPeriodTotals,
  getPeriodTotalsByKey,
  InsufficientCoinsError,
  type PeriodTotals,
} from "../data/gamification/ledger-repository.ts";
import { telefonieTeamWeek } from "../data/gamification/telefonie-repository.ts";
import type { TransactItem } from "../data/transactions.ts";
import { listUsers } from "../data/users-repository.ts";
import { isoWeekOf } from "../domain/booking/assignment.ts";
import { addDays, isoWeekday, localDate } from "../domain/booking/local-date.ts";
import {
  type BadgeFacts,
  badgeCoins,
  badgeEventKey,
  badgeXp,
  evaluateBadges,
} from "../domain/gamification/badges.ts";
import {
  type Badge,
  badgesById,
  type MvpPeriod,
  rarityRules,
  type SeasonId,
  seasonIds,
} from "../domain/gamification/catalogue/badges.ts";
import type { OutboxEvent } from "../events/outbox.ts";

const hour = 3_600_000;

/** What a booking counts toward, from its slot (local wall time and date) and how far ahead it was made. */
export function bookingFlags(
  booking: Pick<StoredBooking, "date" | "time" | "start" | "createdAt" | "note">,
): Record<BookingFlag, boolean> {
  return {
    bookings: true,
    eveningBookings: booking.time >= "18:00",
    morningBookings: booking.time >= "09:00" && booking.time < "11:00",
    fridayBookings: isoWeekday(booking.date) === 5,
    fastBookings: Date.parse(booking.start) - Date.parse(booking.createdAt) < 48 * hour,
    notedBookings: (booking.note ?? "").trim().length > 0,
  };
}

const points = (totals: Pick<PeriodTotals, "pointsProvisional" | "pointsConfirmed">) =>
  totals.pointsProvisional + totals.pointsConfirmed;

function seasonOf(totals: PeriodTotals): SeasonId | undefined {
  // Season keys are `<start year>-<id>`.
  const id = totals.periodKey.slice(totals.periodKey.indexOf("-") + 1);
  return (seasonIds as readonly string[]).includes(id) ? (id as SeasonId) : undefined;
}

/**
 * Bookings made: the ledger's count and this feature's own (both net of
 * cancellations, both exactly once per event) agree once both have seen every
 * event; the larger one is the one further along.
 */
export function bookingsMade(account: GamificationAccount, counters: { bookings: number }): number {
  return Math.max(account.counters.bookings ?? 0, counters.bookings);
}

export interface AgentFacts {
  facts: BadgeFacts;
  account: GamificationAccount;
  /** Mastery values beyond the badge facts. */
  fastBookings: number;
  notedBookings: number;
}

/**
 * Everything badge and mastery conditions read, at an instant: the ledger's
 * account and period totals (points = confirmed + provisional, as the
 * leaderboards show them) and this feature's own counters.
 */
export async function agentFacts(username: string, at: string): Promise<AgentFacts> {
  const [account, day, week, month, season, counters] = await Promise.all([
    getAccount(username),
    getPeriodTotals(username, "day", at),
    getPeriodTotals(username, "week", at),
    getPeriodTotals(username, "month", at),
    getPeriodTotals(username, "season", at),
    getBadgeCounters(username),
  ]);
  const seasonId = seasonOf(season);
  return {
    account,
    fastBookings: counters.fastBookings,
    notedBookings: counters.notedBookings,
    facts: {
      metrics: {
        pointsInDay: points(day),
        pointsInWeek: points(week),
        pointsInMonth: points(month),
        pointsAllTime: points(account),
        bestStreak: account.streaks.best,
        bookings: bookingsMade(account, counters),
        eveningBookings: counters.eveningBookings,
        morningBookings: counters.morningBookings,
        fridayBookings: counters.fridayBookings,
        questsCompleted: account.counters.quests ?? 0,
        telefonieWeeksAtGoal: counters.telefonieWeeksAtGoal,
        consultantsServed: counters.consultantsServed,
        level: account.level,
        prestigeTier: account.prestigeTier,
      },
      resolved: account.counters.resolved ?? 0,
      shown: account.counters.shown ?? 0,
      ...(seasonId ? { season: { id: seasonId, points: points(season) } } : {}),
    },
  };
}

/**
 * Awards one badge as a ledger entry (its key makes it once ever, or once per
 * period for MVP): badge XP, coins 10 × XP / 50 — doubled when the agent holds
 * a badge token, which the same entry consumes — and the badge counters the
 * badge leaderboard reads. `also`: more items for the same transaction.
 */
export async function awardBadge(
  username: string,
  badge: Badge,
  at: string,
  periodKey?: string,
  also: TransactItem[] = [],
): Promise<boolean> {
  const xp = badgeXp(badge.rarity);
  const attempt = async (doubled: boolean) => {
    const coins = badgeCoins(badge.rarity, doubled);
    const earned = earnedBadgeItem(username, {
      badgeId: badge.id,
      ...(periodKey ? { periodKey } : {}),
      earnedAt: at,
      rarity: badge.rarity,
      xp,
      coins,
    });
    const result = await applyLedgerEntry(
      {
        username,
        eventKey: badgeEventKey(badge.id, periodKey),
        occurredAt: at,
        kind: "badge",
        xp,
        coins,
        ...(doubled ? { inventory: { badgeTokens: -1 } } : {}),
        counters: { badges: 1, badgeWeight: rarityRules[badge.rarity].weight },
        detail: { badgeId: badge.id, rarity: badge.rarity, ...(periodKey ? { periodKey } : {}), doubled },
      },
      [earned, ...also],
    );
    return result.applied;
  };
  const account = await getAccount(username);
  if (account.badgeTokens > 0) {
    try {
      return await attempt(true);
    } catch (error) {
      // The token went to another award meanwhile: this one pays the normal coins.
      if (!(error instanceof InsufficientCoinsError)) throw error;
    }
  }
  return attempt(false);
}

/**
 * Evaluates every once-only badge for an agent at an instant and awards those
 * newly reached. `levelReached`: a level-up's level counts even when a
 * prestige has reset the level since.
 */
export async function awardReachedBadges(username: string, at: string, levelReached = 0): Promise<string[]> {
  const [{ facts }, earned] = await Promise.all([agentFacts(username, at), listEarnedBadges(username)]);
  facts.metrics.level = Math.max(facts.metrics.level ?? 0, levelReached);
  const awarded: string[] = [];
  for (const badge of evaluateBadges(
    facts,
    earned.map((entry) => entry.badgeId),
  )) {
    if (await awardBadge(username, badge, at)) awarded.push(badge.id);
  }
  return awarded;
}

const bookingIdOf = (event: OutboxEvent) => (event.payload as { bookingId?: string } | undefined)?.bookingId;

/** booking.created: count the booking once toward this feature's counters, then award what became true. */
export async function badgesOnBookingCreated(event: OutboxEvent): Promise<void> {
  const bookingId = bookingIdOf(event);
  const booking = bookingId ? await getBooking(bookingId) : undefined;
  if (!booking) return;
  await countBooking(booking.agent, booking.id, bookingFlags(booking), booking.consultant, event.occurredAt);
  await awardReachedBadges(booking.agent, event.occurredAt);
}

/** booking.cancelled: the booking's counts are taken back (once); earned badges stay. */
export async function badgesOnBookingCancelled(event: OutboxEvent): Promise<void> {
  const bookingId = bookingIdOf(event);
  const booking = bookingId ? await getBooking(bookingId) : undefined;
  if (!booking) return;
  await uncountBooking(booking.agent, booking.id, event.occurredAt);
}

/** Outcomes and reschedules change points, show rate and totals: award what became true. */
export async function badgesOnBookingChanged(event: OutboxEvent): Promise<void> {
  const bookingId = bookingIdOf(event);
  const booking = bookingId ? await getBooking(bookingId) : undefined;
  if (!booking) return;
  await awardReachedBadges(booking.agent, event.occurredAt);
}

/** A level-up (from any XP, badges included): level badges. */
export async function badgesOnLevelUp(event: OutboxEvent): Promise<void> {
  const { username, level } = (event.payload ?? {}) as { username?: string; level?: number };
  if (username) await awardReachedBadges(username, event.occurredAt, level ?? 0);
}

/** The closed period before `today` (local date) for each MVP badge, with its last day. */
export function closedPeriods(today: string): Record<MvpPeriod, { periodKey: string; lastDay: string }> {
  const month = today.slice(0, 7);
  const [year] = month.split("-").map(Number) as [number];
  const lastWeekDay = addDays(today, -isoWeekday(today));
  return {
    week: { periodKey: isoWeekOf(lastWeekDay), lastDay: lastWeekDay },
    month: { periodKey: addDays(`${month}-01`, -1).slice(0, 7), lastDay: addDays(`${month}-01`, -1) },
    year: { periodKey: String(year - 1), lastDay: `${year - 1}-12-31` },
  };
}

/** Points of one agent over a closed year: the sum of its twelve month buckets. */
async function yearStanding(username: string, year: string) {
  const months = await Promise.all(
    Array.from({ length: 12 }, (_, index) =>
      getPeriodTotalsByKey(username, "month", `${year}-${String(index + 1).padStart(2, "0")}`),
    ),
  );
  return {
    username,
    points: months.reduce((sum, totals) => sum + points(totals), 0),
    // The year's score was complete with its latest month's last change.
    reachedAt:
      months
        .map((totals) => totals.reachedAt.points ?? "")
        .sort()
        .at(-1) ?? "",
  };
}

/** The middle of a closed period's last day, as an instant inside it (for the leaderboard's `at`). */
const insideDay = (date: string) => `${date}T12:00:00.000Z`;

/**
 * The top of the points leaderboard of a closed period (nobody when no one
 * scored): the leaderboard itself for a week or month (exclusions and ties as
 * everywhere), the month buckets summed for a year.
 */
export async function periodLeader(
  usernames: string[],
  period: MvpPeriod,
  periodKey: string,
  lastDay: string,
): Promise<string | undefined> {
  if (period !== "year") {
    const board = await readLeaderboard("points", period, insideDay(lastDay));
    const top = board.periodKey === periodKey ? board.entries[0] : undefined;
    return top && top.score > 0 ? top.username : undefined;
  }
  const excluded = new Set(await leaderboardExclusions());
  const standings = await Promise.all(
    usernames
      .filter((username) => !excluded.has(username))
      .map((username) => yearStanding(username, periodKey)),
  );
  const ranked = standings
    .filter((entry) => entry.points > 0)
    .sort((a, b) => b.points - a.points || a.reachedAt.localeCompare(b.reachedAt));
  return ranked[0]?.username;
}

/**
 * Telefonie weeks at goal: the last few closed ISO weeks (an admin may enter a
 * week late), each counted once per agent.
 */
async function countTelefonieWeeks(agents: Set<string>, today: string, at: string): Promise<number> {
  let counted = 0;
  for (let back = 1; back <= telefonieWeeksLookBack; back++) {
    const isoWeek = isoWeekOf(addDays(today, -7 * back));
    for (const week of await telefonieTeamWeek(isoWeek)) {
      if (!week.reachedGoal || !agents.has(week.username)) continue;
      if (await countTelefonieWeekAtGoal(week.username, isoWeek, at)) counted++;
    }
  }
  return counted;
}

const telefonieWeeksLookBack = 4;

const mvpBadgeIds: Record<MvpPeriod, string> = { week: "mvp-week", month: "mvp-month", year: "mvp-year" };

export interface AchievementsSummary {
  agents: number;
  badgesAwarded: number;
  telefonieWeeksCounted: number;
  mvp: Partial<Record<MvpPeriod, { periodKey: string; winner?: string; awarded: boolean }>>;
}

/**
 * The nightly achievements run (20:00 UTC): MVP of the last closed week,
 * month and year (one winner per period, whatever the number of runs),
 * Telefonie weeks at goal, then every agent's once-only badges (streaks,
 * period totals, levels) at `now`.
 */
export async function runAchievements(now: Date): Promise<AchievementsSummary> {
  const at = now.toISOString();
  const [users, timeZone] = await Promise.all([listUsers(), slotTimeZone()]);
  const agents = users.filter((user) => user.active && user.role === "agent").map((user) => user.username);
  const today = localDate(now, timeZone);
  const summary: AchievementsSummary = {
    agents: agents.length,
    badgesAwarded: 0,
    telefonieWeeksCounted: 0,
    mvp: {},
  };
  for (const [period, { periodKey, lastDay }] of Object.entries(closedPeriods(today)) as [
    MvpPeriod,
    { periodKey: string; lastDay: string },
  ][]) {
    const winner = await periodLeader(agents, period, periodKey, lastDay);
    const badge = badgesById.get(mvpBadgeIds[period])!;
    const awarded = winner
      ? await awardBadge(winner, badge, at, periodKey, [mvpAwardItem(period, periodKey, winner, at)])
      : false;
    if (awarded) summary.badgesAwarded++;
    summary.mvp[period] = { periodKey, ...(winner ? { winner } : {}), awarded };
  }
  summary.telefonieWeeksCounted = await countTelefonieWeeks(new Set(agents), today, at);
  for (const username of agents) {
    summary.badgesAwarded += (await awardReachedBadges(username, at)).length;
  }
  return summary;
}
