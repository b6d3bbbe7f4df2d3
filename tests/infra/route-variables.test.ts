import { describe, expect, it } from "vitest";
import { routeEntries } from "../../shared/http/routes.ts";

/**
 * API Gateway (HTTP API) refuses a route whose path variable sits at the same
 * level as another route's variable of a different name ("conflicting variable
 * on the same hierarchical level", whatever the methods): `npm run synth`
 * passes, the deploy fails. So below one parent path every route uses the
 * same variable name.
 */
describe("route table paths", () => {
  it("never puts differently named path variables side by side", () => {
    const variablesBelow = new Map<string, Set<string>>();
    for (const [, route] of routeEntries) {
      const segments = route.path.split("/");
      segments.forEach((segment, index) => {
        if (!segment.startsWith("{")) return;
        const parent = segments.slice(0, index).join("/");
        variablesBelow.set(parent, (variablesBelow.get(parent) ?? new Set()).add(segment));
      });
    }
    const conflicts = [...variablesBelow]
      .filter(([, names]) => names.size > 1)
      .map(([parent, names]) => `${parent}/${[...names].join("|")}`);
    expect(conflicts).toEqual([]);
  });
});
