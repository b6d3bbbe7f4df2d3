/** API messages of daily quests, the Glücksrad, the login reward and personal goals. */
export const questsMessages = {
  "quest.unknown": { de: "Diese Quest gibt es nicht.", en: "There is no such quest." },
  "quest.notToday": {
    de: "Diese Quest gehört nicht zu deinen Quests dieses Tages.",
    en: "This quest is not one of your quests for that day.",
  },
  "quest.dayNotClaimable": {
    de: "Quests können nur heute oder für gestern abgeholt werden.",
    en: "Quests can only be claimed today or for yesterday.",
  },
  "quest.notComplete": { de: "Diese Quest ist noch nicht geschafft.", en: "This quest is not complete yet." },
  "quest.alreadyClaimed": {
    de: "Die Belohnung dieser Quest hast du schon abgeholt.",
    en: "You have already claimed this quest's reward.",
  },
  "wheel.notEnoughCoins": {
    de: "Ein Dreh kostet {cost} Münzen oder einen Bonus-Dreh – dafür reicht dein Guthaben nicht.",
    en: "A spin costs {cost} coins or one bonus spin – your balance is not enough.",
  },
  "goal.templateUnknown": { de: "Unbekannte Zielvorlage.", en: "Unknown goal template." },
  "goal.targetOutOfRange": {
    de: "Das Ziel muss zwischen {min} und {max} liegen.",
    en: "The target must be between {min} and {max}.",
  },
  "goal.notFound": { de: "Dieses Ziel gibt es nicht.", en: "There is no such goal." },
  "goal.notReached": {
    de: "Dieses Ziel ist noch nicht erreicht.",
    en: "This goal has not been reached yet.",
  },
  "goal.alreadyClaimed": {
    de: "Die Belohnung dieses Ziels hast du schon abgeholt.",
    en: "You have already claimed this goal's reward.",
  },
  "goal.tooMany": {
    de: "Du hast schon {max} offene Ziele. Schließe oder lösche erst eines.",
    en: "You already have {max} open goals. Finish or delete one first.",
  },
  "goal.closed": {
    de: "Abgeholte oder abgelaufene Ziele können nicht mehr geändert werden.",
    en: "Claimed or expired goals cannot be changed.",
  },
} as const;
