import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { config } from "../config.ts";
import {
  type BookingRules,
  bookingRulesSchema,
  defaultBookingRules,
} from "../domain/booking/booking-rules.ts";
import { defaultPointsRule, type PointsRule, pointsRuleSchema } from "../domain/booking/points.ts";
import {
  type SlotTemplate,
  type SlotTemplateSettings,
  slotTemplateSchema,
  withTimeZone,
} from "../domain/booking/slot-template.ts";
import { dynamoClient } from "./clients.ts";
import { keys } from "./keys.ts";
import { readSetting, writeSetting } from "./settings-repository.ts";

/** Settings change rarely; a warm function re-reads them at most once a minute. */
const cacheMs = 60_000;
const cache = new Map<string, { value: unknown; until: number }>();

async function cached<T>(name: string, load: () => Promise<T>): Promise<T> {
  const hit = cache.get(name);
  if (hit && hit.until > Date.now()) return hit.value as T;
  const value = await load();
  cache.set(name, { value, until: Date.now() + cacheMs });
  return value;
}

export const settingNames = {
  slotTemplate: "slot-template",
  pointsRule: "points-rule",
  bookingRules: "booking-rules",
} as const;

/**
 * The slot template in force, its zone resolved: the template's own, else the
 * deployment's `TIMEZONE`. Everything that turns slots into instants (the
 * availability job, booking, outcomes, calendar sync, the API) reads the zone here.
 */
export async function currentSlotTemplate(): Promise<SlotTemplate> {
  return withTimeZone(await storedSlotTemplate(), config().TIMEZONE);
}

/**
 * The template as stored, for editing: without a zone when it follows
 * `TIMEZONE`, so saving it back does not pin today's deployment zone.
 */
export function storedSlotTemplate(): Promise<SlotTemplateSettings> {
  return cached(settingNames.slotTemplate, () =>
    readSetting(settingNames.slotTemplate, slotTemplateSchema, slotTemplateSchema.parse({})),
  );
}

/** The zone slots are local to (see `currentSlotTemplate`). */
export async function slotTimeZone(): Promise<string> {
  return (await currentSlotTemplate()).timeZone;
}

export function currentPointsRule(): Promise<PointsRule> {
  return cached(settingNames.pointsRule, () =>
    readSetting(settingNames.pointsRule, pointsRuleSchema, defaultPointsRule),
  );
}

export async function saveSlotTemplate(template: SlotTemplateSettings): Promise<void> {
  await writeSetting(settingNames.slotTemplate, template);
  cache.delete(settingNames.slotTemplate);
}

export async function savePointsRule(rule: PointsRule): Promise<void> {
  await writeSetting(settingNames.pointsRule, rule);
  cache.delete(settingNames.pointsRule);
}

export function currentBookingRules(): Promise<BookingRules> {
  return cached(settingNames.bookingRules, () =>
    readSetting(settingNames.bookingRules, bookingRulesSchema, defaultBookingRules),
  );
}

export async function saveBookingRules(rules: BookingRules): Promise<void> {
  await writeSetting(settingNames.bookingRules, rules);
  cache.delete(settingNames.bookingRules);
}

/** Whether a one-off data migration has run (its marker item exists). */
export async function migrationDone(name: string): Promise<boolean> {
  const result = await dynamoClient().send(
    new GetCommand({ TableName: config().TABLE_NAME, Key: keys.marker(name), ConsistentRead: true }),
  );
  return result.Item !== undefined;
}

export async function markMigrationDone(name: string, at: string): Promise<void> {
  await dynamoClient().send(
    new PutCommand({ TableName: config().TABLE_NAME, Item: { ...keys.marker(name), type: "marker", at } }),
  );
}
