/** API messages of the paged booking list (Meine Termine). */
export const bookingListMessages = {
  "bookingList.cursorInvalid": {
    de: "Ungültige Fortsetzung der Liste – bitte neu laden",
    en: "Invalid list continuation – reload the list",
  },
  "bookingList.viewUnknown": {
    de: "Zeitraum „upcoming“ oder „past“ angeben",
    en: "Give the view as “upcoming” or “past”",
  },
  "bookingList.outcomeUnknown": {
    de: "Ergebnis „appeared“, „no_show“, „cancelled“ oder „open“ angeben",
    en: "Give the outcome as “appeared”, “no_show”, “cancelled” or “open”",
  },
  "bookingList.searchTooShort": { de: "Mindestens 2 Zeichen suchen", en: "Search at least 2 characters" },
  "bookingList.searchTooLong": { de: "Höchstens 80 Zeichen suchen", en: "Search at most 80 characters" },
} as const;
