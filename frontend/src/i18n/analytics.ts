/** Site texts of the analytics pages (Auswertung) and the aggregates job; German first. */
export const analyticsDe = {
  "admin.jobs.rebuild-aggregates": "Kennzahlen neu berechnen",
  "admin.jobs.rebuild-aggregates.hint":
    "Berechnet alle Kennzahlen der Auswertung aus den Buchungen neu und korrigiert Abweichungen (läuft nachts um 02:30 UTC).",
};

export const analyticsEn: Record<keyof typeof analyticsDe, string> = {
  "admin.jobs.rebuild-aggregates": "Recompute analytics figures",
  "admin.jobs.rebuild-aggregates.hint":
    "Recomputes every analytics figure from the bookings and corrects any drift (runs nightly at 02:30 UTC).",
};
