import {
  loginRewardSchema,
  questClaimQuerySchema,
  questClaimSchema,
  questIdParamsSchema,
  questsSchema,
  spinQuerySchema,
  spinResultSchema,
  wheelSchema,
} from "../contracts/quests.ts";
import type { RouteDefinition } from "./route-types.ts";

/** Daily quests, the Glücksrad and the daily login reward: always the signed-in agent's own. */
export const questsRoutes = {
  getQuests: {
    method: "GET",
    path: "/api/gamification/quests",
    feature: "quests",
    role: "agent",
    summary:
      "Today's 4 quests with progress, claim state and the day's multiplier (plus yesterday's unclaimed)",
    tags: ["gamification"],
    response: { status: 200, schema: questsSchema },
  },
  claimQuest: {
    method: "POST",
    path: "/api/gamification/quests/{questId}/claim",
    feature: "quests",
    role: "agent",
    summary: "Claim a completed quest's reward (once; today's or yesterday's quest)",
    tags: ["gamification"],
    request: { params: questIdParamsSchema, query: questClaimQuerySchema },
    response: { status: 200, schema: questClaimSchema },
  },
  getWheel: {
    method: "GET",
    path: "/api/gamification/wheel",
    feature: "quests",
    role: "agent",
    summary:
      "The wheel of fortune: prizes with weights, the cost of a spin, the balance and the last 100 spins",
    tags: ["gamification"],
    response: { status: 200, schema: wheelSchema },
  },
  spinWheel: {
    method: "POST",
    path: "/api/gamification/wheel/spin",
    feature: "quests",
    role: "agent",
    summary: "Spin (10 coins or one bonus spin); the prize is drawn on the server and credited at once",
    tags: ["gamification"],
    request: { query: spinQuerySchema },
    response: { status: 200, schema: spinResultSchema },
    throttle: { rate: 10, burst: 20 },
  },
  claimLoginReward: {
    method: "POST",
    path: "/api/gamification/login-reward",
    feature: "quests",
    role: "agent",
    summary:
      "The daily login reward: granted on the first call of a local day, then answered as already granted",
    tags: ["gamification"],
    response: { status: 200, schema: loginRewardSchema },
  },
} as const satisfies Record<string, RouteDefinition>;
