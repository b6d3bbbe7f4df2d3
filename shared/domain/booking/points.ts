import * as z from "zod";
import { hhmmSchema } from "./local-date.ts";

/**
 * Points an agent earns for a booking. The rule is configuration (admins
 * edit it, the availability API shows the result per slot), so it is a zod
 * schema whose defaults are DESIGN.md's rule.
 *
 * Edges, precisely:
 * - Fill is `booked / capacity` BEFORE this booking, `booked` = accepted
 *   bookings already in the slot. Thresholds are exact fractions ("1/3"),
 *   compared by cross-multiplication, so 4 of 12 is exactly one third.
 * - Tiers are checked in ascending order; the first with fill ≤ `upTo` wins,
 *   otherwise `abovePoints`. Defaults: 0–4 of 12 booked → 5, 5–8 → 3, 9–11 → 1.
 * - No free place (capacity 0, or booked ≥ capacity) → 0 points, bonus and
 *   recall minimum included: the booking cannot be accepted.
 * - The time bonus adds to the tier points; a recall earns
 *   floor(total / recallDivisor), at least `recallMinimum`.
 */

const FRACTION = /^(\d{1,4})\/(\d{1,4})$/;

interface Fraction {
  numerator: number;
  denominator: number;
}

function parseFraction(value: string): Fraction | undefined {
  const match = FRACTION.exec(value);
  if (!match) return undefined;
  const numerator = Number(match[1]);
  const denominator = Number(match[2]);
  if (denominator === 0 || numerator > denominator) return undefined;
  return { numerator, denominator };
}

const fractionSchema = z.string().refine((value) => parseFraction(value) !== undefined, "points.fraction");

const points = z.int("field.integer").min(0).max(1000);

export const pointsRuleSchema = z
  .object({
    tiers: z
      .array(z.object({ upTo: fractionSchema, points }))
      .max(10)
      .default(() => [
        { upTo: "1/3", points: 5 },
        { upTo: "2/3", points: 3 },
      ]),
    abovePoints: points.default(1),
    timeBonuses: z
      .array(z.object({ time: hhmmSchema, points }))
      .max(48)
      .default(() => [
        { time: "11:00", points: 2 },
        { time: "14:00", points: 2 },
      ]),
    recallDivisor: z.int("field.integer").min(1).max(10).default(2),
    recallMinimum: points.default(1),
  })
  .superRefine((rule, ctx) => {
    const ratios = rule.tiers.map((tier) => parseFraction(tier.upTo));
    for (let i = 1; i < ratios.length; i++) {
      const previous = ratios[i - 1];
      const current = ratios[i];
      if (previous && current && compare(previous, current) >= 0) {
        ctx.addIssue({ code: "custom", path: ["tiers", i, "upTo"], message: "points.tiersAscending" });
      }
    }
  });

export type PointsRule = z.infer<typeof pointsRuleSchema>;

export const defaultPointsRule: PointsRule = pointsRuleSchema.parse({});

export interface BookingForPoints {
  /** Accepted bookings in the slot before this one. */
  booked: number;
  capacity: number;
  /** Local slot time, HH:mm. */
  time: string;
  recall: boolean;
}

/** Points for one booking under `rule`; see the module comment for the edges. */
export function pointsForBooking(rule: PointsRule, booking: BookingForPoints): number {
  const { booked, capacity, time, recall } = booking;
  if (!Number.isInteger(booked) || booked < 0 || !Number.isInteger(capacity) || capacity < 0) {
    throw new RangeError(`booked and capacity must be non-negative integers (${booked}/${capacity})`);
  }
  if (booked >= capacity) return 0;

  const tier = rule.tiers.find((candidate) => {
    const upTo = parseFraction(candidate.upTo);
    // booked / capacity ≤ n / d  ⇔  booked · d ≤ n · capacity (exact for integers).
    return upTo !== undefined && booked * upTo.denominator <= upTo.numerator * capacity;
  });
  const base = tier ? tier.points : rule.abovePoints;
  const bonus = rule.timeBonuses
    .filter((candidate) => candidate.time === time)
    .reduce((sum, candidate) => sum + candidate.points, 0);
  const total = base + bonus;
  if (!recall) return total;
  return Math.max(Math.floor(total / rule.recallDivisor), rule.recallMinimum);
}

/**
 * Points a new booking into `slot` earns under `rule`, from the slot's fill as
 * it stands: what the availability API shows and what create and reschedule
 * award. The one place that turns a slot into points.
 */
export function pointsForSlot(
  rule: PointsRule,
  slot: Pick<BookingForPoints, "booked" | "capacity" | "time">,
  recall = false,
): number {
  return pointsForBooking(rule, { booked: slot.booked, capacity: slot.capacity, time: slot.time, recall });
}

function compare(a: Fraction, b: Fraction): number {
  return a.numerator * b.denominator - b.numerator * a.denominator;
}
