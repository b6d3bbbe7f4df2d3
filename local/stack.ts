import { join, resolve } from "node:path";
import type { AvailabilityRun } from "../functions/availability/generate.ts";
import type { TrainingSummary } from "../functions/predictions/train-job.ts";
import { bootstrapUsers, parseBootstrapUsers } from "../shared/auth/bootstrap.ts";
import { resetCalendarClient } from "../shared/calendar/client.ts";
import { config, resetConfig } from "../shared/config.ts";
import { migrateLegacyOutcomes } from "../shared/data/bookings-repository.ts";
import { resetClients } from "../shared/data/clients.ts";
import { seedConsultants } from "../shared/data/consultants-repository.ts";
import { securityHeaders } from "../shared/http/security-headers.ts";
import { setLocalJobStarter } from "../shared/jobs/job-starter.ts";
import { type CalendarEmulator, startCalendarEmulator } from "./calendar/emulator.ts";
import { seedDemoBookings, seedDemoHistory } from "./demo/bookings.ts";
import { seedDemoCalendars } from "./demo/calendars.ts";
import { demoConsultants } from "./demo/consultants.ts";
import { seedDemoGamification } from "./demo/gamification.ts";
import { seedDemoShop } from "./demo/shop.ts";
import { seedDemoTelefonie } from "./demo/telefonie.ts";
import { demoUsers } from "./demo/users.ts";
import { ensureTable, startDynamoLocal } from "./dynamodb-local.ts";
import { type Gateway, startGateway } from "./gateway.ts";
import { startObjectStore } from "./object-store.ts";
import { makePrivateDir } from "./private-dir.ts";
import { inProcessJobStarter, jobNamed, runJob, startScheduler } from "./scheduler.ts";
import { localSessionSecret } from "./session-secret.ts";
import { startStreamPoller } from "./stream-poller.ts";

export interface LocalStackOptions {
  /** Where DynamoDB Local, s3rver, the emulator and the stream checkpoints keep state. Omit: in memory / temporary. */
  dataDir: string;
  port: number;
  /** Serve the built site from here. */
  siteDir?: string;
  /** Fire the cron schedules (off in tests, which call jobs directly). */
  schedules?: boolean;
  /** Seed demo calendars, users and bookings on first start. */
  demoData?: boolean;
  /**
   * With demo data: also the months of resolved history before the recent
   * weeks and the 270 imported daily totals, written in the background once
   * the app is up (`npm start`), or not at all (tests write their own).
   */
  demoHistory?: boolean;
  /** Tests only: see the gateway's option of that name. */
  sourceAddressHeader?: string;
  log?: (line: string) => void;
}

export interface LocalStack {
  url: string;
  gateway: Gateway;
  calendar: CalendarEmulator | undefined;
  calendarUrl: string;
  dynamoEndpoint: string;
  s3Endpoint: string;
  /** This process and DynamoDB Local's JVM: the processes that listen on the stack's ports. */
  pids: number[];
  /** Deliver every pending stream record to the events handler now. */
  drainStream(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the whole product on this machine: DynamoDB Local, s3rver, the
 * calendar emulator (unless GOOGLE_CALENDAR_API_URL points elsewhere), the
 * gateway, the stream poller and the scheduler. Sets the environment the
 * handlers read, exactly as CDK sets it on AWS.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const log = options.log ?? (() => undefined);
  const dataDir = resolve(options.dataDir);
  makePrivateDir(dataDir);
  // s3rver, the emulator and the stream checkpoints write files in this process: owner-only.
  const previousUmask = process.umask(0o077);
  const stops: (() => Promise<void>)[] = [async () => void process.umask(previousUmask)];
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne().catch(() => undefined);
  };

  try {
    process.env.TABLE_NAME ??= "slot-booking";
    process.env.EXPORT_BUCKET ??= "slot-booking-exports";
    process.env.POWERTOOLS_METRICS_DISABLED ??= "true";
    process.env.POWERTOOLS_LOG_LEVEL ??= "WARN";
    process.env.SESSION_SECRET ??= localSessionSecret(dataDir);

    const [dynamo, objectStore] = await Promise.all([
      startDynamoLocal({ dataDir: join(dataDir, "dynamodb") }),
      startObjectStore({ dataDir: join(dataDir, "s3"), buckets: [process.env.EXPORT_BUCKET] }),
    ]);
    stops.push(
      () => dynamo.stop(),
      () => objectStore.stop(),
    );
    process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
    process.env.S3_ENDPOINT = objectStore.endpoint;
    log(`DynamoDB Local   ${dynamo.endpoint}`);
    log(`S3 (s3rver)      ${objectStore.endpoint}`);

    let calendar: CalendarEmulator | undefined;
    if (!process.env.GOOGLE_CALENDAR_API_URL) {
      calendar = await startCalendarEmulator({ dataFile: join(dataDir, "calendar.json") });
      stops.push(() => calendar!.close());
      process.env.GOOGLE_CALENDAR_API_URL = calendar.url;
      process.env.CONSULTANTS ??= demoConsultants.map((c) => `${c.name}:${c.calendarId}`).join(",");
      log(`Calendar (emulator) ${calendar.url}`);
    } else {
      log(`Calendar API     ${process.env.GOOGLE_CALENDAR_API_URL}`);
    }
    resetConfig();
    resetClients();
    resetCalendarClient();

    await ensureTable(dynamo.client, config().TABLE_NAME);
    // One-off, idempotent: bookings stored with a renamed outcome value ("appeared") get the new name.
    const renamedOutcomes = await migrateLegacyOutcomes();
    if (renamedOutcomes) log(`Outcomes renamed (appeared → completed): ${renamedOutcomes}`);
    if (calendar && options.demoData) {
      seedDemoCalendars(calendar, {
        consultants: [...demoConsultants],
        days: 56,
        from: new Date(),
        timeZone: config().TIMEZONE,
      });
    }

    const seeded = await seedConsultants(config().CONSULTANTS);
    if (seeded) log(`Consultants from CONSULTANTS: ${seeded}`);
    if (options.demoData) await bootstrapUsers(demoUsers, "demo-users");
    // A bad entry is reported and skipped: the others still sign in.
    const bootstrapped = await bootstrapUsers(
      parseBootstrapUsers(process.env.BOOTSTRAP_USERS ?? "", (problem) => log(`BOOTSTRAP_USERS: ${problem}`)),
    );
    if (bootstrapped) log(`Users from BOOTSTRAP_USERS: ${bootstrapped} created or updated`);

    // Admins' "run now" starts the job handler in this process, as AWS invokes the job's Lambda.
    setLocalJobStarter(inProcessJobStarter(log));
    stops.push(async () => setLocalJobStarter(undefined));
    const gateway = await startGateway({
      port: options.port,
      responseHeaders: securityHeaders,
      ...(options.siteDir ? { siteDir: options.siteDir } : {}),
      ...(options.sourceAddressHeader ? { sourceAddressHeader: options.sourceAddressHeader } : {}),
    });
    stops.push(() => gateway.close());

    // Slots exist from the first minute, not only after the next scheduled run.
    const availability = (await runJob(jobNamed("generate-availability"))) as AvailabilityRun;
    log(
      `Availability: ${availability.slots} slots from ${availability.consultants} consultants' calendars (${availability.googleCalls} calendar calls)`,
    );
    if (options.demoData) await seedDemoBookings(log);
    if (options.demoData) await seedDemoShop(log);
    if (options.demoData) await seedDemoGamification(log);
    if (options.demoData) await seedDemoTelefonie(log);
    if (options.demoData && options.demoHistory) {
      const history = seedDemoHistory(log)
        // Without this the demo's forecasts would appear only after the nightly training.
        .then(async (written) => {
          if (written === 0) return;
          const model = (await runJob(jobNamed("train-no-show-model"))) as TrainingSummary;
          log(
            model.status === "trained"
              ? `No-show model: trained on ${model.trainingBookings} bookings, AUC ${model.auc?.toFixed(3)} (base rate ${model.baseAuc?.toFixed(3)})`
              : `No-show model: not enough history yet (${model.trainingBookings} bookings)`,
          );
        })
        .catch((error: unknown) =>
          log(`Demo history failed: ${error instanceof Error ? error.message : String(error)}`),
        );
      stops.push(() => history);
    }

    const poller = startStreamPoller({
      dynamo: dynamo.client,
      endpoint: dynamo.endpoint,
      tableName: config().TABLE_NAME,
      checkpointFile: join(dataDir, "stream-checkpoints.json"),
      log,
    });
    stops.push(() => poller.stop());

    if (options.schedules) {
      const scheduler = startScheduler(log);
      stops.push(async () => scheduler.stop());
    }

    return {
      url: gateway.url,
      gateway,
      calendar,
      calendarUrl: config().GOOGLE_CALENDAR_API_URL ?? "",
      dynamoEndpoint: dynamo.endpoint,
      s3Endpoint: objectStore.endpoint,
      pids: [process.pid, ...(dynamo.pid ? [dynamo.pid] : [])],
      drainStream: () => poller.drain(),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
