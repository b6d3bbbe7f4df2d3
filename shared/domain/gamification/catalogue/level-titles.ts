/** Level titles, German and English (1–10; from 11 on "Level N Meister"). */
export const levelTitles: readonly { de: string; en: string }[] = [
  { de: "Anfänger", en: "Beginner" },
  { de: "Lernender", en: "Learner" },
  { de: "Aktiver", en: "Active" },
  { de: "Erfahrener", en: "Experienced" },
  { de: "Profi", en: "Professional" },
  { de: "Experte", en: "Expert" },
  { de: "Meister", en: "Master" },
  { de: "Champion", en: "Champion" },
  { de: "Legende", en: "Legend" },
  { de: "Mythos", en: "Myth" },
];

export const beyondTitle = { de: "Level {level} Meister", en: "Level {level} Master" };

/** Season names, German and English, by season id. */
export const seasonNames: Readonly<Record<string, { de: string; en: string }>> = {
  spring: { de: "Frühlings-Fieber", en: "Spring Fever" },
  summer: { de: "Sommer-Hitze", en: "Summer Heat" },
  autumn: { de: "Herbst-Ernte", en: "Autumn Harvest" },
  winter: { de: "Winter-Zauber", en: "Winter Magic" },
};
