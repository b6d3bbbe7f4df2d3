import { formatMessage, type Language } from "../../shared/contracts/messages.ts";
import type { UnlockCondition } from "../../shared/domain/gamification/catalogue/shop.ts";

/** One unlock condition as the agent reads it, e.g. "ab Level 5". */
export function unlockText(condition: UnlockCondition, language: Language): string {
  switch (condition.kind) {
    case "level":
      return formatMessage("shop.unlock.level", language, { level: condition.level });
    case "prestige":
      return formatMessage("shop.unlock.prestige", language, { tier: condition.tier });
    case "streak":
      return formatMessage("shop.unlock.streak", language, { days: condition.days });
    case "milestone":
      return formatMessage("shop.unlock.milestone", language, { bookings: condition.bookings });
    case "badgeRarity":
      return formatMessage("shop.unlock.badgeRarity", language, {
        rarity: formatMessage(`shop.rarity.${condition.rarity}`, language),
      });
    case "mastery":
      return formatMessage("shop.unlock.mastery", language, {
        track: formatMessage(`shop.track.${condition.track}`, language),
        level: condition.level,
      });
    case "season":
      return formatMessage("shop.unlock.season", language, {
        season: formatMessage(`shop.season.${condition.season}`, language),
      });
  }
}

export function unlockTexts(conditions: readonly UnlockCondition[], language: Language): string {
  return conditions.map((condition) => unlockText(condition, language)).join(", ");
}
