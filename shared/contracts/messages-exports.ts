/** The exports feature's API messages (spread into the catalogue). Plain TS: the site bundles it. */
export const exportsMessages = {
  "exports.datasetUnknown": {
    de: "Unbekannter Datensatz (bookings oder customers)",
    en: "Unknown dataset (bookings or customers)",
  },
  "exports.formatUnknown": { de: "Format csv, json oder pdf", en: "Format csv, json or pdf" },
  "exports.delimiter": { de: "Trennzeichen , oder ;", en: "Delimiter , or ;" },
  "exports.rangeOrder": { de: "Das Ende liegt vor dem Anfang", en: "The end is before the start" },
  "exports.rangeTooLong": {
    de: "Höchstens {max} Tage auf einmal",
    en: "At most {max} days at once",
  },
  "exports.pdfOnlyBookings": {
    de: "PDF gibt es nur für Buchungen",
    en: "PDF is only available for bookings",
  },
  "exports.frequency": { de: "Wöchentlich oder monatlich", en: "Weekly or monthly" },
  "exports.unknown": { de: "Diesen Export gibt es nicht.", en: "This export does not exist." },
  "exports.scheduleUnknown": {
    de: "Diesen geplanten Export gibt es nicht.",
    en: "This scheduled export does not exist.",
  },
  "exports.startFailed": {
    de: "Der Export konnte nicht gestartet werden. Bitte erneut versuchen.",
    en: "The export could not be started. Please try again.",
  },
} as const;
