/** API messages of Telefonie (weekly points entered by admins). */
export const telefonieMessages = {
  "telefonie.weekFormat": {
    de: "Kalenderwoche im Format JJJJ-Www angeben, z. B. 2026-W49",
    en: "Enter the ISO week as YYYY-Www, e.g. 2026-W49",
  },
  "telefonie.pointsRange": {
    de: "Punkte zwischen 0 und 100 angeben",
    en: "Enter points between 0 and 100",
  },
  "telefonie.goalRange": { de: "Ziel zwischen 0 und 100 angeben", en: "Enter a goal between 0 and 100" },
  "telefonie.vacationNoGoal": {
    de: "Eine Urlaubswoche hat kein Ziel",
    en: "A vacation week has no goal",
  },
  "telefonie.vacationWeek": {
    de: "In einer Urlaubswoche gibt es keine Einträge.",
    en: "A vacation week has no entries.",
  },
  "telefonie.vacationHasEntries": {
    de: "Die Woche hat Einträge: erst löschen, dann als Urlaub markieren.",
    en: "The week has entries: delete them before marking it as vacation.",
  },
  "telefonie.entryNotFound": { de: "Eintrag nicht gefunden.", en: "Entry not found." },
  "telefonie.userNotFound": { de: "Teilnehmer:in nicht gefunden.", en: "Participant not found." },
  "telefonie.ownWeekOnly": {
    de: "Sie können nur Ihre eigene Telefonie-Woche sehen.",
    en: "You can only see your own Telefonie week.",
  },
} as const;
