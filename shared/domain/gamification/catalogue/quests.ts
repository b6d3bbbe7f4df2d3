/**
 * The daily quests, as data: two pools, each quest with its target, reward
 * and German and English texts. Every quest is completable from facts the
 * product records (bookings of the day, the day's sign-in, spins, the rank),
 * which the quest domain turns into progress.
 */

export type QuestPool = "booking" | "universal";

/** What a quest measures; the quest domain computes each from the day's facts. */
export type QuestMetric =
  | "bookings"
  | "bookingsInOneSlot"
  | "slotTimesCovered"
  | "distinctConsultants"
  | "morningBookings"
  | "noCancellation"
  | "earlySignIn"
  | "loginStreakKept"
  | "rankImproved"
  | "otherQuestsDone"
  | "spins";

export interface QuestDefinition {
  id: string;
  pool: QuestPool;
  metric: QuestMetric;
  /** Progress needed; 0 means "the whole day's slot times" (Voller Tag). */
  target: number;
  reward: { coins: number; xp: number; bonusSpins?: number };
  emoji: string;
  name: { de: string; en: string };
  description: { de: string; en: string };
}

export const questCatalogue = [
  {
    id: "buchungs-blitz",
    pool: "booking",
    metric: "bookings",
    target: 5,
    reward: { coins: 75, xp: 100 },
    emoji: "⚡",
    name: { de: "Buchungs-Blitz", en: "Booking Blitz" },
    description: { de: "Mache heute 5 Buchungen.", en: "Make 5 bookings today." },
  },
  {
    id: "doppel-slot",
    pool: "booking",
    metric: "bookingsInOneSlot",
    target: 2,
    reward: { coins: 50, xp: 60 },
    emoji: "👯",
    name: { de: "Doppel-Slot", en: "Double Slot" },
    description: {
      de: "Buche heute 2 Termine in denselben Slot.",
      en: "Book 2 appointments into the same slot today.",
    },
  },
  {
    id: "voller-tag",
    pool: "booking",
    metric: "slotTimesCovered",
    target: 0,
    reward: { coins: 100, xp: 120, bonusSpins: 1 },
    emoji: "🗓️",
    name: { de: "Voller Tag", en: "Full Day" },
    description: {
      de: "Buche heute in jede Slot-Uhrzeit des Tages einen Termin (+1 Glücksrad-Dreh).",
      en: "Today, book one appointment into each of the day's slot times (+1 wheel spin).",
    },
  },
  {
    id: "berater-vielfalt",
    pool: "booking",
    metric: "distinctConsultants",
    target: 3,
    reward: { coins: 60, xp: 80 },
    emoji: "🤝",
    name: { de: "Berater-Vielfalt", en: "Consultant Variety" },
    description: {
      de: "Buche heute Termine bei 3 verschiedenen Beratern.",
      en: "Book appointments with 3 different consultants today.",
    },
  },
  {
    id: "morgen-rush",
    pool: "booking",
    metric: "morningBookings",
    target: 3,
    reward: { coins: 60, xp: 70 },
    emoji: "🌅",
    name: { de: "Morgen-Rush", en: "Morning Rush" },
    description: {
      de: "Buche heute 3 Termine in Slots vor 11:00 Uhr.",
      en: "Book 3 appointments into slots before 11:00 today.",
    },
  },
  {
    id: "null-storno",
    pool: "booking",
    metric: "noCancellation",
    target: 1,
    reward: { coins: 50, xp: 60 },
    emoji: "🛡️",
    name: { de: "Null Storno", en: "Zero Cancellations" },
    description: {
      de: "Buche heute mindestens einen Termin und storniere den ganzen Tag nichts (abholbar, sobald der Tag vorbei ist).",
      en: "Book at least one appointment today and cancel nothing all day (claimable once the day is over).",
    },
  },
  {
    id: "frueh-start",
    pool: "universal",
    metric: "earlySignIn",
    target: 1,
    reward: { coins: 25, xp: 30 },
    emoji: "⏰",
    name: { de: "Früher Vogel", en: "Early Bird" },
    description: { de: "Melde dich heute vor 10:00 Uhr an.", en: "Sign in before 10:00 today." },
  },
  {
    id: "streak-halten",
    pool: "universal",
    metric: "loginStreakKept",
    target: 1,
    reward: { coins: 30, xp: 40 },
    emoji: "🔥",
    name: { de: "Dranbleiben", en: "Keep It Going" },
    description: {
      de: "Halte deine Login-Serie: melde dich heute an.",
      en: "Keep your login streak: sign in today.",
    },
  },
  {
    id: "rang-verbessern",
    pool: "universal",
    metric: "rankImproved",
    target: 1,
    reward: { coins: 50, xp: 60 },
    emoji: "📈",
    name: { de: "Aufsteiger", en: "Climber" },
    description: {
      de: "Verbessere heute deinen Rang in der Monats-Rangliste (oder halte Platz 1).",
      en: "Improve your rank in this month's leaderboard today (or hold first place).",
    },
  },
  {
    id: "quest-meister",
    pool: "universal",
    metric: "otherQuestsDone",
    target: 3,
    reward: { coins: 100, xp: 150 },
    emoji: "🏆",
    name: { de: "Quest-Meister", en: "Quest Master" },
    description: {
      de: "Schließe heute deine 3 anderen Quests ab.",
      en: "Complete your 3 other quests today.",
    },
  },
  {
    id: "gluecksrad",
    pool: "universal",
    metric: "spins",
    target: 3,
    reward: { coins: 40, xp: 50 },
    emoji: "🎡",
    name: { de: "Dreh am Rad", en: "Spin to Win" },
    description: { de: "Drehe heute 3-mal das Glücksrad.", en: "Spin the wheel 3 times today." },
  },
] as const satisfies readonly QuestDefinition[];

export type QuestId = (typeof questCatalogue)[number]["id"];

export const questIds = questCatalogue.map((quest) => quest.id) as QuestId[];

/** The Glücksrad's prizes: weights out of 101, what each credits, its label and slice colour. */
export type PrizeKind = "nothing" | "coins" | "xp" | "mysteryBox" | "streakShield" | "badgeToken" | "jackpot";

export interface WheelPrize {
  id: string;
  kind: PrizeKind;
  weight: number;
  /** Coins or XP the prize credits; 0 for the others. */
  amount: number;
  emoji: string;
  label: { de: string; en: string };
  /** Slice colour in the site's wheel. */
  color: string;
}

export const wheelPrizes: readonly WheelPrize[] = [
  {
    id: "nothing-1",
    kind: "nothing",
    weight: 25,
    amount: 0,
    emoji: "💨",
    label: { de: "Niete", en: "No luck" },
    color: "#94a3b8",
  },
  {
    id: "coins-25",
    kind: "coins",
    weight: 15,
    amount: 25,
    emoji: "🪙",
    label: { de: "25 Münzen", en: "25 coins" },
    color: "#f59e0b",
  },
  {
    id: "nothing-2",
    kind: "nothing",
    weight: 15,
    amount: 0,
    emoji: "🍃",
    label: { de: "Leider nichts", en: "Nothing this time" },
    color: "#64748b",
  },
  {
    id: "coins-50",
    kind: "coins",
    weight: 10,
    amount: 50,
    emoji: "💰",
    label: { de: "50 Münzen", en: "50 coins" },
    color: "#d97706",
  },
  {
    id: "xp-50",
    kind: "xp",
    weight: 8,
    amount: 50,
    emoji: "✨",
    label: { de: "+50 XP", en: "+50 XP" },
    color: "#8b5cf6",
  },
  {
    id: "nothing-3",
    kind: "nothing",
    weight: 10,
    amount: 0,
    emoji: "🎈",
    label: { de: "Knapp daneben", en: "So close" },
    color: "#475569",
  },
  {
    id: "coins-100",
    kind: "coins",
    weight: 5,
    amount: 100,
    emoji: "💎",
    label: { de: "100 Münzen", en: "100 coins" },
    color: "#b45309",
  },
  {
    id: "mystery-box",
    kind: "mysteryBox",
    weight: 6,
    amount: 0,
    emoji: "🎁",
    label: { de: "Überraschungsbox", en: "Mystery box" },
    color: "#ec4899",
  },
  {
    id: "streak-shield",
    kind: "streakShield",
    weight: 4,
    amount: 0,
    emoji: "🛡️",
    label: { de: "Serien-Schutz", en: "Streak shield" },
    color: "#3b82f6",
  },
  {
    id: "badge-token",
    kind: "badgeToken",
    weight: 2,
    amount: 0,
    emoji: "🎟️",
    label: { de: "Abzeichen-Token", en: "Badge token" },
    color: "#10b981",
  },
  {
    id: "jackpot",
    kind: "jackpot",
    weight: 1,
    amount: 1000,
    emoji: "🎰",
    label: { de: "Jackpot: 1000 Münzen", en: "Jackpot: 1000 coins" },
    color: "#eab308",
  },
];
