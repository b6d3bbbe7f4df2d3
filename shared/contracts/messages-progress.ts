/** API messages of the progress feature (gamification core). */
export const progressMessages = {
  "progress.ownOnly": {
    de: "Sie können nur Ihren eigenen Fortschritt sehen.",
    en: "You can only see your own progress.",
  },
  "progress.categoryUnknown": { de: "Unbekannte Ranglisten-Kategorie.", en: "Unknown leaderboard category." },
  "progress.periodUnknown": { de: "Unbekannter Zeitraum.", en: "Unknown period." },
  "progress.userUnknown": { de: "Diesen Benutzer gibt es nicht.", en: "There is no such user." },
} as const;
