/** The languages the site and the API speak; plain constants so the site can load them without the catalogue. */
export const languages = ["de", "en"] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = "de";
