import { markMigrationDone, migrationDone } from "../../shared/data/booking-settings.ts";
import { rebuildGamification } from "../../shared/data/gamification/ledger-rebuild.ts";

const marker = "demo-gamification";

/**
 * Demo bookings are written directly (no booking events), so on first start
 * the gamification state is built from them by the rebuild job's code: the
 * demo agents' points, XP, levels, streaks and leaderboards are real from the
 * first minute. Later outcome changes arrive as events like any other.
 */
export async function seedDemoGamification(log: (line: string) => void): Promise<void> {
  if (await migrationDone(marker)) return;
  const summary = await rebuildGamification();
  await markMigrationDone(marker, new Date().toISOString());
  log(
    `Gamification: ${summary.agents} agents, ${summary.bookings} bookings credited, ${summary.levelUps} level-ups`,
  );
}
