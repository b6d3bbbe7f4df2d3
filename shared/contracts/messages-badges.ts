/** API messages of badges, prestige and mastery (spread into the catalogue). */
export const badgesMessages = {
  "prestige.notEligible": {
    de: "Die nächste Prestige-Stufe ist noch nicht erreicht (Level {level} nötig).",
    en: "The next prestige tier is not reached yet (level {level} needed).",
  },
  "prestige.maxed": {
    de: "Die höchste Prestige-Stufe ist bereits erreicht.",
    en: "The highest prestige tier is already reached.",
  },
  "mastery.notReached": {
    de: "Für diese Meisterschaft ist keine neue Stufe erreicht.",
    en: "No new level of this mastery track is reached.",
  },
  "mastery.unknownTrack": { de: "Unbekannte Meisterschaft", en: "Unknown mastery track" },
  "gamification.otherUser": {
    de: "Sie können nur Ihren eigenen Fortschritt sehen.",
    en: "You can only see your own progress.",
  },
} as const;
