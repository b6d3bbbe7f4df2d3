import { listAudit, writeAudit } from "../../shared/data/audit-repository.ts";
import {
  currentBookingRules,
  currentPointsRule,
  saveBookingRules,
  savePointsRule,
  saveSlotTemplate,
  slotTimeZone,
  storedSlotTemplate,
} from "../../shared/data/booking-settings.ts";
import { listOverCapacity } from "../../shared/data/bookings-repository.ts";
import { latestJobRuns } from "../../shared/data/job-runs-repository.ts";
import { deleteSessionsOfUser } from "../../shared/data/sessions-repository.ts";
import { clearLoginLocks, listLoginLocks } from "../../shared/data/throttle-repository.ts";
import { createUser, listUsers, type UserChanges, updateUser } from "../../shared/data/users-repository.ts";
import { hashPassword } from "../../shared/domain/auth/password.ts";
import { loginThrottle } from "../../shared/domain/auth/throttle.ts";
import { addDays, daysBetween, localDate } from "../../shared/domain/booking/local-date.ts";
import { dayBounds } from "../../shared/domain/booking/slot-template.ts";
import { HttpError, invalidRequest } from "../../shared/http/errors.ts";
import { createFeatureHandler } from "../../shared/http/pipeline.ts";
import { pipelineOptions } from "../../shared/http/pipeline-options.ts";
import { describeAuditEntries } from "./audit-view.ts";
import { startJobNow } from "./jobs.ts";

const maxAuditDays = 92;

export const handler = createFeatureHandler(
  "admin",
  {
    async listUsers() {
      const users = await listUsers();
      return { users: users.sort((a, b) => a.username.localeCompare(b.username)) };
    },

    async createUser({ body, principal, response }) {
      const now = new Date().toISOString();
      const user = {
        username: body.username,
        displayName: body.displayName,
        role: body.role,
        active: true,
        createdAt: now,
        updatedAt: now,
        passwordHash: await hashPassword(body.password),
      };
      if (!(await createUser(user))) {
        throw new HttpError("conflict", "user.exists", {
          fields: { "body.username": "user.taken" },
        });
      }
      await writeAudit({
        actor: principal.username,
        action: "user.created",
        target: user.username,
        detail: { role: user.role },
      });
      response.status = 201;
      return user;
    },

    async updateUser({ params, body, principal }) {
      const self = params.username === principal.username;
      if (self && (body.active === false || body.role === "agent")) {
        throw new HttpError("conflict", "user.selfLockout");
      }
      const changes: UserChanges = {
        displayName: body.displayName,
        role: body.role,
        active: body.active,
        ...(body.password ? { passwordHash: await hashPassword(body.password) } : {}),
      };
      const user = await updateUser(params.username, changes, new Date().toISOString());
      if (!user) throw new HttpError("not_found", "user.notFound");
      // A changed role, password or a deactivation ends the user's sessions at once.
      if (body.role || body.password || body.active === false) await deleteSessionsOfUser(user.username);
      const changed = Object.keys(body).filter((field) => field !== "password");
      await writeAudit({
        actor: principal.username,
        action: body.password ? "user.password_reset" : "user.updated",
        target: user.username,
        detail: Object.fromEntries(changed.map((field) => [field, String(body[field as keyof typeof body])])),
      });
      return user;
    },

    async listAudit({ query }) {
      // Days are the app's local days (as the site shows the entries' times), not UTC's.
      const timeZone = await slotTimeZone();
      const toDay = query.to ?? localDate(new Date(), timeZone);
      const fromDay = query.from ?? addDays(toDay, -6);
      const days = daysBetween(fromDay, toDay);
      if (days < 0) throw invalidRequest({ "query.from": "range.fromAfterTo" });
      if (days > maxAuditDays)
        throw invalidRequest({ "query.from": { id: "range.tooManyDays", params: { max: maxAuditDays } } });
      const entries = await listAudit({
        since: dayBounds(fromDay, timeZone).start,
        until: dayBounds(toDay, timeZone).end,
        limit: 500,
        ...(query.user ? { actor: query.user } : {}),
        ...(query.action ? { action: query.action } : {}),
      });
      return { entries: await describeAuditEntries(entries) };
    },

    async getSlotTemplate() {
      return storedSlotTemplate();
    },

    async putSlotTemplate({ body, principal }) {
      await saveSlotTemplate(body);
      await writeAudit({ actor: principal.username, action: "settings.slot_template" });
      return body;
    },

    async getPointsRule() {
      return currentPointsRule();
    },

    async putPointsRule({ body, principal }) {
      await savePointsRule(body);
      await writeAudit({ actor: principal.username, action: "settings.points_rule" });
      return body;
    },

    async getBookingRules() {
      return currentBookingRules();
    },

    async putBookingRules({ body, principal }) {
      await saveBookingRules(body);
      await writeAudit({
        actor: principal.username,
        action: "settings.booking_rules",
        detail: Object.fromEntries(Object.entries(body).map(([field, value]) => [field, String(value)])),
      });
      return body;
    },

    async listOverCapacityBookings() {
      const bookings = await listOverCapacity();
      return {
        bookings: bookings
          .sort((a, b) => a.start.localeCompare(b.start))
          .map(({ eventId: _eventId, recall: _recall, ...booking }) => booking),
      };
    },

    async runJob({ params, query, principal }) {
      const run = await startJobNow(params.job, query);
      await writeAudit({ actor: principal.username, action: "job.run", target: params.job });
      return { run };
    },

    async listJobRuns({ params }) {
      return { runs: await latestJobRuns(params.job) };
    },

    async listLoginLocks() {
      const { pair, user } = loginThrottle.rules;
      const locks = await listLoginLocks(
        { pair: pair.freeAttempts, user: user.freeAttempts },
        Math.floor(Date.now() / 1000),
      );
      return { locks: locks.sort((a, b) => a.username.localeCompare(b.username)) };
    },

    async clearLoginLocks({ params, principal }) {
      const cleared = await clearLoginLocks(params.username);
      await writeAudit({
        actor: principal.username,
        action: "user.login_lock_lifted",
        target: params.username,
        detail: { counters: cleared },
      });
      return { cleared };
    },
  },
  pipelineOptions(),
);
