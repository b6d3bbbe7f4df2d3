/**
 * The badge catalogue: data, not code. Every badge carries its German and
 * English texts, an emoji, a category, a rarity (which fixes its colour, XP and
 * leaderboard weight) and a machine-checkable condition that
 * `evaluateBadges` reads. Thresholds start from the old app's and add the
 * categories it lacked (show rate, quests, Telefonie, consultants, level,
 * prestige, seasons).
 */

export const rarities = ["common", "uncommon", "rare", "epic", "legendary", "mythic"] as const;
export type Rarity = (typeof rarities)[number];

/** Colour, XP and badge-leaderboard weight per rarity; coins are 10 × XP / 50. */
export const rarityRules: Record<Rarity, { colour: string; xp: number; weight: number }> = {
  common: { colour: "#10b981", xp: 50, weight: 1 },
  uncommon: { colour: "#3b82f6", xp: 100, weight: 2 },
  rare: { colour: "#8b5cf6", xp: 250, weight: 4 },
  epic: { colour: "#f59e0b", xp: 500, weight: 6 },
  legendary: { colour: "#eab308", xp: 1000, weight: 10 },
  mythic: { colour: "#ec4899", xp: 2500, weight: 20 },
};

export const badgeCategories = [
  "pointsDay",
  "pointsWeek",
  "pointsMonth",
  "pointsAllTime",
  "streak",
  "firsts",
  "mvp",
  "milestones",
  "showRate",
  "quests",
  "telefonie",
  "consultants",
  "level",
  "prestige",
  "seasonal",
] as const;
export type BadgeCategory = (typeof badgeCategories)[number];

/** Counted facts about an agent a condition can name (see `BadgeFacts`). */
export const badgeMetrics = [
  "pointsInDay",
  "pointsInWeek",
  "pointsInMonth",
  "pointsAllTime",
  "bestStreak",
  /** Bookings made (cancellations taken back). */
  "bookings",
  /** Bookings into slots starting at 18:00 or later (local wall time). */
  "eveningBookings",
  /** Bookings into slots from 09:00 to before 11:00. */
  "morningBookings",
  "fridayBookings",
  "questsCompleted",
  "telefonieWeeksAtGoal",
  "consultantsServed",
  "level",
  "prestigeTier",
] as const;
export type BadgeMetric = (typeof badgeMetrics)[number];

export const seasonIds = ["spring", "summer", "autumn", "winter"] as const;
export type SeasonId = (typeof seasonIds)[number];

export const mvpPeriods = ["week", "month", "year"] as const;
export type MvpPeriod = (typeof mvpPeriods)[number];

export type BadgeCondition =
  | { metric: BadgeMetric; atLeast: number }
  /** Percentage of resolved bookings that took place, once at least `minResolved` are resolved. */
  | { metric: "showRate"; atLeast: number; minResolved: number }
  /** Points within the named season while it runs. */
  | { metric: "pointsInSeason"; season: SeasonId; atLeast: number }
  /** Top of the points leaderboard of a closed period: awarded once per period key by the nightly job. */
  | { metric: "mvp"; period: MvpPeriod };

export interface Badge {
  id: string;
  category: BadgeCategory;
  rarity: Rarity;
  emoji: string;
  name: { de: string; en: string };
  description: { de: string; en: string };
  condition: BadgeCondition;
}

type Texts = { de: string; en: string };
const badge = (
  id: string,
  category: BadgeCategory,
  rarity: Rarity,
  emoji: string,
  name: Texts,
  description: Texts,
  condition: BadgeCondition,
): Badge => ({ id, category, rarity, emoji, name, description, condition });

const points = (
  id: string,
  category: BadgeCategory,
  metric: "pointsInDay" | "pointsInWeek" | "pointsInMonth" | "pointsAllTime",
  atLeast: number,
  rarity: Rarity,
  emoji: string,
  name: Texts,
): Badge => {
  const span = {
    pointsInDay: { de: "an einem Tag", en: "in one day" },
    pointsInWeek: { de: "in einer Kalenderwoche", en: "in one calendar week" },
    pointsInMonth: { de: "in einem Monat", en: "in one month" },
    pointsAllTime: { de: "insgesamt", en: "in total" },
  }[metric];
  return badge(
    id,
    category,
    rarity,
    emoji,
    name,
    { de: `${atLeast} Punkte ${span.de} gesammelt.`, en: `Earned ${atLeast} points ${span.en}.` },
    { metric, atLeast },
  );
};

const counted = (
  id: string,
  category: BadgeCategory,
  metric: BadgeMetric,
  atLeast: number,
  rarity: Rarity,
  emoji: string,
  name: Texts,
  description: Texts,
): Badge => badge(id, category, rarity, emoji, name, description, { metric, atLeast });

export const badgeCatalogue: readonly Badge[] = [
  // Points in a day, a week, a month, all time.
  points("day-10", "pointsDay", "pointsInDay", 10, "common", "🌱", { de: "Guter Start", en: "Good start" }),
  points("day-20", "pointsDay", "pointsInDay", 20, "common", "💪", { de: "Starker Tag", en: "Strong day" }),
  points("day-40", "pointsDay", "pointsInDay", 40, "uncommon", "🌦️", {
    de: "Punkteregen",
    en: "Points shower",
  }),
  points("day-60", "pointsDay", "pointsInDay", 60, "rare", "🦸", { de: "Tagesheld", en: "Hero of the day" }),
  points("week-100", "pointsWeek", "pointsInWeek", 100, "uncommon", "🏃", {
    de: "Wochenläufer",
    en: "Week runner",
  }),
  points("week-200", "pointsWeek", "pointsInWeek", 200, "rare", "🚀", {
    de: "Wochenrakete",
    en: "Week rocket",
  }),
  points("month-10", "pointsMonth", "pointsInMonth", 10, "common", "📅", {
    de: "Monatsauftakt",
    en: "Month opener",
  }),
  points("month-25", "pointsMonth", "pointsInMonth", 25, "common", "🗓️", {
    de: "Monatsmacher",
    en: "Month maker",
  }),
  points("month-50", "pointsMonth", "pointsInMonth", 50, "uncommon", "📈", {
    de: "Monatsstark",
    en: "Strong month",
  }),
  points("month-100", "pointsMonth", "pointsInMonth", 100, "uncommon", "🌟", {
    de: "Monatsstar",
    en: "Star of the month",
  }),
  points("total-50", "pointsAllTime", "pointsAllTime", 50, "common", "🪙", {
    de: "Punktesammler",
    en: "Points collector",
  }),
  points("total-100", "pointsAllTime", "pointsAllTime", 100, "common", "💰", {
    de: "Hundert Punkte",
    en: "A hundred points",
  }),
  points("total-250", "pointsAllTime", "pointsAllTime", 250, "uncommon", "🏦", {
    de: "Punktebank",
    en: "Points bank",
  }),
  points("total-500", "pointsAllTime", "pointsAllTime", 500, "rare", "💎", {
    de: "Punkteschatz",
    en: "Points treasure",
  }),
  points("total-1000", "pointsAllTime", "pointsAllTime", 1000, "epic", "👑", {
    de: "Punktekönig",
    en: "Points monarch",
  }),
  points("total-2500", "pointsAllTime", "pointsAllTime", 2500, "legendary", "🏯", {
    de: "Punkteimperium",
    en: "Points empire",
  }),

  // Streaks (the best of work, booking and points streak).
  ...(
    [
      [2, "common", "🔥", "Dranbleiber", "Keeping at it"],
      [5, "uncommon", "⚡", "Fünf am Stück", "Five in a row"],
      [10, "rare", "🌋", "Unaufhaltsam", "Unstoppable"],
      [20, "epic", "☄️", "Dauerbrenner", "Evergreen"],
      [40, "legendary", "🌞", "Ewige Flamme", "Eternal flame"],
    ] as const
  ).map(([days, rarity, emoji, de, en]) =>
    counted(
      `streak-${days}`,
      "streak",
      "bestStreak",
      days,
      rarity,
      emoji,
      { de, en },
      { de: `Eine Serie von ${days} Tagen erreicht.`, en: `Reached a streak of ${days} days.` },
    ),
  ),

  // Firsts.
  counted(
    "first-booking",
    "firsts",
    "bookings",
    1,
    "common",
    "🎉",
    { de: "Erste Buchung", en: "First booking" },
    { de: "Den ersten Termin gebucht.", en: "Booked the first appointment." },
  ),
  counted(
    "evening-10",
    "firsts",
    "eveningBookings",
    10,
    "uncommon",
    "🌙",
    { de: "Nachteule", en: "Night owl" },
    { de: "10 Termine ab 18:00 Uhr gebucht.", en: "Booked 10 appointments at 18:00 or later." },
  ),
  counted(
    "morning-10",
    "firsts",
    "morningBookings",
    10,
    "uncommon",
    "🌅",
    { de: "Frühaufsteher", en: "Early bird" },
    {
      de: "10 Termine zwischen 9 und 11 Uhr gebucht.",
      en: "Booked 10 appointments between 9 and 11 am.",
    },
  ),
  counted(
    "friday-5",
    "firsts",
    "fridayBookings",
    5,
    "common",
    "🍻",
    { de: "Freitagsheld", en: "Friday hero" },
    { de: "5 Termine an Freitagen gebucht.", en: "Booked 5 appointments on Fridays." },
  ),

  // MVP of a closed period (once per period key).
  badge(
    "mvp-week",
    "mvp",
    "epic",
    "🏆",
    { de: "MVP der Woche", en: "MVP of the week" },
    {
      de: "Platz 1 der Punkte-Rangliste einer Kalenderwoche.",
      en: "Top of the points leaderboard of a calendar week.",
    },
    { metric: "mvp", period: "week" },
  ),
  badge(
    "mvp-month",
    "mvp",
    "legendary",
    "🥇",
    { de: "MVP des Monats", en: "MVP of the month" },
    { de: "Platz 1 der Punkte-Rangliste eines Monats.", en: "Top of the points leaderboard of a month." },
    { metric: "mvp", period: "month" },
  ),
  badge(
    "mvp-year",
    "mvp",
    "mythic",
    "🌌",
    { de: "MVP des Jahres", en: "MVP of the year" },
    { de: "Platz 1 der Punkte-Rangliste eines Jahres.", en: "Top of the points leaderboard of a year." },
    { metric: "mvp", period: "year" },
  ),

  // Booking milestones.
  ...(
    [
      [50, "uncommon", "🎫", "Fünfzig Buchungen", "Fifty bookings"],
      [100, "rare", "💯", "Centurion", "Centurion"],
      [500, "epic", "🏅", "Buchungsprofi", "Booking pro"],
      [1000, "legendary", "🏛️", "Buchungslegende", "Booking legend"],
    ] as const
  ).map(([count, rarity, emoji, de, en]) =>
    counted(
      `bookings-${count}`,
      "milestones",
      "bookings",
      count,
      rarity,
      emoji,
      { de, en },
      { de: `${count} Termine gebucht.`, en: `Booked ${count} appointments.` },
    ),
  ),

  // Show rate over at least 20 resolved bookings.
  ...(
    [
      [70, "uncommon", "✅", "Verlässlich", "Reliable"],
      [80, "rare", "🎯", "Treffsicher", "Sharpshooter"],
      [90, "epic", "💠", "Erscheinungsgarant", "Show guarantee"],
    ] as const
  ).map(([percent, rarity, emoji, de, en]) =>
    badge(
      `show-rate-${percent}`,
      "showRate",
      rarity,
      emoji,
      { de, en },
      {
        de: `Mindestens ${percent} % Erscheinungsquote bei mindestens 20 abgeschlossenen Terminen.`,
        en: `A show rate of at least ${percent} % over at least 20 resolved appointments.`,
      },
      { metric: "showRate", atLeast: percent, minResolved: 20 },
    ),
  ),

  // Quests completed.
  ...(
    [
      [1, "common", "📜", "Erste Quest", "First quest"],
      [10, "uncommon", "🗺️", "Abenteurer", "Adventurer"],
      [50, "rare", "🧭", "Questjäger", "Quest hunter"],
      [100, "epic", "🏰", "Questmeister", "Quest master"],
    ] as const
  ).map(([count, rarity, emoji, de, en]) =>
    counted(
      `quests-${count}`,
      "quests",
      "questsCompleted",
      count,
      rarity,
      emoji,
      { de, en },
      count === 1
        ? { de: "Die erste Tagesquest abgeschlossen.", en: "Completed the first daily quest." }
        : { de: `${count} Tagesquests abgeschlossen.`, en: `Completed ${count} daily quests.` },
    ),
  ),

  // Telefonie weeks at goal.
  ...(
    [
      [1, "common", "☎️", "Wochenziel erreicht", "Weekly goal met"],
      [4, "uncommon", "📞", "Telefonie-Profi", "Telefonie pro"],
      [12, "rare", "📡", "Dauer-Erreicher", "Steady achiever"],
      [26, "epic", "🛰️", "Telefonie-Ass", "Telefonie ace"],
    ] as const
  ).map(([weeks, rarity, emoji, de, en]) =>
    counted(
      `telefonie-${weeks}`,
      "telefonie",
      "telefonieWeeksAtGoal",
      weeks,
      rarity,
      emoji,
      { de, en },
      weeks === 1
        ? { de: "Ein Telefonie-Wochenziel erreicht.", en: "Met a Telefonie weekly goal." }
        : { de: `${weeks} Telefonie-Wochenziele erreicht.`, en: `Met ${weeks} Telefonie weekly goals.` },
    ),
  ),

  // Consultants served.
  ...(
    [
      [3, "common", "🤝", "Netzwerker", "Networker"],
      [5, "uncommon", "👥", "Teamplayer", "Team player"],
      [10, "rare", "🌐", "Brückenbauer", "Bridge builder"],
    ] as const
  ).map(([count, rarity, emoji, de, en]) =>
    counted(
      `consultants-${count}`,
      "consultants",
      "consultantsServed",
      count,
      rarity,
      emoji,
      { de, en },
      {
        de: `Termine für ${count} verschiedene Berater gebucht.`,
        en: `Booked appointments for ${count} different consultants.`,
      },
    ),
  ),

  // Level reached.
  ...(
    [
      [5, "uncommon", "⬆️", "Profi", "Professional"],
      [10, "rare", "🧠", "Mythos", "Myth"],
      [20, "epic", "🦅", "Höhenflug", "Soaring"],
      [30, "legendary", "🏔️", "Gipfelstürmer", "Summit climber"],
      [50, "mythic", "🪐", "Unsterblich", "Immortal"],
    ] as const
  ).map(([level, rarity, emoji, de, en]) =>
    counted(
      `level-${level}`,
      "level",
      "level",
      level,
      rarity,
      emoji,
      { de, en },
      { de: `Level ${level} erreicht.`, en: `Reached level ${level}.` },
    ),
  ),

  // Prestige.
  ...(
    [
      [1, "epic", "⭐", "Prestige I", "Prestige I"],
      [3, "legendary", "🌠", "Prestige III", "Prestige III"],
      [6, "mythic", "💫", "Kosmischer Meister", "Cosmic master"],
    ] as const
  ).map(([tier, rarity, emoji, de, en]) =>
    counted(
      `prestige-${tier}`,
      "prestige",
      "prestigeTier",
      tier,
      rarity,
      emoji,
      { de, en },
      { de: `Prestige-Stufe ${tier} erreicht.`, en: `Reached prestige tier ${tier}.` },
    ),
  ),

  // Seasonal: one per season.
  ...(
    [
      ["spring", "🌸", "Frühlings-Fieber", "Spring fever"],
      ["summer", "☀️", "Sommer-Hitze", "Summer heat"],
      ["autumn", "🍂", "Herbst-Ernte", "Autumn harvest"],
      ["winter", "❄️", "Winter-Zauber", "Winter magic"],
    ] as const
  ).map(([season, emoji, de, en]) =>
    badge(
      `season-${season}`,
      "seasonal",
      "uncommon",
      emoji,
      { de, en },
      {
        de: `100 Punkte in der Saison „${de}“ gesammelt.`,
        en: `Earned 100 points during the "${en}" season.`,
      },
      { metric: "pointsInSeason", season, atLeast: 100 },
    ),
  ),
];

export const badgesById: ReadonlyMap<string, Badge> = new Map(
  badgeCatalogue.map((entry) => [entry.id, entry]),
);
