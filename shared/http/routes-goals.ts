import {
  goalIdParamsSchema,
  goalInputSchema,
  goalSchema,
  goalsSchema,
  goalUpdateSchema,
} from "../contracts/goals.ts";
import { okSchema } from "../contracts/user-records.ts";
import type { RouteDefinition } from "./route-types.ts";

/** Personal goals of the signed-in agent. */
export const goalsRoutes = {
  listGoals: {
    method: "GET",
    path: "/api/gamification/goals",
    feature: "goals",
    role: "agent",
    summary: "The goal templates and the agent's goals with progress",
    tags: ["gamification"],
    response: { status: 200, schema: goalsSchema },
  },
  createGoal: {
    method: "POST",
    path: "/api/gamification/goals",
    feature: "goals",
    role: "agent",
    summary: "Set a personal goal from a template (target within the template's limits)",
    tags: ["gamification"],
    request: { body: goalInputSchema },
    response: { status: 201, schema: goalSchema },
  },
  updateGoal: {
    method: "PUT",
    path: "/api/gamification/goals/{id}",
    feature: "goals",
    role: "agent",
    summary: "Change the target of an open goal",
    tags: ["gamification"],
    request: { params: goalIdParamsSchema, body: goalUpdateSchema },
    response: { status: 200, schema: goalSchema },
  },
  deleteGoal: {
    method: "DELETE",
    path: "/api/gamification/goals/{id}",
    feature: "goals",
    role: "agent",
    summary: "Delete a goal",
    tags: ["gamification"],
    request: { params: goalIdParamsSchema },
    response: { status: 200, schema: okSchema },
  },
  claimGoal: {
    method: "POST",
    path: "/api/gamification/goals/{id}/claim",
    feature: "goals",
    role: "agent",
    summary: "Claim a reached goal's reward (50 XP × the template's multiplier and as many coins; once)",
    tags: ["gamification"],
    request: { params: goalIdParamsSchema },
    response: { status: 200, schema: goalSchema },
  },
} as const satisfies Record<string, RouteDefinition>;
