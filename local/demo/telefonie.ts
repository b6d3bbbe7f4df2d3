import { randomUUID } from "node:crypto";
import { config } from "../../shared/config.ts";
import { getStoredWeek, saveWeek } from "../../shared/data/gamification/telefonie-repository.ts";
import {
  isoWeekOf,
  roundPoints,
  type TelefonieEntry,
  telefonieKinds,
  weeksEndingWith,
} from "../../shared/domain/telefonie/week.ts";
import { seededRandom } from "./random.ts";

/** Weekly goal and typical achievement share per demo agent (anna above, max around, sophie below). */
const agents = [
  { username: "anna", goal: 20, share: 1.0 },
  { username: "max", goal: 18, share: 0.82 },
  { username: "sophie", goal: 15, share: 0.6 },
] as const;

/**
 * Six weeks of Telefonie for the demo agents (up to this week; sophie on
 * vacation three weeks ago), written like an admin would: audited, with the
 * ledger credits. Weeks already written are left alone, so a restart adds nothing.
 */
export async function seedDemoTelefonie(log: (line: string) => void, now = new Date()): Promise<void> {
  const random = seededRandom(4711);
  const weeks = weeksEndingWith(isoWeekOf(now, config().TIMEZONE), 6);
  let written = 0;
  for (const agent of agents) {
    for (const [index, isoWeek] of weeks.entries()) {
      const seen = await getStoredWeek(agent.username, isoWeek);
      if (seen.version > 0) continue;
      const vacation = agent.username === "sophie" && index === 2;
      const target = agent.goal * agent.share * (0.8 + random() * 0.4);
      const entries: TelefonieEntry[] = [];
      if (!vacation) {
        let left = target;
        for (const kind of telefonieKinds) {
          const points = roundPoints(kind === "Extra" ? left : Math.min(left, left * (0.3 + random() * 0.3)));
          if (points <= 0) continue;
          left = roundPoints(left - points);
          entries.push({ id: randomUUID(), kind, points, version: 1, at: now.toISOString(), by: "admin" });
        }
      }
      // Goal (or vacation) first, then each entry as its own audited change with its ledger credit.
      let stored = (
        await saveWeek(
          seen,
          {
            username: agent.username,
            isoWeek,
            vacation,
            entries: [],
            ...(vacation ? {} : { goal: agent.goal }),
          },
          { type: "goal" },
          {
            actor: "admin",
            action: vacation ? "telefonie.vacation_set" : "telefonie.goal_set",
            target: agent.username,
            detail: vacation ? { week: isoWeek, vacation: true } : { week: isoWeek, goal: agent.goal },
          },
        )
      ).week;
      for (const entry of entries) {
        stored = (
          await saveWeek(
            stored,
            { ...stored, entries: [...stored.entries, entry] },
            { type: "saved", entry },
            {
              actor: "admin",
              action: "telefonie.entry_created",
              target: agent.username,
              detail: { week: isoWeek, kind: entry.kind, points: entry.points },
            },
          )
        ).week;
      }
      written++;
    }
  }
  if (written > 0) log(`demo Telefonie: ${written} participant weeks`);
}
