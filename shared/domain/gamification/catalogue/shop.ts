import type { MasteryTrack } from "../mastery.ts";

/**
 * The cosmetics shop's catalogue: every item with its slot, German and
 * English name, price in coins, rarity and the unlock conditions it needs
 * besides the coins. Data, not code: the shop, the unlock checks and the site
 * all read this one list.
 */

export const shopSlots = ["title", "theme", "avatar", "frame", "effect"] as const;
export type ShopSlot = (typeof shopSlots)[number];

export const rarities = ["common", "uncommon", "rare", "epic", "legendary", "mythic"] as const;
export type Rarity = (typeof rarities)[number];

/** Ids of the default seasons (the seasons themselves are settings). */
export const seasonIds = ["spring", "summer", "autumn", "winter"] as const;
export type SeasonId = (typeof seasonIds)[number];

/** What an item needs besides its price; all of an item's conditions must hold. */
export type UnlockCondition =
  | { kind: "level"; level: number }
  | { kind: "badgeRarity"; rarity: Rarity }
  | { kind: "prestige"; tier: number }
  | { kind: "streak"; days: number }
  | { kind: "mastery"; track: MasteryTrack; level: number }
  /** All-time bookings, e.g. the 100-bookings milestone. */
  | { kind: "milestone"; bookings: number }
  /** Offered only while this season runs. */
  | { kind: "season"; season: SeasonId };

export interface Texts {
  de: string;
  en: string;
}

/** How an effect shows: on a booking, following the pointer, as a sound, or around the name. */
export type EffectKind = "booking" | "trail" | "sound" | "aura";

export interface ShopItem {
  id: string;
  slot: ShopSlot;
  name: Texts;
  price: number;
  rarity: Rarity;
  unlocks: readonly UnlockCondition[];
  /** Avatars: the emoji shown; titles may start with one inside their name. */
  emoji?: string;
  effect?: EffectKind;
}

type Draft = Omit<ShopItem, "slot" | "unlocks"> & { unlocks?: readonly UnlockCondition[] };

const inSlot = (slot: ShopSlot, drafts: Draft[]): ShopItem[] =>
  drafts.map((draft) => ({ ...draft, slot, unlocks: draft.unlocks ?? [] }));

const titles = inSlot("title", [
  { id: "title-rookie", name: { de: "Buchungs-Neuling", en: "Booking Rookie" }, price: 50, rarity: "common" },
  {
    id: "title-early-bird",
    name: { de: "🐦 Frühaufsteher", en: "🐦 Early Bird" },
    price: 50,
    rarity: "common",
  },
  { id: "title-night-owl", name: { de: "🦉 Nachteule", en: "🦉 Night Owl" }, price: 50, rarity: "common" },
  { id: "title-break-pro", name: { de: "🍩 Pausen-Profi", en: "🍩 Break Pro" }, price: 50, rarity: "common" },
  {
    id: "title-coffee",
    name: { de: "☕ Koffein-Junkie", en: "☕ Caffeine Junkie" },
    price: 100,
    rarity: "common",
  },
  {
    id: "title-phone-hero",
    name: { de: "📞 Telefon-Held", en: "📞 Phone Hero" },
    price: 150,
    rarity: "uncommon",
  },
  { id: "title-slot-hunter", name: { de: "Slot-Jäger", en: "Slot Hunter" }, price: 200, rarity: "uncommon" },
  {
    id: "title-dial-wizard",
    name: { de: "Wählscheiben-Zauberer", en: "Dial Wizard" },
    price: 250,
    rarity: "uncommon",
    unlocks: [{ kind: "level", level: 3 }],
  },
  {
    id: "title-calendar-tamer",
    name: { de: "Kalender-Bändiger", en: "Calendar Tamer" },
    price: 300,
    rarity: "uncommon",
  },
  {
    id: "title-streak-runner",
    name: { de: "🔥 Serien-Läufer", en: "🔥 Streak Runner" },
    price: 350,
    rarity: "rare",
    unlocks: [{ kind: "streak", days: 7 }],
  },
  {
    id: "title-closing-ace",
    name: { de: "Abschluss-Ass", en: "Closing Ace" },
    price: 400,
    rarity: "rare",
    unlocks: [{ kind: "level", level: 5 }],
  },
  {
    id: "title-show-master",
    name: { de: "Show-Meister", en: "Show Master" },
    price: 500,
    rarity: "rare",
    unlocks: [{ kind: "badgeRarity", rarity: "rare" }],
  },
  {
    id: "title-team-rock",
    name: { de: "Fels in der Brandung", en: "Rock of the Team" },
    price: 600,
    rarity: "rare",
  },
  {
    id: "title-booking-machine",
    name: { de: "🤖 Buchungsmaschine", en: "🤖 Booking Machine" },
    price: 700,
    rarity: "epic",
    unlocks: [{ kind: "milestone", bookings: 100 }],
  },
  {
    id: "title-slot-kaiser",
    name: { de: "Slot-Kaiser", en: "Slot Emperor" },
    price: 900,
    rarity: "epic",
    unlocks: [{ kind: "level", level: 8 }],
  },
  {
    id: "title-prestige-star",
    name: { de: "⭐ Prestige-Star", en: "⭐ Prestige Star" },
    price: 1000,
    rarity: "epic",
    unlocks: [{ kind: "prestige", tier: 1 }],
  },
  {
    id: "title-phone-legend",
    name: { de: "🏆 Telefon-Legende", en: "🏆 Phone Legend" },
    price: 1200,
    rarity: "legendary",
    unlocks: [{ kind: "badgeRarity", rarity: "legendary" }],
  },
  {
    id: "title-unstoppable",
    name: { de: "Unaufhaltsam", en: "Unstoppable" },
    price: 1400,
    rarity: "legendary",
    unlocks: [{ kind: "streak", days: 30 }],
  },
  {
    id: "title-all-rounder",
    name: { de: "Meister aller Klassen", en: "Master of All Trades" },
    price: 1500,
    rarity: "legendary",
    unlocks: [{ kind: "mastery", track: "bookings", level: 3 }],
  },
  {
    id: "title-cosmic-lord",
    name: { de: "💫 Kosmischer Kalenderlord", en: "💫 Cosmic Calendar Lord" },
    price: 1800,
    rarity: "mythic",
    unlocks: [{ kind: "prestige", tier: 3 }],
  },
  {
    id: "title-booking-deity",
    name: { de: "✨ Buchungs-Gottheit", en: "✨ Booking Deity" },
    price: 2000,
    rarity: "mythic",
    unlocks: [{ kind: "level", level: 15 }],
  },
]);

/** The colours of each theme live in the site's theme style sheet, keyed by these ids. */
export const standardThemeId = "theme-standard";

const themes = inSlot("theme", [
  { id: standardThemeId, name: { de: "Standard", en: "Standard" }, price: 0, rarity: "common" },
  { id: "theme-emerald", name: { de: "Smaragd", en: "Emerald" }, price: 150, rarity: "uncommon" },
  {
    id: "theme-sunset",
    name: { de: "Sonnenuntergang-Vibes", en: "Sunset Vibes" },
    price: 200,
    rarity: "uncommon",
  },
  {
    id: "theme-ocean",
    name: { de: "Ozean-Tiefe", en: "Ocean Depths" },
    price: 400,
    rarity: "rare",
    unlocks: [{ kind: "level", level: 3 }],
  },
  {
    id: "theme-cosmic",
    name: { de: "Kosmisch", en: "Cosmic" },
    price: 700,
    rarity: "epic",
    unlocks: [{ kind: "level", level: 5 }],
  },
  {
    id: "theme-rainbow",
    name: { de: "Regenbogen-Explosion", en: "Rainbow Explosion" },
    price: 1000,
    rarity: "legendary",
    unlocks: [{ kind: "level", level: 8 }],
  },
]);

const avatars = inSlot("avatar", [
  // Animals
  { id: "avatar-cat", name: { de: "Katze", en: "Cat" }, emoji: "🐱", price: 50, rarity: "common" },
  { id: "avatar-dog", name: { de: "Hund", en: "Dog" }, emoji: "🐶", price: 50, rarity: "common" },
  { id: "avatar-fox", name: { de: "Fuchs", en: "Fox" }, emoji: "🦊", price: 50, rarity: "common" },
  { id: "avatar-panda", name: { de: "Panda", en: "Panda" }, emoji: "🐼", price: 50, rarity: "common" },
  { id: "avatar-owl", name: { de: "Eule", en: "Owl" }, emoji: "🦉", price: 50, rarity: "common" },
  { id: "avatar-penguin", name: { de: "Pinguin", en: "Penguin" }, emoji: "🐧", price: 50, rarity: "common" },
  { id: "avatar-rabbit", name: { de: "Hase", en: "Rabbit" }, emoji: "🐰", price: 50, rarity: "common" },
  {
    id: "avatar-turtle",
    name: { de: "Schildkröte", en: "Turtle" },
    emoji: "🐢",
    price: 50,
    rarity: "common",
  },
  { id: "avatar-koala", name: { de: "Koala", en: "Koala" }, emoji: "🐨", price: 50, rarity: "common" },
  { id: "avatar-frog", name: { de: "Frosch", en: "Frog" }, emoji: "🐸", price: 50, rarity: "common" },
  { id: "avatar-bee", name: { de: "Biene", en: "Bee" }, emoji: "🐝", price: 50, rarity: "common" },
  { id: "avatar-hedgehog", name: { de: "Igel", en: "Hedgehog" }, emoji: "🦔", price: 50, rarity: "common" },
  {
    id: "avatar-squirrel",
    name: { de: "Eichhörnchen", en: "Squirrel" },
    emoji: "🐿️",
    price: 50,
    rarity: "common",
  },
  { id: "avatar-octopus", name: { de: "Krake", en: "Octopus" }, emoji: "🐙", price: 100, rarity: "common" },
  { id: "avatar-lion", name: { de: "Löwe", en: "Lion" }, emoji: "🦁", price: 150, rarity: "uncommon" },
  { id: "avatar-tiger", name: { de: "Tiger", en: "Tiger" }, emoji: "🐯", price: 150, rarity: "uncommon" },
  // Professions
  {
    id: "avatar-office",
    name: { de: "Büroheld:in", en: "Office Hero" },
    emoji: "🧑‍💼",
    price: 50,
    rarity: "common",
  },
  {
    id: "avatar-coder",
    name: { de: "Programmierer:in", en: "Coder" },
    emoji: "🧑‍💻",
    price: 100,
    rarity: "common",
  },
  { id: "avatar-chef", name: { de: "Koch/Köchin", en: "Chef" }, emoji: "🧑‍🍳", price: 100, rarity: "common" },
  {
    id: "avatar-firefighter",
    name: { de: "Feuerwehr", en: "Firefighter" },
    emoji: "🧑‍🚒",
    price: 150,
    rarity: "uncommon",
  },
  {
    id: "avatar-scientist",
    name: { de: "Forscher:in", en: "Scientist" },
    emoji: "🧑‍🔬",
    price: 200,
    rarity: "uncommon",
  },
  {
    id: "avatar-detective",
    name: { de: "Detektiv:in", en: "Detective" },
    emoji: "🕵️",
    price: 200,
    rarity: "uncommon",
  },
  {
    id: "avatar-astronaut",
    name: { de: "Astronaut:in", en: "Astronaut" },
    emoji: "🧑‍🚀",
    price: 250,
    rarity: "rare",
    unlocks: [{ kind: "level", level: 4 }],
  },
  // Fantasy
  { id: "avatar-robot", name: { de: "Roboter", en: "Robot" }, emoji: "🤖", price: 200, rarity: "uncommon" },
  { id: "avatar-vampire", name: { de: "Vampir", en: "Vampire" }, emoji: "🧛", price: 250, rarity: "rare" },
  { id: "avatar-fairy", name: { de: "Fee", en: "Fairy" }, emoji: "🧚", price: 300, rarity: "rare" },
  { id: "avatar-unicorn", name: { de: "Einhorn", en: "Unicorn" }, emoji: "🦄", price: 300, rarity: "rare" },
  {
    id: "avatar-wizard",
    name: { de: "Zauberer", en: "Wizard" },
    emoji: "🧙",
    price: 350,
    rarity: "rare",
    unlocks: [{ kind: "badgeRarity", rarity: "rare" }],
  },
  {
    id: "avatar-alien",
    name: { de: "Außerirdische:r", en: "Alien" },
    emoji: "👽",
    price: 400,
    rarity: "epic",
    unlocks: [{ kind: "prestige", tier: 1 }],
  },
  {
    id: "avatar-phoenix",
    name: { de: "Phönix", en: "Phoenix" },
    emoji: "🐦‍🔥",
    price: 500,
    rarity: "epic",
    unlocks: [{ kind: "streak", days: 30 }],
  },
  {
    id: "avatar-dragon",
    name: { de: "Drache", en: "Dragon" },
    emoji: "🐉",
    price: 500,
    rarity: "legendary",
    unlocks: [{ kind: "level", level: 10 }],
  },
]);

const frames = inSlot("frame", [
  { id: "frame-simple", name: { de: "Schlicht", en: "Simple" }, price: 50, rarity: "common" },
  { id: "frame-wood", name: { de: "Holz", en: "Wood" }, price: 50, rarity: "common" },
  { id: "frame-bronze", name: { de: "Bronze", en: "Bronze" }, price: 80, rarity: "common" },
  { id: "frame-silver", name: { de: "Silber", en: "Silver" }, price: 150, rarity: "uncommon" },
  { id: "frame-neon", name: { de: "Neon", en: "Neon" }, price: 250, rarity: "uncommon" },
  {
    id: "frame-gold",
    name: { de: "Gold", en: "Gold" },
    price: 300,
    rarity: "rare",
    unlocks: [{ kind: "level", level: 5 }],
  },
  {
    id: "frame-winter",
    name: { de: "Winterzauber", en: "Winter Magic" },
    price: 200,
    rarity: "rare",
    unlocks: [{ kind: "season", season: "winter" }],
  },
  {
    id: "frame-summer",
    name: { de: "Sommerhitze", en: "Summer Heat" },
    price: 200,
    rarity: "rare",
    unlocks: [{ kind: "season", season: "summer" }],
  },
  {
    id: "frame-centurion",
    name: { de: "Centurion", en: "Centurion" },
    price: 500,
    rarity: "epic",
    unlocks: [{ kind: "milestone", bookings: 100 }],
  },
  {
    id: "frame-flames",
    name: { de: "Flammen", en: "Flames" },
    price: 600,
    rarity: "epic",
    unlocks: [{ kind: "streak", days: 14 }],
  },
  {
    id: "frame-diamond",
    name: { de: "Diamant", en: "Diamond" },
    price: 800,
    rarity: "epic",
    unlocks: [{ kind: "badgeRarity", rarity: "epic" }],
  },
  {
    id: "frame-master",
    name: { de: "Meister-Kranz", en: "Master's Wreath" },
    price: 900,
    rarity: "legendary",
    unlocks: [{ kind: "mastery", track: "streak", level: 2 }],
  },
  {
    id: "frame-prestige",
    name: { de: "Prestige-Glanz", en: "Prestige Glow" },
    price: 1000,
    rarity: "legendary",
    unlocks: [{ kind: "prestige", tier: 2 }],
  },
]);

const effects = inSlot("effect", [
  {
    id: "effect-confetti",
    name: { de: "Konfetti bei Buchung", en: "Confetti on booking" },
    effect: "booking",
    price: 150,
    rarity: "common",
  },
  {
    id: "effect-typing-sound",
    name: { de: "Tipp-Geräusch", en: "Typing sound" },
    effect: "sound",
    price: 100,
    rarity: "common",
  },
  {
    id: "effect-bell",
    name: { de: "Glocke bei Buchung", en: "Bell on booking" },
    effect: "sound",
    price: 120,
    rarity: "common",
  },
  {
    id: "effect-sparkle-name",
    name: { de: "Funkelnder Name", en: "Sparkling name" },
    effect: "aura",
    price: 200,
    rarity: "uncommon",
  },
  {
    id: "effect-coin-rain",
    name: { de: "Münzregen bei Buchung", en: "Coin rain on booking" },
    effect: "booking",
    price: 250,
    rarity: "uncommon",
  },
  {
    id: "effect-glitter-trail",
    name: { de: "Glitzerspur", en: "Glitter trail" },
    effect: "trail",
    price: 300,
    rarity: "rare",
  },
  {
    id: "effect-stars",
    name: { de: "Sternenregen", en: "Shower of stars" },
    effect: "booking",
    price: 350,
    rarity: "rare",
    unlocks: [{ kind: "badgeRarity", rarity: "rare" }],
  },
  {
    id: "effect-fireworks",
    name: { de: "Feuerwerk bei Buchung", en: "Fireworks on booking" },
    effect: "booking",
    price: 400,
    rarity: "rare",
    unlocks: [{ kind: "level", level: 5 }],
  },
  {
    id: "effect-rainbow-trail",
    name: { de: "Regenbogenspur", en: "Rainbow trail" },
    effect: "trail",
    price: 700,
    rarity: "epic",
    unlocks: [{ kind: "streak", days: 14 }],
  },
  {
    id: "effect-rocket",
    name: { de: "Raketenstart bei Buchung", en: "Rocket launch on booking" },
    effect: "booking",
    price: 800,
    rarity: "epic",
    unlocks: [{ kind: "prestige", tier: 1 }],
  },
  {
    id: "effect-legendary-aura",
    name: { de: "Legendäre Aura", en: "Legendary aura" },
    effect: "aura",
    price: 1500,
    rarity: "legendary",
    unlocks: [{ kind: "milestone", bookings: 500 }],
  },
]);

export const shopCatalogue: readonly ShopItem[] = [...titles, ...themes, ...avatars, ...frames, ...effects];

const byId = new Map(shopCatalogue.map((item) => [item.id, item]));

export function shopItem(id: string): ShopItem | undefined {
  return byId.get(id);
}

/** Owned by everyone without buying (the standard theme). */
export function isFreeDefault(item: ShopItem): boolean {
  return item.price === 0;
}
