import {
  exclusionsSchema,
  leaderboardQuerySchema,
  leaderboardSchema,
  levelUpsSeenSchema,
  progressParamsSchema,
  progressSchema,
} from "../contracts/progress.ts";
import type { RouteDefinition } from "./route-types.ts";

export const progressRoutes = {
  getProgress: {
    method: "GET",
    path: "/api/gamification/progress/{username}",
    feature: "progress",
    role: "agent",
    summary:
      "An agent's progress: points (provisional/confirmed), XP, level, title, next level, prestige, streaks, coins, inventory, unseen level-ups; agents read their own, admins anyone",
    tags: ["gamification"],
    request: { params: progressParamsSchema },
    response: { status: 200, schema: progressSchema },
  },
  acknowledgeLevelUps: {
    method: "POST",
    path: "/api/gamification/progress/{username}/level-ups/seen",
    feature: "progress",
    role: "agent",
    summary: "Mark the agent's level-ups as shown (each is shown once)",
    tags: ["gamification"],
    request: { params: progressParamsSchema },
    response: { status: 200, schema: levelUpsSeenSchema },
  },
  getLeaderboard: {
    method: "GET",
    path: "/api/gamification/leaderboards",
    feature: "progress",
    role: "agent",
    summary:
      "A leaderboard (category × period, default points × month): ranks, podium, last month's champion, rank change since yesterday",
    tags: ["gamification"],
    request: { query: leaderboardQuerySchema },
    response: { status: 200, schema: leaderboardSchema },
  },
  getLeaderboardExclusions: {
    method: "GET",
    path: "/api/gamification/leaderboards/exclusions",
    feature: "progress",
    role: "admin",
    summary: "Users kept off the leaderboards",
    tags: ["gamification"],
    response: { status: 200, schema: exclusionsSchema },
  },
  setLeaderboardExclusions: {
    method: "PUT",
    path: "/api/gamification/leaderboards/exclusions",
    feature: "progress",
    role: "admin",
    summary: "Set the users kept off the leaderboards",
    tags: ["gamification"],
    request: { body: exclusionsSchema },
    response: { status: 200, schema: exclusionsSchema },
  },
} as const satisfies Record<string, RouteDefinition>;
