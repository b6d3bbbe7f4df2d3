import { beyondTitle, levelTitles } from "./catalogue/level-titles.ts";

export type Language = "de" | "en";

/** The title of a level in a language. */
export function levelTitle(level: number, language: Language): string {
  const entry = levelTitles[Math.max(1, level) - 1];
  if (entry) return entry[language];
  return beyondTitle[language].replace("{level}", String(level));
}
