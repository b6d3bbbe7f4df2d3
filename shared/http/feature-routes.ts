import type { Feature, RouteDefinition } from "./route-types.ts";
import { bookingRoutes, type OperationId } from "./routes.ts";
import { adminRoutes } from "./routes-admin.ts";
import { analyticsRoutes } from "./routes-analytics.ts";
import { authRoutes } from "./routes-auth.ts";
import { badgesRoutes } from "./routes-badges.ts";
import { consultantsRoutes } from "./routes-consultants.ts";
import { customersRoutes } from "./routes-customers.ts";
import { exportsRoutes } from "./routes-exports.ts";
import { goalsRoutes } from "./routes-goals.ts";
import { importsRoutes } from "./routes-imports.ts";
import { predictionsRoutes } from "./routes-predictions.ts";
import { progressRoutes } from "./routes-progress.ts";
import { questsRoutes } from "./routes-quests.ts";
import { reportsRoutes } from "./routes-reports.ts";
import { shopRoutes } from "./routes-shop.ts";
import { systemRoutes } from "./routes-system.ts";
import { telefonieRoutes } from "./routes-telefonie.ts";

type RouteGroup = Record<string, RouteDefinition>;

/**
 * The route groups that hold a feature's routes (a group may hold another
 * feature's route too: the customer search sits with the predictions).
 *
 * A Lambda bundle keeps only its own feature's routes and their schemas: when
 * bundling a feature, esbuild replaces `process.env.BUNDLED_FEATURE` with its
 * name (stacks/bundling.ts), every comparison below folds to a constant and
 * the other groups' modules are dropped. Unbundled (local platform, tests) it
 * is unset and the argument decides.
 */
function groupsOf(feature: Feature): RouteGroup[] {
  // Each test reads the variable itself: esbuild folds a comparison with the replaced literal, not a local copy of it.
  if ((process.env.BUNDLED_FEATURE ?? feature) === "system") return [systemRoutes];
  if ((process.env.BUNDLED_FEATURE ?? feature) === "auth") return [authRoutes];
  if ((process.env.BUNDLED_FEATURE ?? feature) === "admin") return [adminRoutes];
  if ((process.env.BUNDLED_FEATURE ?? feature) === "consultants") return [consultantsRoutes];
  if ((process.env.BUNDLED_FEATURE ?? feature) === "booking") return [bookingRoutes];
  if ((process.env.BUNDLED_FEATURE ?? feature) === "customers") return [customersRoutes, predictionsRoutes];
  if ((process.env.BUNDLED_FEATURE ?? feature) === "analytics") return [analyticsRoutes];
  if ((process.env.BUNDLED_FEATURE ?? feature) === "badges") return [badgesRoutes];
  if ((process.env.BUNDLED_FEATURE ?? feature) === "exports") return [exportsRoutes];
  if ((process.env.BUNDLED_FEATURE ?? feature) === "quests") return [questsRoutes];
  if ((process.env.BUNDLED_FEATURE ?? feature) === "goals") return [goalsRoutes];
  if ((process.env.BUNDLED_FEATURE ?? feature) === "progress") return [progressRoutes];
  if ((process.env.BUNDLED_FEATURE ?? feature) === "shop") return [shopRoutes];
  if ((process.env.BUNDLED_FEATURE ?? feature) === "telefonie") return [telefonieRoutes];
  if ((process.env.BUNDLED_FEATURE ?? feature) === "reports") return [reportsRoutes];
  if ((process.env.BUNDLED_FEATURE ?? feature) === "predictions") return [predictionsRoutes];
  if ((process.env.BUNDLED_FEATURE ?? feature) === "imports") return [importsRoutes];
  return [];
}

/** The routes a feature's Lambda serves (tests/unit/feature-routes.test.ts checks them against the table). */
export function featureRoutes(feature: Feature): [OperationId, RouteDefinition][] {
  return groupsOf(feature)
    .flatMap((group) => Object.entries(group) as [OperationId, RouteDefinition][])
    .filter(([, route]) => route.feature === feature);
}
