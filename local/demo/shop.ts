import { applyLedgerEntry } from "../../shared/data/gamification/ledger-repository.ts";
import { equipItem, purchaseItem, readInventory } from "../../shared/data/gamification/shop-repository.ts";

/**
 * Starting coins for the demo agents, through the ledger (so a rebuild replays
 * them) and keyed per agent (so a restart adds nothing), plus a few items max
 * bought and wears, so the shop and the header's identity show something on
 * first start.
 */
const startingCoins: Record<string, number> = { anna: 1200, max: 900, sophie: 600 };
const maxWears = ["avatar-fox", "title-coffee", "frame-silver"];

export async function seedDemoShop(log: (line: string) => void, now = new Date()): Promise<void> {
  let credited = 0;
  for (const [username, coins] of Object.entries(startingCoins)) {
    const { applied } = await applyLedgerEntry({
      username,
      eventKey: `demo:shop:${username}:starting-coins`,
      occurredAt: now.toISOString(),
      kind: "shop",
      coins,
      detail: { reason: "demo starting balance" },
    });
    if (applied) credited++;
  }
  if (credited === 0) return;
  const { owned } = await readInventory("max");
  for (const itemId of maxWears) {
    if (!owned.has(itemId)) await purchaseItem("max", itemId, now);
    await equipItem("max", itemId);
  }
  log(`Demo shop: starting coins for ${credited} agents`);
}
