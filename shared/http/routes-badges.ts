import {
  badgesViewSchema,
  gamificationUserParamsSchema,
  masteryClaimResultSchema,
  masteryTrackParamsSchema,
  masteryViewSchema,
  prestigeViewSchema,
} from "../contracts/badges.ts";
import type { RouteDefinition } from "./route-types.ts";

/** Badges, prestige and mastery: agents read and act for themselves, admins read anyone. */
export const badgesRoutes = {
  getBadges: {
    method: "GET",
    path: "/api/gamification/badges/{username}",
    feature: "badges",
    role: "agent",
    summary:
      "The badge catalogue with the agent's earned and locked badges, earned dates and progress toward the next",
    tags: ["gamification"],
    request: { params: gamificationUserParamsSchema },
    response: { status: 200, schema: badgesViewSchema },
  },
  getPrestige: {
    method: "GET",
    path: "/api/gamification/prestige/{username}",
    feature: "badges",
    role: "agent",
    summary: "Prestige tier, prestige points, XP multiplier and whether the next tier can be taken now",
    tags: ["gamification"],
    request: { params: gamificationUserParamsSchema },
    response: { status: 200, schema: prestigeViewSchema },
  },
  prestigeNow: {
    method: "POST",
    path: "/api/gamification/prestige",
    feature: "badges",
    role: "agent",
    summary:
      "Take the next prestige tier: effective XP back to 0, level added to prestige points (409 when not eligible)",
    tags: ["gamification"],
    response: { status: 200, schema: prestigeViewSchema },
  },
  getMastery: {
    method: "GET",
    path: "/api/gamification/mastery/{username}",
    feature: "badges",
    role: "agent",
    summary: "The 5 mastery tracks: value, thresholds, reached and claimed level, rewards",
    tags: ["gamification"],
    request: { params: gamificationUserParamsSchema },
    response: { status: 200, schema: masteryViewSchema },
  },
  claimMastery: {
    method: "POST",
    path: "/api/gamification/mastery/tracks/{track}/claim",
    feature: "badges",
    role: "agent",
    summary: "Claim the next reached mastery level of a track (409 when none is reached and unclaimed)",
    tags: ["gamification"],
    request: { params: masteryTrackParamsSchema },
    response: { status: 200, schema: masteryClaimResultSchema },
  },
} as const satisfies Record<string, RouteDefinition>;
