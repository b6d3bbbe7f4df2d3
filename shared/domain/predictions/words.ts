import { formatMessage, type Language, type MessageId } from "../../contracts/messages.ts";
import type { FeatureFacts } from "./features.ts";
import type { Factor, Risk } from "./model.ts";

const potentialIds: Record<string, MessageId> = {
  normal: "prediction.potential.normal",
  top: "prediction.potential.top",
  closer_needed: "prediction.potential.closer_needed",
  recall: "prediction.potential.recall",
  standard: "prediction.potential.standard",
};

/** Weekday and month names from the platform's locale data (no texts to keep in step). */
function weekdayName(date: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { weekday: "long", timeZone: "UTC" }).format(
    new Date(`${date}T12:00:00Z`),
  );
}
function monthName(month: number, language: Language): string {
  return new Intl.DateTimeFormat(language, { month: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(2026, month - 1, 15)),
  );
}

/** A factor in words: what this booking's value is, and whether it raises or lowers the risk. */
export function factorText(
  factor: Factor,
  facts: FeatureFacts & { date: string },
  language: Language,
  names: { consultant?: (id: string) => string } = {},
): string {
  const text = (() => {
    switch (factor.group) {
      case "customerHistory":
        return facts.prior.resolved === 0
          ? formatMessage("prediction.factor.newCustomer", language)
          : formatMessage("prediction.factor.customerHistory", language, {
              noShows: facts.prior.noShows,
              resolved: facts.prior.resolved,
            });
      case "leadTime": {
        const days = Math.round(facts.leadDays);
        if (days === 0) return formatMessage("prediction.factor.leadTimeSameDay", language);
        if (days === 1) return formatMessage("prediction.factor.leadTimeOne", language);
        return formatMessage("prediction.factor.leadTime", language, { days });
      }
      case "weekday":
        return formatMessage("prediction.factor.weekday", language, {
          weekday: weekdayName(facts.date, language),
        });
      case "slotTime":
        return formatMessage("prediction.factor.slotTime", language, { time: facts.slotTime });
      case "potential":
        return formatMessage("prediction.factor.potential", language, {
          potential: formatMessage(
            potentialIds[facts.potential] ?? "prediction.potential.standard",
            language,
          ),
        });
      case "agent":
        return formatMessage("prediction.factor.agent", language, { agent: facts.agent });
      case "consultant":
        return formatMessage("prediction.factor.consultant", language, {
          consultant: names.consultant?.(facts.consultant) ?? facts.consultant,
        });
      case "season":
        return formatMessage("prediction.factor.season", language, {
          month: monthName(facts.month, language),
        });
    }
  })();
  return formatMessage(factor.effect >= 0 ? "prediction.raises" : "prediction.lowers", language, {
    factor: text,
  });
}

/** The reason for a risk class in words. */
export function riskText(
  risk: Risk,
  noShows: number,
  probability: number | undefined,
  language: Language,
): string {
  if (risk.reason === "noShows") return formatMessage("customer.risk.noShows", language, { noShows });
  if (risk.reason === "probability")
    return formatMessage("customer.risk.probability", language, {
      percent: Math.round((probability ?? 0) * 100),
    });
  return formatMessage("customer.risk.none", language);
}
