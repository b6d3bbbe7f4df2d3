/** API texts of the analytics feature, by id, in each language the site offers. */
export const analyticsMessages = {
  "analytics.notYours": {
    de: "Sie können nur Ihre eigene Auswertung sehen.",
    en: "You can only see your own dashboard.",
  },
  "analytics.periodUnknown": {
    de: "Unbekannter Zeitraum: 7d, 30d, 90d oder all.",
    en: "Unknown period: 7d, 30d, 90d or all.",
  },
  "analytics.layoutDuplicate": {
    de: "Jedes Element darf nur einmal vorkommen.",
    en: "Each widget may appear only once.",
  },
  "analytics.userUnknown": { de: "Diese Person gibt es nicht.", en: "There is no such user." },
} as const;
