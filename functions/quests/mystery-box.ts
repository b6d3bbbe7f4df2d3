import type { MysteryBoxGrant } from "../../shared/data/gamification/wheel-repository.ts";

export const mysteryBoxGrant: MysteryBoxGrant | undefined = undefined;
