import {
  defaultGamificationSettings,
  type GamificationSettings,
  gamificationSettingsSchema,
} from "../../domain/gamification/settings.ts";
import { readSetting, writeSetting } from "../settings-repository.ts";

export const gamificationSettingName = "gamification";

/** Settings change rarely; a warm function re-reads them at most once a minute. */
const cacheMs = 60_000;
let cache: { value: GamificationSettings; until: number } | undefined;

/** The gamification numbers in force: the stored setting, else the defaults. */
export async function gamificationSettings(): Promise<GamificationSettings> {
  if (cache && cache.until > Date.now()) return cache.value;
  const value = await readSetting(
    gamificationSettingName,
    gamificationSettingsSchema,
    defaultGamificationSettings,
  );
  cache = { value, until: Date.now() + cacheMs };
  return value;
}

export async function saveGamificationSettings(settings: GamificationSettings): Promise<void> {
  await writeSetting(gamificationSettingName, gamificationSettingsSchema.parse(settings));
  cache = undefined;
}
