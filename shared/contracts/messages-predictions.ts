/** The no-show model's, the customer search's and the historical import's texts (DE/EN). */
export const predictionsMessages = {
  "prediction.noModel": {
    de: "Noch kein Prognosemodell: das nächtliche Training ist noch nicht gelaufen.",
    en: "No forecast model yet: the nightly training has not run.",
  },
  "prediction.notEnoughData": {
    de: "Zu wenig Verlauf für eine Prognose: {trainingBookings} abgeschlossene Termine ({trainingNoShows} nicht erschienen) zum Lernen und {heldOutBookings} zum Prüfen; nötig sind {requiredTraining} und {requiredHeldOut}.",
    en: "Not enough history for a forecast: {trainingBookings} resolved appointments ({trainingNoShows} no-shows) to learn from and {heldOutBookings} to test on; {requiredTraining} and {requiredHeldOut} are needed.",
  },
  "prediction.factor.newCustomer": { de: "Neukunde ohne Vorgeschichte", en: "New customer, no history" },
  "prediction.factor.customerHistory": {
    de: "Kunde: {noShows} von {resolved} Terminen nicht erschienen",
    en: "Customer missed {noShows} of {resolved} appointments",
  },
  "prediction.factor.leadTime": { de: "{days} Tage im Voraus gebucht", en: "Booked {days} days ahead" },
  "prediction.factor.leadTimeOne": { de: "1 Tag im Voraus gebucht", en: "Booked 1 day ahead" },
  "prediction.factor.leadTimeSameDay": { de: "Am selben Tag gebucht", en: "Booked the same day" },
  "prediction.factor.weekday": { de: "Wochentag: {weekday}", en: "Weekday: {weekday}" },
  "prediction.factor.slotTime": { de: "Uhrzeit {time}", en: "Time {time}" },
  "prediction.factor.potential": { de: "Potenzial: {potential}", en: "Potential: {potential}" },
  "prediction.factor.agent": { de: "Telefonist/in {agent}", en: "Agent {agent}" },
  "prediction.factor.consultant": { de: "Berater/in {consultant}", en: "Consultant {consultant}" },
  "prediction.factor.season": { de: "Jahreszeit ({month})", en: "Season ({month})" },
  "prediction.raises": { de: "{factor} – erhöht das Risiko", en: "{factor} – raises the risk" },
  "prediction.lowers": { de: "{factor} – senkt das Risiko", en: "{factor} – lowers the risk" },
  "prediction.potential.normal": { de: "Normal", en: "normal" },
  "prediction.potential.top": { de: "Top", en: "top" },
  "prediction.potential.closer_needed": { de: "Closer nötig", en: "closer needed" },
  "prediction.potential.recall": { de: "Recall", en: "recall" },
  "prediction.potential.standard": { de: "Standard", en: "standard" },
  "prediction.slotReason": {
    de: "Erscheinensquote {showRate} an diesem Wochentag und dieser Uhrzeit, {free} von {capacity} Plätzen frei",
    en: "Show rate {showRate} on this weekday and time, {free} of {capacity} places free",
  },
  "prediction.slotReasonNoHistory": {
    de: "Noch kein Verlauf für diesen Termin, {free} von {capacity} Plätzen frei",
    en: "No history for this slot yet, {free} of {capacity} places free",
  },
  "customer.risk.noShows": {
    de: "{noShows}-mal nicht erschienen",
    en: "Missed {noShows} appointments",
  },
  "customer.risk.probability": {
    de: "Prognose: {percent} % Wahrscheinlichkeit, nicht zu erscheinen",
    en: "Forecast: {percent} % chance of not showing up",
  },
  "customer.risk.none": { de: "Bisher kein Nichterscheinen", en: "No missed appointments so far" },
  "customer.searchTooShort": {
    de: "Bitte mindestens 2 Buchstaben oder eine Telefonnummer eingeben.",
    en: "Enter at least 2 letters or a phone number.",
  },
  "import.unreadable": {
    de: "Die Datei lässt sich nicht lesen (CSV mit Kopfzeile oder eine JSON-Liste erwartet).",
    en: "The file cannot be read (expected CSV with a header line or a JSON list).",
  },
  "import.missing": { de: "{field} fehlt", en: "{field} is missing" },
  "import.date": {
    de: "{field}: kein gültiges Datum (JJJJ-MM-TT)",
    en: "{field}: not a valid date (YYYY-MM-DD)",
  },
  "import.future": { de: "{field}: liegt in der Zukunft", en: "{field}: lies in the future" },
  "import.time": { de: "{field}: keine gültige Uhrzeit (HH:MM)", en: "{field}: not a valid time (HH:MM)" },
  "import.phone": { de: "{field}: keine gültige Telefonnummer", en: "{field}: not a valid phone number" },
  "import.name": { de: "{field}: Name fehlt", en: "{field}: name is missing" },
  "import.outcome": {
    de: "{field}: unbekanntes Ergebnis (completed, overhang, no_show, ghost, cancelled, rescheduled, consultant_change)",
    en: "{field}: unknown outcome (completed, overhang, no_show, ghost, cancelled, rescheduled, consultant_change)",
  },
  "import.potential": {
    de: "{field}: unbekannte Potenzialklasse (normal, top, closer_needed, recall, standard)",
    en: "{field}: unknown potential class (normal, top, closer_needed, recall, standard)",
  },
  "import.count": { de: "{field}: keine ganze Zahl ≥ 0", en: "{field}: not a whole number ≥ 0" },
  "import.duplicateDate": {
    de: "{field}: dieses Datum steht schon weiter oben in der Datei",
    en: "{field}: this date appears earlier in the file",
  },
  "import.tooLong": { de: "{field}: zu lang", en: "{field}: too long" },
} as const;
