import { generateAvailability } from "../../functions/availability/generate.ts";
import { listEvents } from "../../shared/calendar/events.ts";
import { mapWithLimit } from "../../shared/concurrency.ts";
import { currentSlotTemplate } from "../../shared/data/booking-settings.ts";
import { listConsultants } from "../../shared/data/consultants-repository.ts";
import { generateSlots, localDate } from "../../shared/domain/booking/slot-template.ts";
import { type BenchContext, type BenchRow, repeat, timed } from "./table.ts";

/**
 * The availability job for the bench's consultants over the template's horizon
 * (20 × 56 days): Google calls and wall time, against the naive approach of one
 * `events.list` per consultant per slot (same client, same concurrency of 4,
 * against the same emulator), run in full in each run.
 */
export async function benchAvailability(ctx: BenchContext): Promise<BenchRow[]> {
  const template = await currentSlotTemplate();
  const slots = generateSlots(template, localDate(new Date(), template.timeZone), template.horizonDays);
  const consultants = (await listConsultants()).filter((consultant) => consultant.active);
  const size = `${consultants.length} consultants × ${template.horizonDays} days`;

  // The runner's first run after filling the calendars wrote every slot: these runs find nothing changed.
  // The naive baseline makes thousands of calls: 3 runs are enough.
  const runs = await repeat(Math.min(ctx.runs, 3), async () => {
    const job = await generateAvailability();
    let naiveCalls = 0;
    const naiveMs = await timed(() =>
      mapWithLimit(consultants, 4, async (consultant) => {
        for (const slot of slots) {
          await listEvents(consultant.calendarId, slot.start, slot.end, () => naiveCalls++);
        }
      }),
    );
    return { job, naiveCalls, naiveMs };
  });

  const naiveName = "one events.list per consultant per slot";
  return [
    {
      figure: `availability job, ${size}: Google calls`,
      unit: "calls",
      samples: runs.map((run) => run.job.googleCalls),
      baseline: { name: naiveName, samples: runs.map((run) => run.naiveCalls) },
    },
    {
      figure: `availability job, ${size}: time (nothing changed)`,
      unit: "ms",
      samples: runs.map((run) => run.job.durationMs),
      baseline: { name: naiveName, samples: runs.map((run) => run.naiveMs) },
    },
  ];
}
