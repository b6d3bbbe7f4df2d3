import type { GoalView } from "../../shared/contracts/goals.ts";
import { slotTimeZone } from "../../shared/data/booking-settings.ts";
import {
  claimGoal,
  createGoal,
  deleteGoal,
  getGoal,
  goalBaseline,
  goalValue,
  listGoals,
  type StoredGoal,
  updateGoalTarget,
} from "../../shared/data/gamification/goals-repository.ts";
import { localDate } from "../../shared/domain/booking/local-date.ts";
import {
  goalFraction,
  goalReward,
  goalStatus,
  goalTemplateIds,
  goalTemplates,
  maxOpenGoals,
  targetInRange,
} from "../../shared/domain/gamification/goals.ts";
import { HttpError } from "../../shared/http/errors.ts";
import { createFeatureHandler } from "../../shared/http/pipeline.ts";
import { pipelineOptions } from "../../shared/http/pipeline-options.ts";

const notFound = () => new HttpError("not_found", "goal.notFound");

async function today(): Promise<string> {
  return localDate(new Date(), await slotTimeZone());
}

async function view(goal: StoredGoal, date: string): Promise<GoalView> {
  const template = goalTemplates[goal.template];
  const value = goal.claimedAt ? undefined : await goalValue(goal, date);
  const status = goalStatus(template, goal, value, date);
  return {
    id: goal.id,
    template: goal.template,
    target: goal.target,
    createdAt: goal.createdAt,
    deadline: goal.deadline,
    value: value ?? null,
    fraction: status === "claimed" ? 1 : goalFraction(template, goal.target, value),
    status,
    reward: goalReward(template),
    ...(goal.claimedAt ? { claimedAt: goal.claimedAt } : {}),
  };
}

function outOfRange(templateId: StoredGoal["template"]) {
  const template = goalTemplates[templateId];
  const message = { id: "goal.targetOutOfRange" as const, params: { min: template.min, max: template.max } };
  return new HttpError("invalid", message, { fields: { "body.target": message } });
}

/** Personal goals; every operation acts on the caller's own goals. */
export const handler = createFeatureHandler(
  "goals",
  {
    async listGoals({ principal }) {
      const date = await today();
      const goals = await listGoals(principal.username);
      return {
        templates: goalTemplateIds.map((id) => {
          const template = goalTemplates[id];
          return {
            id,
            defaultTarget: template.defaultTarget,
            min: template.min,
            max: template.max,
            multiplier: template.multiplier,
            deadline: template.deadline,
            lowerIsBetter: template.lowerIsBetter ?? false,
            reward: goalReward(template),
          };
        }),
        goals: await Promise.all(goals.map((goal) => view(goal, date))),
      };
    },

    async createGoal({ principal, body, response }) {
      const date = await today();
      const open = (
        await Promise.all((await listGoals(principal.username)).map((goal) => view(goal, date)))
      ).filter((goal) => goal.status === "active" || goal.status === "reached");
      if (open.length >= maxOpenGoals)
        throw new HttpError("conflict", { id: "goal.tooMany", params: { max: maxOpenGoals } });
      const goal = await createGoal({
        username: principal.username,
        template: body.template,
        target: body.target ?? goalTemplates[body.template].defaultTarget,
        now: new Date(),
        today: date,
        baseline: await goalBaseline(principal.username, body.template),
      });
      response.status = 201;
      return view(goal, date);
    },

    async updateGoal({ principal, params, body }) {
      const goal = await getGoal(principal.username, params.id);
      if (!goal) throw notFound();
      if (!targetInRange(goalTemplates[goal.template], body.target)) throw outOfRange(goal.template);
      const date = await today();
      const current = await view(goal, date);
      if (current.status === "claimed" || current.status === "expired")
        throw new HttpError("conflict", "goal.closed");
      if (!(await updateGoalTarget(principal.username, goal.id, body.target)))
        throw new HttpError("conflict", "goal.closed");
      return view({ ...goal, target: body.target }, date);
    },

    async deleteGoal({ principal, params }) {
      if (!(await deleteGoal(principal.username, params.id))) throw notFound();
      return { ok: true as const };
    },

    async claimGoal({ principal, params }) {
      const goal = await getGoal(principal.username, params.id);
      if (!goal) throw notFound();
      if (goal.claimedAt) throw new HttpError("conflict", "goal.alreadyClaimed");
      const date = await today();
      const current = await view(goal, date);
      if (current.status !== "reached") throw new HttpError("conflict", "goal.notReached");
      const now = new Date();
      const { applied } = await claimGoal(goal, now);
      if (!applied) throw new HttpError("conflict", "goal.alreadyClaimed");
      return view({ ...goal, claimedAt: now.toISOString() }, date);
    },
  },
  pipelineOptions(),
);
