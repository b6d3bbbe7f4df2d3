/**
 * Stands in for `@aws-sdk/credential-provider-node` in Lambda bundles
 * (stacks/bundling.ts `alias`): the Lambda runtime always provides the
 * function role's credentials as environment variables, so the SDK's chain of
 * other sources (profiles, SSO, web identity, container and instance metadata)
 * would only add code that a cold start loads and never runs.
 */
import { fromEnv } from "@aws-sdk/credential-provider-env";

export const defaultProvider = (init?: Parameters<typeof fromEnv>[0]) => fromEnv(init);
