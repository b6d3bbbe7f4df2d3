import { HttpError } from "../../shared/http/errors.ts";
import { createFeatureHandler } from "../../shared/http/pipeline.ts";
import { pipelineOptions } from "../../shared/http/pipeline-options.ts";
import type { Principal } from "../../shared/http/principal.ts";
import { badgesView, claimMastery, masteryView, prestigeNow, prestigeView } from "./views.ts";

/** Agents see their own achievements, admins anyone's. */
function mayRead(principal: Principal, username: string): void {
  if (principal.role !== "admin" && principal.username !== username) {
    throw new HttpError("forbidden", "gamification.otherUser");
  }
}

export const handler = createFeatureHandler(
  "badges",
  {
    async getBadges({ params, principal }) {
      mayRead(principal, params.username);
      return badgesView(params.username, new Date());
    },
    async getPrestige({ params, principal }) {
      mayRead(principal, params.username);
      return prestigeView(params.username);
    },
    async prestigeNow({ principal }) {
      return prestigeNow(principal.username, new Date());
    },
    async getMastery({ params, principal }) {
      mayRead(principal, params.username);
      return masteryView(params.username);
    },
    async claimMastery({ params, principal }) {
      return claimMastery(principal.username, params.track, new Date());
    },
  },
  pipelineOptions(),
);
